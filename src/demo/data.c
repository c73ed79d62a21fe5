/*
 * data.c: the made-up words of the demo (demo_internal.h): its boroughs, agencies and
 * users, names from many communities, the evidence, circumstances and notes its
 * referrals and records carry, and where missing children are found. Everything is
 * fictional and plainly says so; the unit test checks every text the demo writes with
 * language_check (R-DEF-4).
 */
#include "demo/demo_internal.h"

/* ---- fictional places, agencies and users ---- */

const struct demo_borough DEMO_BOROUGHS[DEMO_MAX_BOROUGHS] = {
        {"Northbrook", "NBK", "northbrook"},   {"Riverside", "RVS", "riverside"},
        {"Eastfield", "EFD", "eastfield"},     {"Westmere", "WMR", "westmere"},
        {"Hollowmead", "HLM", "hollowmead"},   {"Ashcombe", "ASH", "ashcombe"},
        {"Brackenvale", "BKV", "brackenvale"}, {"Kestrel Hill", "KSH", "kestrelhill"},
};
/* A placing authority outside the demo partnership, for children placed from afar. */
const char DEMO_OUTSIDE_AUTHORITY[] = "Fairhaven County Children's Services (demo)";

const struct demo_agency DEMO_AGENCIES[A_COUNT] = {
        {"police", "Police (demo)"},
        {"childrens_social_care", "Children's Social Care (demo)"},
        {"health", "Health Trust (demo)"},
        {"education", "Education Service (demo)"},
        {"youth_offending", "Youth Offending Service (demo)"},
        {"charity", "Young People's Charity (demo)"},
};

const struct user_def DEMO_BOROUGH_USERS[U_COUNT] = {
        {"officer", "police_officer", "Demo Police Officer", A_POLICE},
        {"supervisor", "police_supervisor", "Demo Police Supervisor", A_POLICE},
        {"mash", "mash_worker", "Demo MASH Worker", A_CSC},
        {"social", "social_worker", "Demo Social Worker", A_CSC},
        {"health", "health", "Demo School Nurse", A_HEALTH},
        {"school", "education", "Demo Safeguarding Lead", A_EDU},
        {"yot", "youth_offending", "Demo Youth Justice Worker", A_YOT},
        {"charity", "charity", "Demo Youth Worker", A_CHARITY},
        {"chair", "mase_chair", "Demo MASE Chair", A_CSC},
};
/* Partnership-wide users, attached to the first borough's agencies. */
const struct user_def DEMO_GLOBAL_USERS[G_COUNT] = {
        {"assessment", "assessment_team", "Demo Assessment Team", A_POLICE},
        {"analyst", "analyst", "Demo Analyst", A_POLICE},
        {"auditor", "auditor", "Demo Auditor", A_CSC},
        {"admin", "administrator", "Demo Administrator", A_CSC},
};
/* The user who refers for each agency type. */
const int DEMO_REFERRER[A_COUNT] = {U_OFFICER, U_SOCIAL, U_HEALTH, U_SCHOOL, U_YOT, U_CHARITY};

/* ---- names from many communities ---- */

static const struct nm ENG_G[] = {
        {"Olivia", "Liv", NULL},        {"Amelia", "Millie", NULL},
        {"Jessica", "Jess", "Jessika"}, {"Charlotte", "Lottie", NULL},
        {"Chloe", NULL, "Cloe"},        {"Ellie-Mae", "Ellie", "Ellie May"},
        {"Sophie", NULL, "Sophy"},      {"Lauren", NULL, "Loren"},
        {"Megan", "Meg", NULL},         {"Hannah", NULL, "Hanna"}};
static const struct nm ENG_B[] = {{"Jack", NULL, NULL},       {"Harry", NULL, "Harrie"},
                                  {"Oliver", "Ollie", NULL},  {"Thomas", "Tom", NULL},
                                  {"Callum", "Cal", "Calum"}, {"Connor", NULL, "Conor"},
                                  {"Liam", NULL, NULL},       {"Joshua", "Josh", NULL},
                                  {"Reece", NULL, "Rhys"},    {"Alfie", NULL, "Alfy"}};
static const struct nm ENG_F[] = {
        {"Smith", NULL, "Smyth"},    {"Taylor", NULL, "Tailor"}, {"Brown", NULL, "Browne"},
        {"Wilson", NULL, NULL},      {"Clarke", NULL, "Clark"},  {"Walker", NULL, NULL},
        {"Hughes", NULL, "Hughs"},   {"Turner", NULL, NULL},     {"Cooper", NULL, NULL},
        {"Bennett", NULL, "Bennet"}, {"Harris", NULL, "Haris"},  {"Wright", NULL, NULL}};

