/*
 * names.h: the name material of the synthetic children generator (gen.h). Lists of
 * common given and family names of the traditions found among children in UK cities
 * (English, Scottish, Irish, Welsh, South Asian, Arabic and Somali, West African,
 * Eastern European, Caribbean, Turkish and Kurdish, East Asian), most common first,
 * and word parts from which rarer family names are built so that the tail of the
 * distribution has a few thousand names. Every child made from them is invented: a
 * list of common names describes no one.
 */
#ifndef LANTERN_BENCH_NAMES_H
#define LANTERN_BENCH_NAMES_H

enum origin {
	O_ENGLISH,
	O_SCOTTISH,
	O_IRISH,
	O_WELSH,
	O_SOUTH_ASIAN,
	O_ARABIC,
	O_WEST_AFRICAN,
	O_EAST_EUROPEAN,
	O_CARIBBEAN,
	O_TURKISH,
	O_EAST_ASIAN,
	O_N
};

/* Share of children by tradition of their family name (a city, roughly). */
static const double origin_share[O_N] = {0.50, 0.05, 0.06, 0.04, 0.12, 0.05,
                                         0.06, 0.06, 0.03, 0.02, 0.01};

/* Family names, commonest first, per tradition (NULL-terminated). */
static const char *const fam_english[] = {
        "Smith",     "Jones",      "Taylor",     "Brown",     "Williams",  "Wilson",
        "Johnson",   "Davies",     "Robinson",   "Wright",    "Thompson",  "Evans",
        "Walker",    "White",      "Roberts",    "Green",     "Hall",      "Wood",
        "Jackson",   "Clarke",     "Patterson",  "Harris",    "Lewis",     "Martin",
        "Cooper",    "King",       "Baker",      "Harrison",  "Morgan",    "Allen",
        "James",     "Scott",      "Phillips",   "Watson",    "Davis",     "Parker",
        "Price",     "Bennett",    "Young",      "Griffiths", "Mitchell",  "Kelly",
        "Cook",      "Carter",     "Richardson", "Bailey",    "Collins",   "Bell",
        "Shaw",      "Murphy",     "Miller",     "Cox",       "Richards",  "Khan",
        "Marshall",  "Anderson",   "Simpson",    "Ellis",     "Adams",     "Singh",
        "Begum",     "Wilkinson",  "Foster",     "Chapman",   "Powell",    "Webb",
        "Rogers",    "Gray",       "Mason",      "Hunt",      "Hussain",   "Campbell",
        "Matthews",  "Owen",       "Palmer",     "Holmes",    "Mills",     "Barnes",
        "Knight",    "Lloyd",      "Butler",     "Russell",   "Barker",    "Fisher",
        "Stevens",   "Jenkins",    "Murray",     "Dixon",     "Harvey",    "Graham",
        "Pearson",   "Ahmed",      "Fletcher",   "Walsh",     "Kaur",      "Gibson",
        "Howard",    "Andrews",    "Stewart",    "Elliott",   "Reynolds",  "Saunders",
        "Payne",     "Fox",        "Ford",       "Pearce",    "Day",       "Brooks",
        "West",      "Lawrence",   "Cole",       "Atkinson",  "Bradley",   "Spencer",
        "Gill",      "Dawson",     "Ball",       "Burton",    "O'Brien",   "Watts",
        "Rose",      "Booth",      "Perry",      "Ryan",      "Grant",     "Wells",
        "Armstrong", "Francis",    "Rees",       "Hayes",     "Hart",      "Hudson",
        "Newman",    "Barrett",    "Webster",    "Hunter",    "Gregory",   "Carr",
        "Lowe",      "Page",       "Marsh",      "Riley",     "Dunn",      "Woods",
        "Parsons",   "Berry",      "Stone",      "Reid",      "Holland",   "Hawkins",
        "Harding",   "Porter",     "Robertson",  "Newton",    "Oliver",    "Reed",
        "Kennedy",   "Williamson", "Bird",       "Gardner",   "Shah",      "Dean",
        "Lane",      "Cooke",      "Bates",      "Henderson", "Parry",     "Burgess",
        "Bishop",    "Walton",     "Burns",      "Nicholson", "Shepherd",  "Ross",
        "Cross",     "Long",       "Freeman",    "Warren",    "Nicholls",  "Hamilton",
        "Byrne",     "Sutton",     "McDonald",   "Yates",     "Hodgson",   "Robson",
        "Curtis",    "Hopkins",    "O'Connor",   "Harper",    "Coleman",   "Watkins",
        "Moore",     "Thomas",     "Hughes",     "Edwards",   "Turner",    "Hill",
        "Lee",       "Morris",     "Ward",       "Clark",     "Moss",      "Abbott",
        "Ashworth",  "Blackburn",  "Chadwick",   "Doyle",     "Everett",   "Fairbrother",
        "Goodwin",   "Haworth",    "Ingram",     "Jarvis",    "Kershaw",   "Lambert",
        "Metcalfe",  "Norris",     "Osborne",    "Pickering", "Quinn",     "Radcliffe",
        "Sheldon",   "Thornton",   "Underwood",  "Vickers",   "Whitehead", "Yardley",
        NULL};
static const char *const fam_scottish[] = {
        "Campbell",  "Stewart",   "MacDonald", "Robertson",  "Murray",   "MacLeod",  "Fraser",
        "Cameron",   "Mackenzie", "Ross",      "Sutherland", "Duncan",   "MacKay",   "Ferguson",
        "Grant",     "Hamilton",  "Gordon",    "Morrison",   "Paterson", "Reid",     "Buchanan",
        "Kerr",      "Munro",     "Douglas",   "Crawford",   "Burns",    "Sinclair", "Forsyth",
        "MacGregor", "McIntosh",  NULL};
static const char *const fam_irish[] = {
        "Murphy",     "Kelly",   "O'Sullivan", "Walsh", "O'Brien",  "Byrne",      "Ryan",
        "O'Connor",   "O'Neill", "O'Reilly",   "Doyle", "McCarthy", "Gallagher",  "O'Doherty",
        "Kennedy",    "Lynch",   "Murray",     "Quinn", "Moore",    "McLoughlin", "O'Carroll",
        "Connolly",   "Daly",    "O'Connell",  "Dunne", "Brennan",  "Burke",      "Collins",
        "Fitzgerald", "McGrath", "Maguire",    "Nolan", "Flynn",    "Brady",      "Keane",
        "Duffy",      "Regan",   "Sheehan",    NULL};
static const char *const fam_welsh[] = {"Jones",     "Williams", "Davies",    "Evans",  "Thomas",
                                        "Roberts",   "Hughes",   "Lewis",     "Morgan", "Griffiths",
                                        "Price",     "Rees",     "Jenkins",   "Owen",   "Powell",
                                        "Pritchard", "Parry",    "Lloyd",     "Bowen",  "Howells",
                                        "Vaughan",   "Prosser",  "Llewellyn", "Gwynne", NULL};
static const char *const fam_south_asian[] = {
        "Khan",   "Begum",     "Ahmed",   "Hussain",  "Ali",       "Patel",  "Singh", "Kaur",
        "Shah",   "Rahman",    "Islam",   "Uddin",    "Miah",      "Akhtar", "Bibi",  "Hossain",
        "Sharma", "Chowdhury", "Iqbal",   "Mahmood",  "Malik",     "Rashid", "Butt",  "Aziz",
        "Mirza",  "Qureshi",   "Sheikh",  "Siddiqui", "Choudhury", "Kumar",  "Gupta", "Mistry",
        "Parmar", "Chauhan",   "Solanki", "Joshi",    "Desai",     "Mehta",  "Nair",  "Pillai",
        "Reddy",  "Rao",       "Sandhu",  "Gill",     "Dhillon",   "Sidhu",  "Bains", "Johal",
        "Khatun", "Haque",     "Karim",   "Sultana",  "Mohammed",  "Rehman", "Nawaz", "Bashir",
        "Javed",  "Saleem",    "Anwar",   "Zaman",    NULL};