static const struct nm IRL_G[] = {{"Siobhan", NULL, "Shivaun"}, {"Aoife", NULL, "Eefa"},
                                  {"Niamh", NULL, "Neve"},      {"Ciara", NULL, "Kiara"},
                                  {"Roisin", NULL, "Rosheen"},  {"Saoirse", NULL, "Seersha"}};
static const struct nm IRL_B[] = {{"Sean", NULL, "Shaun"},    {"Cian", NULL, "Kian"},
                                  {"Padraig", "Paddy", NULL}, {"Ciaran", NULL, "Kieran"},
                                  {"Eoin", NULL, "Owen"},     {"Darragh", NULL, "Dara"}};
static const struct nm IRL_F[] = {{"O'Brien", NULL, "OBrien"},   {"Murphy", NULL, NULL},
                                  {"Kelly", NULL, "Kelley"},     {"O'Sullivan", NULL, "Sullivan"},
                                  {"Byrne", NULL, "Burne"},      {"McCarthy", NULL, "MacCarthy"},
                                  {"Doherty", NULL, "Docherty"}, {"Gallagher", NULL, "Gallager"},
                                  {"Quinn", NULL, "Quin"},       {"Brennan", NULL, NULL}};

static const struct nm PAK_G[] = {{"Aisha", NULL, "Ayesha"},  {"Fatima", NULL, "Fatimah"},
                                  {"Zainab", NULL, "Zaynab"}, {"Amina", NULL, "Aminah"},
                                  {"Nadia", NULL, "Nadiya"},  {"Sana", NULL, "Sanaa"},
                                  {"Maryam", NULL, "Mariam"}, {"Hafsa", NULL, "Hafsah"}};
static const struct nm PAK_B[] = {{"Mohammed", "Mo", "Muhammad"}, {"Ali", NULL, "Aly"},
                                  {"Imran", NULL, "Imraan"},      {"Zain", NULL, "Zayn"},
                                  {"Hamza", NULL, "Hamzah"},      {"Bilal", NULL, "Bilaal"},
                                  {"Yusuf", NULL, "Yousuf"},      {"Ibrahim", "Ibby", "Ebrahim"}};
static const struct nm PAK_F[] = {{"Khan", NULL, NULL},         {"Ahmed", NULL, "Ahmad"},
                                  {"Hussain", NULL, "Hussein"}, {"Begum", NULL, NULL},
                                  {"Rahman", NULL, "Rehman"},   {"Chaudhry", NULL, "Choudhury"},
                                  {"Iqbal", NULL, "Ikbal"},     {"Shah", NULL, NULL},
                                  {"Miah", NULL, "Mia"},        {"Uddin", NULL, "Udin"}};

static const struct nm IND_G[] = {{"Priya", NULL, "Pria"},       {"Simran", "Simi", NULL},
                                  {"Harpreet", NULL, "Harprit"}, {"Anjali", NULL, "Anjalee"},
                                  {"Kiran", NULL, "Keeran"},     {"Navdeep", "Nav", NULL}};
static const struct nm IND_B[] = {{"Arjun", NULL, "Arjan"},  {"Rahul", NULL, "Raul"},
                                  {"Harjit", "Harj", NULL},  {"Gurpreet", "Guri", NULL},
                                  {"Rohan", NULL, "Rohaan"}, {"Vikram", "Vik", NULL}};
static const struct nm IND_F[] = {{"Patel", NULL, "Patil"},   {"Singh", NULL, NULL},
                                  {"Kaur", NULL, NULL},       {"Sharma", NULL, "Sarma"},
                                  {"Gill", NULL, NULL},       {"Sandhu", NULL, "Sandu"},
                                  {"Mistry", NULL, "Mistri"}, {"Shah", NULL, NULL}};

static const struct nm NGA_G[] = {{"Adaeze", "Ada", "Adaze"},       {"Chiamaka", "Amaka", NULL},
                                  {"Oluwaseun", "Seun", "Oluseun"}, {"Folake", NULL, "Folakemi"},
                                  {"Ngozi", NULL, "Ngozie"},        {"Temitope", "Tope", NULL},
                                  {"Blessing", NULL, NULL},         {"Chidinma", "Chidi", NULL}};