static const char *const fam_arabic[] = {
        "Ahmed",    "Mohamed",  "Hassan",   "Ali",      "Abdi",      "Omar",    "Ibrahim",
        "Yusuf",    "Abdullah", "Farah",    "Osman",    "Warsame",   "Mahamud", "Nur",
        "Jama",     "Saleh",    "Haddad",   "Khalil",   "Mansour",   "Nasser",  "Aziz",
        "Hamid",    "Karimi",   "Rahimi",   "Hosseini", "Mohammadi", "Ahmadi",  "Al-Sayed",
        "El-Masri", "Darwish",  "Suleiman", "Abubakar", NULL};
static const char *const fam_west_african[] = {
        "Okafor",  "Adeyemi",    "Mensah", "Owusu",    "Boateng",   "Asante",  "Osei",    "Adebayo",
        "Okonkwo", "Nwosu",      "Eze",    "Ogunleye", "Oyelaran",  "Adeleke", "Balogun", "Bello",
        "Oluwole", "Afolabi",    "Okeke",  "Chukwu",   "Nwachukwu", "Agyeman", "Appiah",  "Darko",
        "Amoah",   "Acheampong", "Kamara", "Sesay",    "Koroma",    "Conteh",  "Bangura", "Diallo",
        "Toure",   "Ndiaye",     "Sow",    "Mbeki",    "Oduya",     "Onyango", NULL};
static const char *const fam_east_european[] = {
        "Nowak",       "Kowalski",   "Wisniewski", "Wojcik",    "Kowalczyk",  "Kaminski",
        "Lewandowski", "Zielinski",  "Szymanski",  "Wozniak",   "Dabrowski",  "Kozlowski",
        "Jankowski",   "Mazur",      "Krawczyk",   "Popescu",   "Ionescu",    "Popa",
        "Stan",        "Dumitru",    "Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko",
        "Kazlauskas",  "Petrauskas", "Jankauskas", "Ozols",     "Berzins",    "Horvath",
        "Nagy",        "Kovacs",     "Novak",      "Dvorak",    "Ivanov",     "Petrov",
        "Georgiev",    "Dimitrov",   "Hoxha",      "Krasniqi",  NULL};
static const char *const fam_caribbean[] = {
        "Campbell", "Brown",     "Williams", "Thompson", "Clarke",  "Francis",  "Grant",  "Samuels",
        "Forbes",   "McKenzie",  "Henry",    "Lewis",    "Reid",    "Bailey",   "Gordon", "Morgan",
        "Stewart",  "Richards",  "Edwards",  "Robinson", "Bennett", "Ferguson", "Joseph", "Charles",
        "Baptiste", "Alexander", "Daley",    "Blake",    "Facey",   "Beckford", NULL};
static const char *const fam_turkish[] = {
        "Yilmaz", "Kaya",  "Demir",   "Sahin",  "Celik", "Yildiz", "Yildirim",
        "Ozturk", "Aydin", "Ozdemir", "Arslan", "Dogan", "Kilic",  "Aslan",
        "Cetin",  "Kara",  "Koc",     "Kurt",   "Ozkan", "Simsek", NULL};
static const char *const fam_east_asian[] = {
        "Nguyen", "Tran", "Le",     "Pham", "Wang", "Li",  "Zhang", "Chen", "Liu",  "Huang", "Wong",
        "Chan",   "Lam",  "Cheung", "Ho",   "Ng",   "Lin", "Wu",    "Kim",  "Park", NULL};

static const char *const *const fam_lists[O_N] = {
        fam_english,     fam_scottish, fam_irish,        fam_welsh,
        fam_south_asian, fam_arabic,   fam_west_african, fam_east_european,
        fam_caribbean,   fam_turkish,  fam_east_asian};

/* Word parts for rarer family names: prefix + suffix, per tradition that builds names
 * this way (others reuse the English parts). */
static const char *const pre_english[] = {
        "Ash",  "Brad", "Cal",   "Dun",  "Elm",   "Fair", "Gold",  "Hart", "Holm",  "Kings",
        "Lang", "Mar",  "North", "Ox",   "Pen",   "Red",  "Rush",  "Stan", "Thorn", "Wake",
        "Whit", "Wind", "Bram",  "Crom", "Dal",   "Ever", "Green", "Hay",  "Lock",  "Mill",
        "New",  "Pad",  "Rad",   "Shel", "Stock", "Tad",  "Up",    "Wal",  "Wes",   "Bur",
        "Cran", "Dart", "Fen",   "Glad", "Har",   "Ken",  "Lin",   "Mor",  NULL};
static const char *const suf_english[] = {"ford",  "ley",     "ton",   "well",  "wood",  "by",
                                          "field", "ham",     "worth", "brook", "combe", "more",
                                          "ridge", "stead",   "wick",  "hurst", "den",   "low",
                                          "shaw",  "thwaite", NULL};
static const char *const pre_english2[] = {
        "Al",   "Bel",   "Black", "Brom", "Carl", "Chal", "Cope", "Crow", "East", "Ed",   "Fern",
        "Ful",  "Grims", "Hamp",  "Hol",  "Horn", "Ket",  "Kirk", "Lam",  "Lud",  "Mel",  "Nor",
        "Oak",  "Old",   "Pres",  "Rain", "Rams", "Sal",  "Sand", "Shap", "Sut",  "Swin", "Tat",
        "Thur", "Tot",   "War",   "West", "Wil",  "Wool", "Wy",   NULL};
static const char *const suf_english2[] = {"bury", "cott", "dale", "don", "gate",  "ing",
                                           "land", "mer",  "nell", "sey", "stone", "thorpe",
                                           "ward", "well", "win",  NULL};
static const char *const pre_arabic[] = {"Al-", "El-", "Abu ", "Bin ", NULL};
static const char *const suf_arabic[] = {"Amin",   "Bakri",   "Fahad",  "Ghazali", "Hakim", "Jabri",
                                         "Kassem", "Masri",   "Najjar", "Qasim",   "Rifai", "Shami",
                                         "Tamimi", "Zahrani", "Sharif", "Hashimi", NULL};
static const char *const pre_irish[] = {"O'", "Mac", NULL};
static const char *const suf_irish[] = {"Brennan", "Callaghan", "Donovan", "Driscoll", "Flaherty",
                                        "Hanlon",  "Keeffe",    "Leary",   "Mahony",   "Rourke",
                                        "Shea",    "Toole",     "Dwyer",   "Gorman",   "Hara",
                                        "Kane",    "Malley",    "Meara",   NULL};
static const char *const pre_akan[] = {"Ofori", "Kwarteng", "Antwi",  "Boakye",
                                       "Danso", "Frimpong", "Gyamfi", "Nkrumah",
                                       "Opoku", "Sarpong",  NULL};
static const char *const suf_akan[] = {"", "-Mensah", "-Asare", "-Addo", NULL};
static const char *const pre_scottish[] = {"Mac", "Mc", NULL};
static const char *const suf_scottish[] = {
        "Alister", "Bride",   "Crae",    "Dougall", "Ewan",     "Farlane", "Gill",
        "Innes",   "Kinnon",  "Lachlan", "Millan",  "Nab",      "Pherson", "Quarrie",
        "Rae",     "Taggart", "Vicar",   "Whirter", "Kendrick", "Neil",    "Aulay",
        "Coll",    "Dermid",  "Gowan",   "Keown",   NULL};
static const char *const pre_polish[] = {"Bor", "Chmiel", "Dud",  "Gor",  "Jas",  "Kal",   "Kwiat",
                                         "Las", "Mich",   "Olsz", "Pawl", "Rut",  "Sob",   "Taw",
                                         "Wal", "Zaj",    "Grab", "Kub",  "Marc", "Stach", NULL};
static const char *const suf_polish[] = {"owski", "ewski", "czyk", "iak", "ecki",
                                         "inski", "owicz", "ak",   NULL};
static const char *const pre_yoruba[] = {"Ade",  "Olu", "Ola",  "Oye",   "Ayo", "Fola",
                                         "Bola", "Ige", "Kola", "Tunde", NULL};
static const char *const suf_yoruba[] = {"wale", "yemi", "kunle", "tunji", "bayo", "seyi",
                                         "dele", "jide", "mide",  "femi",  NULL};
static const char *const pre_south_asian[] = {"Abdul", "Mohammed", "Syed", "Ahmad",
                                              "Raj",   "Dev",      "Prem", NULL};