static const struct nm NGA_B[] = {{"Oluwadamilare", "Dami", NULL}, {"Chinedu", "Chi", "Chinedum"},
                                  {"Adebayo", "Bayo", NULL},       {"Emeka", NULL, "Emeca"},
                                  {"Babatunde", "Tunde", NULL},    {"Obinna", NULL, "Obina"},
                                  {"Samuel", "Sammy", NULL},       {"Ifeanyi", "Ify", NULL}};
static const struct nm NGA_F[] = {{"Okafor", NULL, "Okafur"},    {"Adeyemi", NULL, "Adeyemmi"},
                                  {"Okonkwo", NULL, "Okonkow"},  {"Oyelaran", NULL, NULL},
                                  {"Nwosu", NULL, "Nwoso"},      {"Eze", NULL, "Ezeh"},
                                  {"Balogun", NULL, "Ballogun"}, {"Adeleke", NULL, NULL}};

static const struct nm GHA_G[] = {{"Abena", NULL, "Abenaa"}, {"Akosua", NULL, "Akosuah"},
                                  {"Efua", NULL, "Efuah"},   {"Ama", NULL, "Amma"},
                                  {"Adwoa", NULL, "Adjoa"},  {"Esi", NULL, NULL}};
static const struct nm GHA_B[] = {{"Kwame", NULL, "Kwamee"}, {"Kofi", NULL, NULL},
                                  {"Yaw", NULL, NULL},       {"Kwaku", NULL, "Kweku"},
                                  {"Kojo", NULL, "Kodjo"},   {"Nana", NULL, NULL}};
static const struct nm GHA_F[] = {{"Mensah", NULL, "Mensa"},   {"Owusu", NULL, "Owusuh"},
                                  {"Boateng", NULL, "Boakye"}, {"Asante", NULL, "Ashanti"},
                                  {"Appiah", NULL, "Apiah"},   {"Osei", NULL, "Osey"},
                                  {"Darko", NULL, NULL},       {"Addo", NULL, "Ado"}};

static const struct nm SOM_G[] = {{"Hodan", NULL, "Hodaan"}, {"Ayaan", NULL, "Ayan"},
                                  {"Sagal", NULL, "Sagaal"}, {"Nimco", "Nimo", "Nimo"},
                                  {"Hibaaq", NULL, "Hibak"}, {"Fardowsa", NULL, "Firdawsa"}};
static const struct nm SOM_B[] = {{"Abdirahman", "Abdi", "Abdulrahman"},
                                  {"Mohamed", NULL, "Maxamed"},
                                  {"Abdullahi", NULL, "Cabdullahi"},
                                  {"Liban", NULL, "Libaan"},
                                  {"Yusuf", NULL, "Yuusuf"},
                                  {"Hassan", NULL, "Xasan"}};
static const struct nm SOM_F[] = {{"Warsame", NULL, "Warsama"},  {"Farah", NULL, "Faarax"},
                                  {"Jama", NULL, "Jaamac"},      {"Osman", NULL, "Cismaan"},
                                  {"Mohamud", NULL, "Maxamuud"}, {"Abdi", NULL, "Cabdi"},
                                  {"Egal", NULL, "Cigaal"},      {"Hersi", NULL, "Xirsi"}};

static const struct nm TUR_G[] = {{"Elif", NULL, "Elife"},
                                  {"Zeynep", NULL, "Zeinep"},
                                  {"Ay\xC5\x9F"
                                   "e",
                                   NULL, "Ayse"},
                                  {"Merve", NULL, "Merva"},
                                  {"B\xC3\xBC\xC5\x9Fra", NULL, "Busra"},
                                  {"Derya", NULL, NULL}};
static const struct nm TUR_B[] = {{"Mehmet", NULL, "Memet"}, {"Emre", NULL, "Emreh"},
                                  {"Can", NULL, "Jan"},      {"Burak", NULL, "Burack"},
                                  {"Kerem", NULL, "Kerim"},  {"Yusuf", NULL, "Yousef"}};
static const struct nm TUR_F[] = {{"Y\xC4\xB1lmaz", NULL, "Yilmaz"},
                                  {"Kaya", NULL, "Kaja"},
                                  {"Demir", NULL, "Demirr"},
                                  {"\xC5\x9E"
                                   "ahin",
                                   NULL, "Sahin"},
                                  {"\xC3\x87"
                                   "elik",
                                   NULL, "Celik"},
                                  {"Ayd\xC4\xB1n", NULL, "Aydin"},
                                  {"Arslan", NULL, "Aslan"}};