static const char *const suf_south_asian[] = {"ullah", "uddin", "ali", "kumar", "pal",
                                              "deep",  "preet", "jit", NULL};

/* Given names: girls and boys, commonest first, per tradition. */
static const char *const girls_english[] = {
        "Olivia",   "Amelia",    "Isla",     "Ava",      "Mia",       "Ivy",       "Lily",
        "Isabella", "Rosie",     "Sophia",   "Grace",    "Freya",     "Evie",      "Ella",
        "Poppy",    "Charlotte", "Emily",    "Sophie",   "Jessica",   "Chloe",     "Ruby",
        "Daisy",    "Phoebe",    "Florence", "Alice",    "Matilda",   "Elsie",     "Sienna",
        "Millie",   "Harper",    "Evelyn",   "Willow",   "Scarlett",  "Eliza",     "Emma",
        "Hannah",   "Lucy",      "Katie",    "Megan",    "Holly",     "Ellie",     "Lauren",
        "Amy",      "Georgia",   "Abigail",  "Bethany",  "Elizabeth", "Katherine", "Rebecca",
        "Samantha", "Victoria",  "Jennifer", "Margaret", "Kayleigh",  "Courtney",  "Jade",
        "Leah",     "Paige",     "Shannon",  "Tia",      "Caitlin",   "Megan",     "Niamh",
        "Erin",     "Maisie",    "Lola",     "Eva",      "Layla",     "Zara",      "Imogen",
        "Harriet",  "Beatrice",  "Martha",   "Eleanor",  "Abbie",     "Kirsty",    "Nicole",
        "Stacey",   NULL};
static const char *const boys_english[] = {
        "Oliver",   "George",    "Harry",   "Noah",      "Jack",        "Leo",       "Arthur",
        "Muhammad", "Oscar",     "Charlie", "Jacob",     "Thomas",      "Henry",     "William",
        "Alfie",    "Joshua",    "Freddie", "Archie",    "Theo",        "James",     "Ethan",
        "Isaac",    "Alexander", "Joseph",  "Samuel",    "Daniel",      "Logan",     "Edward",
        "Lucas",    "Max",       "Mason",   "Benjamin",  "Harrison",    "Sebastian", "Dylan",
        "Finley",   "Tyler",     "Riley",   "Jayden",    "Callum",      "Kieran",    "Connor",
        "Liam",     "Ryan",      "Lewis",   "Jamie",     "Matthew",     "Nathan",    "Luke",
        "Adam",     "Robert",    "Richard", "Michael",   "Christopher", "Anthony",   "Jonathan",
        "Nicholas", "Andrew",    "David",   "Frederick", "Albert",      "Reece",     "Bradley",
        "Kai",      "Toby",      "Zachary", "Elliot",    "Louis",       "Reggie",    "Ronnie",
        "Stanley",  "Tommy",     "Frankie", "Billy",     "Jake",        "Aaron",     NULL};
static const char *const girls_scottish[] = {"Isla",  "Eilidh",   "Ailsa",  "Morag", "Kirsty",
                                             "Fiona", "Catriona", "Mhairi", "Iona",  "Skye",
                                             "Rhona", "Shona",    NULL};
static const char *const boys_scottish[] = {"Callum",   "Lachlan", "Hamish",  "Euan",   "Fraser",
                                            "Alasdair", "Angus",   "Ruaridh", "Finlay", "Ross",
                                            "Struan",   "Murdo",   NULL};
static const char *const girls_irish[] = {"Aoife",   "Niamh",   "Siobhan", "Ciara",   "Saoirse",
                                          "Orla",    "Caoimhe", "Roisin",  "Aisling", "Sinead",
                                          "Clodagh", "Grainne", "Eabha",   "Aine",    NULL};
static const char *const boys_irish[] = {"Sean",   "Cian",  "Oisin", "Darragh", "Padraig",
                                         "Ciaran", "Eoin",  "Conor", "Cathal",  "Ronan",
                                         "Declan", "Tadhg", "Fionn", "Colm",    NULL};
static const char *const girls_welsh[] = {"Seren", "Ffion",    "Cerys",  "Megan", "Catrin",
                                          "Nia",   "Angharad", "Bethan", "Carys", "Eira",
                                          "Lowri", "Rhiannon", NULL};
static const char *const boys_welsh[] = {"Rhys",  "Dafydd", "Gethin",   "Ioan",   "Osian",
                                         "Owain", "Emrys",  "Gruffydd", "Iestyn", "Dylan",
                                         "Aled",  "Huw",    NULL};
static const char *const girls_south_asian[] = {
        "Aisha",    "Fatima",  "Maryam",  "Zainab",  "Ayesha",  "Hafsa",  "Khadija",
        "Amira",    "Anaya",   "Inaya",   "Sana",    "Zara",    "Priya",  "Anika",
        "Simran",   "Jasleen", "Harleen", "Navneet", "Nusrat",  "Tasnim", "Sumaiya",
        "Ruqayyah", "Iqra",    "Mehak",   "Noor",    "Aaliyah", "Hiba",   "Safiya",
        "Divya",    "Pooja",   "Riya",    "Tanvi",   NULL};
static const char *const boys_south_asian[] = {
        "Muhammad", "Mohammed", "Ibrahim", "Yusuf",    "Adam",    "Ayaan",    "Zayn",
        "Hamza",    "Ali",      "Omar",    "Bilal",    "Hassan",  "Hussain",  "Abdullah",
        "Arjun",    "Aarav",    "Rohan",   "Dev",      "Harjeet", "Gurpreet", "Jaspreet",
        "Amir",     "Imran",    "Rayyan",  "Zakariya", "Ismail",  "Idris",    "Tariq",
        "Faisal",   "Arman",    "Vikram",  "Kabir",    NULL};
static const char *const girls_arabic[] = {"Maryam", "Fatima", "Aisha", "Layla", "Hana",  "Amina",
                                           "Yasmin", "Nadia",  "Salma", "Hodan", "Ifrah", "Sagal",
                                           "Ladan",  "Asma",   "Leila", NULL};
static const char *const boys_arabic[] = {
        "Mohamed", "Ahmed", "Abdirahman", "Yusuf",   "Omar",  "Hassan", "Abdullahi", "Khalid",
        "Said",    "Ayub",  "Karim",      "Mustafa", "Tariq", "Bilal",  "Hamza",     NULL};
static const char *const girls_west_african[] = {
        "Ngozi",  "Chiamaka", "Adaeze",    "Folake",    "Abena",    "Akosua",    "Ama",
        "Efua",   "Temitope", "Oluwaseun", "Blessing",  "Precious", "Favour",    "Chidinma",
        "Ifeoma", "Adwoa",    "Yetunde",   "Funmilayo", "Aminata",  "Fatoumata", NULL};
static const char *const boys_west_african[] = {
        "Chukwuemeka", "Oluwaseun", "Babatunde", "Kwame", "Kofi",    "Kwabena",  "Emmanuel",
        "Samuel",      "David",     "Daniel",    "Tobi",  "Ayodele", "Chinedu",  "Obinna",
        "Kayode",      "Olumide",   "Yaw",       "Kwaku", "Mamadou", "Ibrahima", NULL};
static const char *const girls_east_european[] = {
        "Zuzanna", "Julia",  "Maja",      "Zofia",     "Natalia",  "Aleksandra", "Wiktoria",
        "Oliwia",  "Amelia", "Hanna",     "Ioana",     "Andreea",  "Elena",      "Anastasia",
        "Daria",   "Sofia",  "Katarzyna", "Agnieszka", "Gabriela", "Milena",     NULL};
static const char *const boys_east_european[] = {
        "Jakub",     "Kacper",   "Szymon", "Filip",     "Jan",    "Antoni",    "Mateusz",
        "Bartosz",   "Wojciech", "Andrei", "Alexandru", "Stefan", "Mihai",     "Bogdan",
        "Oleksandr", "Dmytro",   "Maksym", "Lukas",     "Tomas",  "Aleksandr", NULL};