static const struct nm POL_G[] = {{"Katarzyna", "Kasia", "Katarzina"},
                                  {"Aleksandra", "Ola", "Alexandra"},
                                  {"Zuzanna", "Zuza", "Zuzana"},
                                  {"Natalia", NULL, "Natalya"},
                                  {"Wiktoria", NULL, "Victoria"}};
static const struct nm POL_B[] = {{"Jakub", "Kuba", "Jacob"},
                                  {"Mateusz", NULL, "Mateus"},
                                  {"Piotr", NULL, "Peter"},
                                  {"Dawid", NULL, "David"},
                                  {"Szymon", NULL, "Simon"}};
static const struct nm POL_F[] = {
        {"Nowak", NULL, "Novak"},         {"W\xC3\xB3jcik", NULL, "Wojcik"},
        {"Kaczmarek", NULL, "Kaczmarec"}, {"Mazur", NULL, "Masur"},
        {"Krawczyk", NULL, "Kravchik"},   {"Pawlak", NULL, "Pavlak"}};

static const struct nm ROU_G[] = {{"Ioana", NULL, "Ioanna"},
                                  {"Andreea", NULL, "Andrea"},
                                  {"Bianca", NULL, "Bianka"},
                                  {"Alexandra", "Alexa", NULL},
                                  {"Denisa", NULL, "Denissa"}};
static const struct nm ROU_B[] = {{"Andrei", NULL, "Andrey"},
                                  {"Ionu\xC8\x9B", NULL, "Ionut"},
                                  {"Florin", NULL, "Florian"},
                                  {"Marius", NULL, NULL},
                                  {"Alexandru", "Alex", NULL}};
static const struct nm ROU_F[] = {{"Popescu", NULL, "Popesku"},       {"Ionescu", NULL, "Ionesco"},
                                  {"Dumitru", NULL, "Dumitriu"},      {"Stan", NULL, NULL},
                                  {"Constantin", NULL, "Konstantin"}, {"Rusu", NULL, "Russu"}};

static const struct nm CAR_G[] = {{"Shanice", NULL, "Shaneese"}, {"Tia", NULL, "Tiah"},
                                  {"Keisha", NULL, "Keesha"},    {"Destiny", NULL, "Destinee"},
                                  {"Jada", NULL, "Jayda"},       {"Renee", NULL, "Renae"}};
static const struct nm CAR_B[] = {{"Jerome", "Rome", NULL},  {"Tyrone", "Ty", NULL},
                                  {"Dwayne", NULL, "Duane"}, {"Marcus", NULL, "Markus"},
                                  {"Kai", NULL, "Kye"},      {"Andre", "Dre", "Andr\xC3\xA9"}};
static const struct nm CAR_F[] = {{"Campbell", NULL, "Cambell"}, {"Williams", NULL, "Williamson"},
                                  {"Grant", NULL, NULL},         {"Francis", NULL, "Frances"},
                                  {"Samuels", NULL, "Samuel"},   {"Edwards", NULL, "Edward"},
                                  {"Richards", NULL, "Richard"}, {"Bailey", NULL, "Baily"}};

#define COMM(eth, g, b, f, w)                                                                      \
	{                                                                                          \
		eth, g, b, f, ARRAY_LEN(g), ARRAY_LEN(b), ARRAY_LEN(f), w                          \
	}
const struct community DEMO_COMMUNITIES[] = {
        COMM("White British", ENG_G, ENG_B, ENG_F, 22),
        COMM("White Irish", IRL_G, IRL_B, IRL_F, 6),
        COMM("Asian British: Pakistani or Bangladeshi", PAK_G, PAK_B, PAK_F, 12),
        COMM("Asian British: Indian", IND_G, IND_B, IND_F, 7),
        COMM("Black British: African (Nigerian)", NGA_G, NGA_B, NGA_F, 9),
        COMM("Black British: African (Ghanaian)", GHA_G, GHA_B, GHA_F, 6),
        COMM("Black British: African (Somali)", SOM_G, SOM_B, SOM_F, 7),
        COMM("White Other: Turkish", TUR_G, TUR_B, TUR_F, 6),
        COMM("White Other: Polish", POL_G, POL_B, POL_F, 7),
        COMM("White Other: Romanian", ROU_G, ROU_B, ROU_F, 6),
        COMM("Black British: Caribbean", CAR_G, CAR_B, CAR_F, 10),
};

/* ---- the words of the demo (checked by language_check in the unit test) ---- */