static const char *const girls_caribbean[] = {
        "Shanice", "Tanisha",   "Keisha",    "Aaliyah", "Jada",  "Kiara", "Nia",
        "Tiana",   "Shantelle", "Chantelle", "Destiny", "Imani", NULL};
static const char *const boys_caribbean[] = {"Tyrone", "Jermaine", "Kyle",    "Marcus", "Andre",
                                             "Dwayne", "Leon",     "Malachi", "Jaden",  "Kemar",
                                             "Tyrese", "Josiah",   NULL};
static const char *const girls_turkish[] = {"Elif", "Zeynep", "Defne",  "Ecrin", "Azra", "Meryem",
                                            "Ayse", "Esra",   "Yagmur", "Melis", NULL};
static const char *const boys_turkish[] = {"Yusuf", "Eymen", "Emir",  "Mustafa", "Ahmet", "Mehmet",
                                           "Kerem", "Can",   "Baran", "Deniz",   NULL};
static const char *const girls_east_asian[] = {"Linh", "Mai", "Anh", "Hoa", "Mei", "Xin",
                                               "Yan",  "Jia", "Hui", "Min", NULL};
static const char *const boys_east_asian[] = {"Minh", "Duc",  "Huy",  "Tuan", "Wei", "Jun",
                                              "Hao",  "Ming", "Jian", "Kai",  NULL};

static const char *const *const girl_lists[O_N] = {
        girls_english,     girls_scottish, girls_irish,        girls_welsh,
        girls_south_asian, girls_arabic,   girls_west_african, girls_east_european,
        girls_caribbean,   girls_turkish,  girls_east_asian};
static const char *const *const boy_lists[O_N] = {
        boys_english,     boys_scottish, boys_irish,        boys_welsh,
        boys_south_asian, boys_arabic,   boys_west_african, boys_east_european,
        boys_caribbean,   boys_turkish,  boys_east_asian};

/* Spellings another agency may use for the same name (first = as registered). These
 * are alternatives the generator writes; the matcher's own table is separate. */
static const char *const respell[][4] = {
        {"Muhammad", "Mohammed", "Mohamed", "Mohammad"},
        {"Mohammed", "Muhammad", "Mohamed", NULL},
        {"Mohamed", "Mohammed", "Muhammad", NULL},
        {"Siobhan", "Shevaun", "Shivaun", NULL},
        {"Aoife", "Eefa", NULL, NULL},
        {"Niamh", "Neve", "Neeve", NULL},
        {"Sean", "Shaun", "Shawn", NULL},
        {"Aisha", "Ayesha", "Aishah", NULL},
        {"Ayesha", "Aisha", NULL, NULL},
        {"Yusuf", "Yousef", "Yusef", NULL},
        {"Hussain", "Hussein", "Husain", NULL},
        {"Ciara", "Kiara", "Keira", NULL},
        {"Ciaran", "Kieran", "Kieron", NULL},
        {"Kieran", "Ciaran", "Kieron", NULL},
        {"Fatima", "Fatimah", "Fatma", NULL},
        {"Rhys", "Reece", "Rees", NULL},
        {"Zainab", "Zaynab", NULL, NULL},
        {"Kayleigh", "Kaylee", "Kayley", NULL},
        {"Jayden", "Jaden", "Jaiden", NULL},
        {"Natalia", "Natalya", NULL, NULL},
        {"Aleksandr", "Alexander", "Oleksandr", NULL},
        {"Oleksandr", "Aleksandr", "Alexander", NULL},
        {"Maryam", "Mariam", "Miriam", NULL},
        {"Hamza", "Hamzah", NULL, NULL},
        {"Zayn", "Zain", NULL, NULL},
        {"Omar", "Umar", NULL, NULL},
        {"Khadija", "Khadijah", "Kadija", NULL},
        {"Amira", "Ameera", NULL, NULL},
        {"Yasmin", "Yasmine", "Jasmin", NULL},
        {"Layla", "Leila", "Laila", NULL},
        {"Leila", "Layla", NULL, NULL},
        {"Abdirahman", "Abdulrahman", "Abdurahman", NULL},
        {"Abdullahi", "Abdullah", NULL, NULL},
        {"Saoirse", "Seersha", NULL, NULL},
        {"Oisin", "Osheen", NULL, NULL},
        {"Padraig", "Patrick", NULL, NULL},
        {"Eoin", "Owen", NULL, NULL},
        {"Dafydd", "David", NULL, NULL},
        {"Owain", "Owen", NULL, NULL},
        {"Catrin", "Catherine", "Katrin", NULL},
        {"Jakub", "Jacob", NULL, NULL},
        {"Wojciech", "Voytek", NULL, NULL},
        {"Andrei", "Andrey", "Andrew", NULL},
        {"Dmytro", "Dmitri", "Dmitry", NULL},
        {"Maksym", "Maxim", NULL, NULL},
        {"Zuzanna", "Susanna", NULL, NULL},
        {"Aleksandra", "Alexandra", NULL, NULL},
        {"Anastasia", "Anastasiya", NULL, NULL},
        {"Chukwuemeka", "Chukwuma", NULL, NULL},
        {"Oluwaseun", "Seun", NULL, NULL},
        {"Babatunde", "Tunde", NULL, NULL},
        {"Temitope", "Tope", NULL, NULL},
        {"Olumide", "Mide", NULL, NULL},
        {"Chidinma", "Dinma", NULL, NULL},
        {"Ahmet", "Ahmed", NULL, NULL},
        {"Mehmet", "Mehmed", NULL, NULL},
};