/* Evidence for each SAFEGUARD sign, in REF_SIGNS order; two wordings each. */
const char *const DEMO_EVIDENCE[9][2] = {
        {"Attended the sexual health clinic twice in a month; staff worried about an older "
         "partner.",
         "Disclosed a relationship with an adult met through friends; asked for emergency "
         "contraception."},
        {"Reported missing three times in six weeks and returned late at night by unknown "
         "adults.",
         "Attendance has fallen to half; seen outside school in the day with older young "
         "people."},
        {"Arguments at home; the child describes staying with friends rather than going home.",
         "A parent is struggling with their own health; the child cares for younger siblings."},
        {"Appears withdrawn and exhausted; unexplained bruising on the arms seen by staff.",
         "Self-harm disclosed to the school nurse; low mood for several weeks."},
        {"Seen with older young people known to local policing teams; found carrying cash.",
         "Travelling to another town by train without explanation; linked to a drugs line."},
        {"Has a second phone; messages from unknown adults asking for images.",
         "Images of the child shared around school; the child was upset and tearful."},
        {"Returned home smelling of alcohol and cannabis; says the drinks were free.",
         "Found intoxicated at a party in a flat where adults were present."},
        {"New trainers, phone and clothes that the family cannot explain.",
         "Has regular taxi rides and cash; says a friend pays for them."},
        {"Will not talk to staff or police; says professionals cannot help.",
         "Gave a false name to officers and left before a social worker arrived."},
};

const char *const DEMO_CIRCUMSTANCES[A_COUNT][2] = {
        {"Officers found the child in a car with two adults late at night during a patrol.",
         "The child was found after a missing episode at an address not known to the family."},
        {"The family support worker raised the concern after a home visit.",
         "The placement carer reported the concern after the child returned late again."},
        {"The school nurse raised the concern after a drop-in appointment.",
         "The emergency department saw the child after an overnight absence."},
        {"The designated safeguarding lead raised the concern after speaking with the child.",
         "A teacher noticed a pattern of absences and messages on the child's phone."},
        {"The youth justice worker raised the concern at a supervision meeting.",
         "The child disclosed pressure to carry items for others during a session."},
        {"A youth worker at the drop-in centre raised the concern.",
         "The outreach team met the child at a late-night location and raised the concern."},
};

const char *const DEMO_NO_SIGN_RATIONALE[] = {
        "Spoke with the child and the family; no SAFEGUARD warning sign identified. Early help "
        "assessment offered and our agency will keep monitoring.",
        "Attendance and mood discussed with the child; no warning sign of exploitation found. "
        "We lead, monitor and will refer again if signs appear.",
};

const char *const DEMO_NOTES[][2] = {
        {"Strategy discussion held with children's social care and police; safety plan agreed "
         "with the child.",
         "fact"},
        {"Home visit: the child was at home and spoke about school and friends; the carer will "
         "report any missing episode at once.",
         "fact"},
        {"The child is more open with the youth worker; trust is building and the risk appears "
         "to be reducing.",
         "opinion"},
        {"Return home interview completed after the latest missing episode; the child named a "
         "location that is being shared with police.",
         "fact"},
        {"In my professional view the child is still under pressure from older young people "
         "and needs a trusted adult every day.",
         "opinion"},
};

const char *const DEMO_PEOPLE[] = {"the child",      "parent",       "carer",  "social worker",
                                   "police officer", "youth worker", "teacher"};

const char *const DEMO_CAT_RATIONALE[4] = {
        NULL,
        "Category 1: signs of possible exploitation seen but no disclosure; further enquiries "
        "by the borough.",
        "Category 2: evidence that the child is being targeted by adults for exploitation.",
        "Category 3: the child is being exploited now and needs immediate protection.",
};

/* ---- missing episodes ---- */

/* Where missing children are found in the demo (fictional). */
const char *const DEMO_FOUND_PLACES[] = {
        "Flat above the shops, Example Street (demo)", "Northbrook bus station (demo)",
        "Riverside retail park car park (demo)",       "A friend's home on Example Street (demo)",
        "Kings Cross Road fast food outlet (demo)",    "Demo Academy playing fields",
};
const char *const DEMO_RI_FINDINGS[] = {
        "The child says an older friend offered a place to stay and bought food and phone "
        "credit.",
        "The child stayed with a friend after an argument at the placement and was not "
        "harmed.",
        "The child travelled to another town with people met online and was given a new "
        "phone.",
};