/* Family names another agency may spell differently. */
static const char *const respell_family[][3] = {
        {"Smith", "Smyth", NULL},
        {"Khan", "Kahn", NULL},
        {"Hussain", "Husain", "Hussein"},
        {"O'Neill", "O'Neil", "ONeill"},
        {"MacDonald", "McDonald", NULL},
        {"McDonald", "MacDonald", NULL},
        {"Davies", "Davis", NULL},
        {"Thompson", "Thomson", NULL},
        {"Clarke", "Clark", NULL},
        {"Stewart", "Stuart", NULL},
        {"Chowdhury", "Choudhury", "Chaudhry"},
        {"Rahman", "Rehman", NULL},
        {"Ahmed", "Ahmad", "Ahmet"},
        {"Mohamed", "Mohammed", "Muhammad"},
        {"Nowak", "Novak", NULL},
        {"Wisniewski", "Wishnevski", NULL},
        {"Shevchenko", "Shevchenco", NULL},
        {"Hossain", "Hussain", NULL},
        {"Uddin", "Udin", NULL},
        {"Abdi", "Abdy", NULL},
        {"Nguyen", "Ngyuen", NULL},
        {"Mackenzie", "McKenzie", NULL},
        {"McKenzie", "Mackenzie", NULL},
        {"Reid", "Reed", "Read"},
        {"Gray", "Grey", NULL},
        {"Philips", "Phillips", NULL},
        {"Matthews", "Mathews", NULL},
        {"Byrne", "Byrnes", "Burns"},
        {"Osei", "Osie", NULL},
        {"Mensah", "Mensa", NULL},
};

/* Street names and school name parts for addresses. */
static const char *const street_root[] = {
        "Acacia",     "Albert",    "Alexandra", "Ash",     "Beech",    "Birch",     "Bridge",
        "Brook",      "Cedar",     "Chapel",    "Church",  "Clarence", "Station",   "Elm",
        "Park",       "Forest",    "Garden",    "Grange",  "Green",    "Grove",     "Hawthorn",
        "High",       "Highfield", "Hill",      "Holly",   "Kings",    "Lime",      "Manor",
        "Maple",      "Meadow",    "Mill",      "New",     "Oak",      "Orchard",   "Queens",
        "Rose",       "School",    "Spring",    "Stanley", "Victoria", "Willow",    "Windsor",
        "York",       "Cromwell",  "Gladstone", "Nelson",  "Osborne",  "Salisbury", "Tennyson",
        "Wellington", NULL};
static const char *const street_kind[] = {"Road",    "Street",   "Avenue", "Close",   "Lane", "Way",
                                          "Gardens", "Crescent", "Drive",  "Terrace", NULL};
static const char *const school_kind[] = {"Primary School",   "Academy",          "High School",
                                          "Community School", "Secondary School", NULL};

#endif
