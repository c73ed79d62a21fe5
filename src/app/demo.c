/*
 * demo.c: the synthetic demo partnership (see demo.h). Three steps: set up boroughs,
 * agencies and users; plan every child's story as a list of dated events (referrals,
 * category decisions, reviews, essential steps, notes, corrections, outcomes,
 * references, repeat referrals); then sort the events by time and play them through
 * the use cases with each actor's clock set to the event's time, so that the audit
 * log reads in time order. The generator draws from two seeded streams: one for IDs
 * (id_use_rng) and one for content.
 *
 * The shapes follow DESIGN.md's data section loosely: most referrals carry warning
 * signs, police refer about a third, repeat referrals are more common for children in
 * care, and some work is left undone (records awaiting a category decision, police
 * records awaiting the supervisor review, essential steps outstanding) so that work
 * queues have something in them.
 */
#include "app/demo.h"

#include "protocol/missing.h"

#include "app/admin.h"
#include "app/authz.h"
#include "app/categories.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/essential_steps.h"
#include "app/forensic.h"
#include "app/record_changes.h"
#include "app/referrals.h"
#include "audit/audit.h"
#include "protocol/reference.h"
#include "store/demo.h"
#include "store/users.h"
#include "util/ltime.h"
#include "util/rng.h"

#define DAY INT64_C(86400)
#define HOUR INT64_C(3600)

/* ---- fictional places, agencies and users ---- */

static const struct {
	const char *name, *code, *slug;
} BOROUGHS[DEMO_MAX_BOROUGHS] = {
        {"Northbrook", "NBK", "northbrook"},   {"Riverside", "RVS", "riverside"},
        {"Eastfield", "EFD", "eastfield"},     {"Westmere", "WMR", "westmere"},
        {"Hollowmead", "HLM", "hollowmead"},   {"Ashcombe", "ASH", "ashcombe"},
        {"Brackenvale", "BKV", "brackenvale"}, {"Kestrel Hill", "KSH", "kestrelhill"},
};
/* A placing authority outside the demo partnership, for children placed from afar. */
static const char OUTSIDE_AUTHORITY[] = "Fairhaven County (demo)";

enum { A_POLICE, A_CSC, A_HEALTH, A_EDU, A_YOT, A_CHARITY, A_COUNT };
static const struct {
	const char *type, *suffix; /* name: borough name, space, suffix */
} AGENCIES[A_COUNT] = {
        {"police", "Police (demo)"},
        {"childrens_social_care", "Children's Social Care (demo)"},
        {"health", "Health Trust (demo)"},
        {"education", "Education Service (demo)"},
        {"youth_offending", "Youth Offending Service (demo)"},
        {"charity", "Young People's Charity (demo)"},
};

enum {
	U_OFFICER,
	U_SUPERVISOR,
	U_MASH,
	U_SOCIAL,
	U_HEALTH,
	U_SCHOOL,
	U_YOT,
	U_CHARITY,
	U_CHAIR,
	U_COUNT
};
struct user_def {
	const char *prefix, *role, *title;
	int agency;
};
static const struct user_def BOROUGH_USERS[U_COUNT] = {
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
enum { G_ASSESS, G_ANALYST, G_AUDITOR, G_ADMIN, G_COUNT };
/* Partnership-wide users, attached to the first borough's agencies. */
static const struct user_def GLOBAL_USERS[G_COUNT] = {
        {"assessment", "assessment_team", "Demo Assessment Team", A_POLICE},
        {"analyst", "analyst", "Demo Analyst", A_POLICE},
        {"auditor", "auditor", "Demo Auditor", A_CSC},
        {"admin", "administrator", "Demo Administrator", A_CSC},
};
/* The user who refers for each agency type. */
static const int REFERRER[A_COUNT] = {U_OFFICER, U_SOCIAL, U_HEALTH, U_SCHOOL, U_YOT, U_CHARITY};

/* ---- names from many communities ---- */

/* A name, with an optional nickname and an optional other spelling or transliteration. */
struct nm {
	const char *name, *nick, *variant;
};
struct community {
	const char *ethnicity;
	const struct nm *girls, *boys, *family;
	size_t ng, nb, nf;
	int weight;
};

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
static const struct community COMMUNITIES[] = {
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
#define COMM_ENGLISH 0
#define COMM_CARIBBEAN 10

/* ---- the words of the demo (checked by language_check in the unit test) ---- */

/* Evidence for each SAFEGUARD sign, in REF_SIGNS order; two wordings each. */
static const char *const EVIDENCE[9][2] = {
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

static const char *const CIRCUMSTANCES[A_COUNT][2] = {
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

static const char *const NO_SIGN_RATIONALE[] = {
        "Spoke with the child and the family; no SAFEGUARD warning sign identified. Early help "
        "assessment offered and our agency will keep monitoring.",
        "Attendance and mood discussed with the child; no warning sign of exploitation found. "
        "We lead, monitor and will refer again if signs appear.",
};

static const char *const NOTES[][2] = {
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

static const char *const PEOPLE[] = {"the child",      "parent",       "carer",  "social worker",
                                     "police officer", "youth worker", "teacher"};

static const char *const CAT_RATIONALE[4] = {
        NULL,
        "Category 1: signs of possible exploitation seen but no disclosure; further enquiries "
        "by the borough.",
        "Category 2: evidence that the child is being targeted by adults for exploitation.",
        "Category 3: the child is being exploited now and needs immediate protection.",
};

/* ---- the plan ---- */

enum ev_kind {
	EV_REFERRAL,
	EV_CATEGORY,
	EV_REVIEW,
	EV_STEPS,
	EV_CLASSIFY,
	EV_EXTREF,
	EV_NOTE,
	EV_CORRECT,
	EV_OUTCOME,
	EV_MISS_REPORT, /* missing episodes: `by` is the episode's index in g->meps */
	EV_MISS_ESCALATE,
	EV_MISS_RETURN,
	EV_MISS_SAW,
	EV_MISS_RI_OFFER,
	EV_MISS_RI_OUTCOME,
	EV_MISS_FORENSIC,
};

/* The outcome of a return interview in the demo. */
enum ri_end { RI_NONE, RI_ACCEPTED, RI_COMPLETED, RI_DECLINED };

/* A planned missing episode. */
struct mep {
	int kid;
	int partner;     /* index of the other child's episode when missing together, or -1 */
	bool ask_absent; /* reported as absent (the protocol may class it missing) */
	int risk;        /* 1 low, 2 medium, 3 high (missing reports) */
	int place;       /* index into FOUND_PLACES */
	enum ri_end ri;
	char id[ID_MAX];
	bool absent; /* classed absent when reported */
};

enum cat_by { BY_MASH, BY_ASSESS, BY_SUPERVISOR };

struct ev {
	int64_t at;
	int seq; /* order of planning, to keep a child's events in order on equal times */
	int kid;
	int kind;
	int agency;  /* EV_REFERRAL: referring agency type (A_*) */
	int nsigns;  /* EV_REFERRAL */
	int cat;     /* EV_REFERRAL (police initial category, 0: none), EV_CATEGORY */
	bool online; /* category 2 online only */
	int by;      /* EV_CATEGORY: enum cat_by; EV_STEPS: 1 complete */
};

struct kid {
	int b;    /* borough where the child lives */
	int home; /* placing borough for a looked-after child placed out (-1: outside) */
	bool looked_after, placed_out;
	json_t *details;
	char id[ID_MAX];
	char ref[24];
	char note_id[ID_MAX];
	int64_t note_at;
	int police_b; /* borough of the police officer who reported, or -1 */
	int64_t t0;   /* the first referral, when the child's details are created */
	bool no_record;
	int age; /* at the reference date */
};

struct gen {
	struct db *db;
	struct app_err *err;
	struct rng r;
	int64_t ref;
	int nb;
	struct actor sys;
	struct actor bu[DEMO_MAX_BOROUGHS][U_COUNT];
	struct actor gu[G_COUNT];
	struct kid *kids;
	int nkids;
	struct ev *evs;
	size_t nev, cap;
	int seq;
	int merlin, crime, csc;
	json_t *logins;
	int counts[20];
	struct mep *meps;
	int nmeps, capmeps;
};
enum {
	N_REFERRALS,
	N_RECORDS,
	N_CATEGORIES,
	N_REVIEWS,
	N_STEPS,
	N_NOTES,
	N_CORRECTIONS,
	N_OUTCOMES,
	N_REFS,
	N_CLASSIFY,
	N_REPEATS,
	N_EPISODES,
	N_ESCALATIONS,
	N_INTERVIEWS,
	N_COUNTS
};

/* Records a failed use case in g->err (keeping its code) with what was being done. */
static int fail(struct gen *g, int rc, const char *what)
{
	char msg[1024];
	snprintf(msg, sizeof msg, "demo: %s failed: %s%s%s%s", what, g->err->message,
	         g->err->nfields ? " " : "", g->err->nfields ? g->err->fields[0].field : "",
	         g->err->nfields ? ": " : "");
	size_t len = strlen(msg);
	if (g->err->nfields && len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, "%s", g->err->fields[0].message);
	size_t keep = strnlen(msg, sizeof g->err->message - 1);
	memcpy(g->err->message, msg, keep);
	g->err->message[keep] = '\0';
	g->err->code = rc ? rc : APP_FAILED;
	return g->err->code;
}

/* A copy of actor a whose clock reads `at`. */
static struct actor at_time(const struct actor *a, int64_t at)
{
	struct actor c = *a;
	c.now = at;
	return c;
}

static uint64_t pick(struct gen *g, uint64_t n)
{
	return rng_below(&g->r, n);
}

static int64_t span(struct gen *g, int64_t lo, int64_t hi)
{
	return rng_range(&g->r, lo, hi);
}

/* ---- set-up: boroughs, agencies, users ---- */

static int add_user(struct gen *g, const struct user_def *u, int b, bool global, struct actor *out)
{
	char username[64], display[128], agency[160];
	if (global) {
		snprintf(username, sizeof username, "%s", u->prefix);
		snprintf(display, sizeof display, "%s", u->title);
	} else {
		snprintf(username, sizeof username, "%s.%s", u->prefix, BOROUGHS[b].slug);
		snprintf(display, sizeof display, "%s (%s)", u->title, BOROUGHS[b].name);
	}
	snprintf(agency, sizeof agency, "%s %s", BOROUGHS[b].name, AGENCIES[u->agency].suffix);
	json_t *in =
	        json_pack("{s:s, s:s, s:s, s:[s], s:s}", "username", username, "display_name",
	                  display, "agency", agency, "roles", u->role, "password", DEMO_PASSWORD);
	json_t *res = NULL;
	int rc = app_user_add(g->db, &g->sys, in, &res, g->err);
	json_decref(in);
	json_decref(res);
	if (rc != APP_OK)
		return fail(g, rc, "adding a demo user");
	if ((rc = actor_load(g->db, username, out, g->err)) != APP_OK)
		return fail(g, rc, "loading a demo user");
	json_array_append_new(g->logins, json_pack("{s:s, s:s, s:s}", "username", username, "roles",
	                                           u->role, "agency", agency));
	return APP_OK;
}

static int setup(struct gen *g)
{
	int rc;
	json_t *res = NULL;
	for (int b = 0; b < g->nb; b++) {
		json_t *in =
		        json_pack("{s:s, s:s}", "name", BOROUGHS[b].name, "code", BOROUGHS[b].code);
		rc = app_borough_add(g->db, &g->sys, in, &res, g->err);
		json_decref(in);
		json_decref(res);
		if (rc != APP_OK)
			return fail(g, rc, "adding a demo borough");
		for (int a = 0; a < A_COUNT; a++) {
			char name[160];
			snprintf(name, sizeof name, "%s %s", BOROUGHS[b].name, AGENCIES[a].suffix);
			in = json_pack("{s:s, s:s, s:s}", "name", name, "type", AGENCIES[a].type,
			               "borough", BOROUGHS[b].name);
			rc = app_agency_add(g->db, &g->sys, in, &res, g->err);
			json_decref(in);
			json_decref(res);
			if (rc != APP_OK)
				return fail(g, rc, "adding a demo agency");
		}
	}
	for (int b = 0; b < g->nb; b++)
		for (int u = 0; u < U_COUNT; u++)
			if ((rc = add_user(g, &BOROUGH_USERS[u], b, false, &g->bu[b][u])) != APP_OK)
				return rc;
	for (int u = 0; u < G_COUNT; u++)
		if ((rc = add_user(g, &GLOBAL_USERS[u], 0, true, &g->gu[u])) != APP_OK)
			return rc;
	return APP_OK;
}

/* ---- children ---- */

/* A plausible typing slip: two neighbouring letters swapped (ASCII names only). */
static void typo(struct gen *g, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s", name);
	size_t len = strlen(out);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] >= 0x80 || out[i] == '\'' || out[i] == '-' ||
		    out[i] == ' ')
			return;
	if (len < 4)
		return;
	size_t i = 1 + (size_t)pick(g, len - 2);
	char t = out[i];
	out[i] = out[i + 1];
	out[i + 1] = t;
}

/* The next NHS number of the 999 test range with a valid modulus 11 check digit. */
static void nhs_number(int *counter, char out[16])
{
	for (;;) {
		int64_t base = INT64_C(999000000) + (*counter)++ * 7;
		char d[24];
		snprintf(d, sizeof d, "%09lld", (long long)base);
		int sum = 0;
		for (int i = 0; i < 9; i++)
			sum += (d[i] - '0') * (10 - i);
		int check = 11 - sum % 11;
		if (check == 11)
			check = 0;
		if (check == 10)
			continue;
		snprintf(out, 16, "%.3s %.3s %.3s%d", d, d + 3, d + 6, check);
		return;
	}
}

static const struct community *pick_community(struct gen *g)
{
	int total = 0;
	for (size_t i = 0; i < ARRAY_LEN(COMMUNITIES); i++)
		total += COMMUNITIES[i].weight;
	int x = (int)pick(g, (uint64_t)total);
	for (size_t i = 0; i < ARRAY_LEN(COMMUNITIES); i++) {
		if (x < COMMUNITIES[i].weight)
			return &COMMUNITIES[i];
		x -= COMMUNITIES[i].weight;
	}
	return &COMMUNITIES[0];
}

/* Builds a child's details (the "child" object of the first referral). */
static json_t *child_details(struct gen *g, struct kid *k, struct lt_date dob, int *nhs_counter)
{
	const struct community *c = pick_community(g);
	const struct community *fam = c;
	const char *eth = c->ethnicity;
	if (pick(g, 10) == 0) { /* mixed heritage: a given name and a family name from two */
		fam = pick(g, 2) ? &COMMUNITIES[COMM_CARIBBEAN] : &COMMUNITIES[COMM_ENGLISH];
		eth = fam == c ? c->ethnicity : "Mixed or multiple ethnic groups";
	}
	bool female = pick(g, 100) < 58;
	const struct nm *given = female ? &c->girls[pick(g, c->ng)] : &c->boys[pick(g, c->nb)];
	const struct nm *family = &fam->family[pick(g, fam->nf)];
	char dob_s[LT_DATE_LEN];
	ltime_format_date(dob, dob_s);
	json_t *ch = json_pack("{s:s, s:s, s:s, s:s, s:s}", "given_names", given->name,
	                       "family_name", family->name, "date_of_birth", dob_s, "gender",
	                       female ? "female" : "male", "ethnicity", eth);
	/* a middle name for some */
	if (pick(g, 5) == 0) {
		const struct nm *mid =
		        female ? &c->girls[pick(g, c->ng)] : &c->boys[pick(g, c->nb)];
		if (mid != given) {
			char both[128];
			snprintf(both, sizeof both, "%s %s", given->name, mid->name);
			json_object_set_new(ch, "given_names", json_string(both));
		}
	}
	json_t *other = json_array();
	char buf[160];
	if (given->nick && pick(g, 3) != 0) {
		snprintf(buf, sizeof buf, "%s %s", given->nick, family->name);
		json_array_append_new(other,
		                      json_pack("{s:s, s:s}", "name", buf, "kind", "nickname"));
	}
	if (given->variant && pick(g, 3) == 0) {
		snprintf(buf, sizeof buf, "%s %s", given->variant, family->name);
		json_array_append_new(other,
		                      json_pack("{s:s, s:s}", "name", buf, "kind", "spelling"));
	}
	if (pick(g, 3) == 0) {
		char t[80];
		if (family->variant && pick(g, 2))
			snprintf(t, sizeof t, "%s", family->variant);
		else
			typo(g, family->name, t, sizeof t);
		snprintf(buf, sizeof buf, "%s %s", given->name, t);
		if (strcmp(t, family->name) != 0)
			json_array_append_new(
			        other, json_pack("{s:s, s:s}", "name", buf, "kind", "spelling"));
	}
	if (pick(g, 12) == 0) { /* a previous family name */
		const struct nm *prev = &fam->family[pick(g, fam->nf)];
		if (prev != family) {
			snprintf(buf, sizeof buf, "%s %s", given->name, prev->name);
			json_array_append_new(
			        other, json_pack("{s:s, s:s}", "name", buf, "kind", "previous"));
		}
	}
	if (json_array_size(other))
		json_object_set(ch, "other_names", other);
	json_decref(other);

	const char *bname = BOROUGHS[k->b].name;
	snprintf(buf, sizeof buf, "%s Demo Academy", bname);
	json_object_set_new(ch, "school", json_string(buf));
	json_object_set_new(ch, "residence_borough", json_string(bname));
	if (pick(g, 10) < 6) {
		char nhs[16];
		nhs_number(nhs_counter, nhs);
		json_object_set_new(ch, "nhs_number", json_string(nhs));
	}
	/* addresses: the current one, and for some a previous one */
	json_t *addrs = json_array();
	char street[200], pc[24], from[LT_DATE_LEN];
	snprintf(street, sizeof street, "%d Example Street, %s (demo address)",
	         (int)span(g, 1, 180), bname);
	snprintf(pc, sizeof pc, "XX%d %d%c%c", k->b + 1, (int)pick(g, 10),
	         (char)('A' + pick(g, 26)), (char)('A' + pick(g, 26)));
	struct lt_date moved = ltime_add_days(ltime_date_of(g->ref), -(int)span(g, 800, 2400));
	ltime_format_date(moved, from);
	json_array_append_new(addrs, json_pack("{s:s, s:s, s:s}", "address", street, "postcode", pc,
	                                       "from", from));
	if (pick(g, 4) == 0) {
		char to[LT_DATE_LEN], pfrom[LT_DATE_LEN];
		ltime_format_date(ltime_add_days(moved, -1), to);
		ltime_format_date(ltime_add_days(moved, -(int)span(g, 300, 1500)), pfrom);
		snprintf(street, sizeof street, "Flat %d, 2 Sample Road, %s (demo address)",
		         (int)span(g, 1, 40), bname);
		snprintf(pc, sizeof pc, "XX%d %d%c%c", k->b + 1, (int)pick(g, 10),
		         (char)('A' + pick(g, 26)), (char)('A' + pick(g, 26)));
		json_array_append_new(addrs, json_pack("{s:s, s:s, s:s, s:s}", "address", street,
		                                       "postcode", pc, "from", pfrom, "to", to));
	}
	json_object_set_new(ch, "addresses", addrs);

	/* looked after, some placed out of their home borough (R-CAT-6) */
	json_t *groups = json_array();
	if (k->looked_after) {
		const char *home = bname;
		if (k->placed_out)
			home = k->home >= 0 ? BOROUGHS[k->home].name : OUTSIDE_AUTHORITY;
		json_object_set_new(ch, "looked_after", json_true());
		json_object_set_new(ch, "home_authority", json_string(home));
		json_object_set_new(ch, "host_authority", json_string(bname));
		snprintf(buf, sizeof buf, "Demo Reviewing Officer (%s)", home);
		json_object_set_new(ch, "iro_name", json_string(buf));
		if (k->placed_out) {
			snprintf(buf, sizeof buf, "Demo Exploitation Lead (%s)", bname);
			json_object_set_new(ch, "host_cse_lead", json_string(buf));
		}
		json_array_append_new(
		        groups, json_pack("{s:s, s:s}", "code", "looked_after", "from", from));
	}
	/* an allocated social worker for some: a Lantern user or a named worker */
	if (pick(g, 10) < (k->looked_after ? 8u : 2u)) {
		if (pick(g, 3) != 0)
			snprintf(buf, sizeof buf, "social.%s", BOROUGHS[k->b].slug);
		else
			snprintf(buf, sizeof buf, "Demo Social Worker %s",
			         ENG_F[pick(g, ARRAY_LEN(ENG_F))].name);
		json_object_set_new(ch, "social_worker", json_string(buf));
	}
	static const char *const extra[] = {"missing",          "gang_associated",
	                                    "peer_recruitment", "bereavement_trauma",
	                                    "disability",       "low_self_esteem"};
	for (int i = (int)pick(g, 3); i > 0; i--) {
		const char *code = extra[pick(g, ARRAY_LEN(extra))];
		bool dup = false;
		size_t j;
		json_t *v;
		json_array_foreach(groups, j, v) dup |=
		        strcmp(json_string_value(json_object_get(v, "code")), code) == 0;
		if (!dup)
			json_array_append_new(groups, json_pack("{s:s}", "code", code));
	}
	if (json_array_size(groups))
		json_object_set(ch, "risk_groups", groups);
	json_decref(groups);
	return ch;
}

/* ---- planning ---- */

static int push(struct gen *g, struct ev e)
{
	if (g->nev == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		struct ev *n = realloc(g->evs, cap * sizeof *n);
		if (!n)
			return -1;
		g->evs = n;
		g->cap = cap;
	}
	int64_t latest = g->ref - HOUR;
	if (e.at > latest)
		e.at = latest;
	e.seq = g->seq++;
	g->evs[g->nev++] = e;
	return 0;
}

/* Referring agency: police refer about a third of children. */
static int pick_agency(struct gen *g)
{
	static const int w[A_COUNT] = {35, 10, 15, 20, 10, 10};
	int x = (int)pick(g, 100);
	for (int a = 0; a < A_COUNT; a++) {
		if (x < w[a])
			return a;
		x -= w[a];
	}
	return A_POLICE;
}

static int pick_category(struct gen *g, bool *online)
{
	int x = (int)pick(g, 100);
	int cat = x < 45 ? 1 : x < 80 ? 2 : 3;
	*online = cat == 2 && pick(g, 10) < 4;
	return cat;
}

/* Plans one child's story from its first referral at t0. */
static int plan_child(struct gen *g, int i, int64_t t0)
{
	struct kid *k = &g->kids[i];
	struct ev e = {.kid = i, .kind = EV_REFERRAL, .at = t0};
	e.agency = pick_agency(g);
	e.nsigns = pick(g, 100) < 88 ? 1 + (int)pick(g, 4) : 0;
	int64_t tr = t0;
	bool record = e.nsigns > 0, police = record && e.agency == A_POLICE;
	if (police && pick(g, 100) < 85)
		e.cat = pick_category(g, &e.online);
	int rc = push(g, e);
	if (!record && pick(g, 100) < 40) { /* later signs appear */
		tr = t0 + span(g, 20, 90) * DAY;
		e = (struct ev){.kid = i, .kind = EV_REFERRAL, .at = tr};
		e.agency = pick_agency(g);
		e.nsigns = 1 + (int)pick(g, 3);
		police = e.agency == A_POLICE;
		if (police && pick(g, 100) < 85)
			e.cat = pick_category(g, &e.online);
		rc |= push(g, e);
		record = true;
	}
	if (!record) {
		k->no_record = true;
		return rc;
	}
	if (police) {
		if (pick(g, 100) < 70)
			rc |= push(g, (struct ev){.kid = i,
			                          .kind = EV_REVIEW,
			                          .at = tr + span(g, 1, 5) * DAY +
			                                span(g, 0, 8) * HOUR});
		if (pick(g, 100) < 10) {
			e = (struct ev){.kid = i,
			                .kind = EV_CATEGORY,
			                .by = BY_SUPERVISOR,
			                .at = tr + span(g, 2, 8) * DAY};
			e.cat = pick_category(g, &e.online);
			rc |= push(g, e);
		}
	} else {
		int x = (int)pick(g, 100);
		if (x < 80) {
			e = (struct ev){.kid = i,
			                .kind = EV_CATEGORY,
			                .by = x < 50 ? BY_MASH : BY_ASSESS,
			                .at = tr + span(g, 1, 10) * DAY + span(g, 0, 8) * HOUR};
			e.cat = pick_category(g, &e.online);
			rc |= push(g, e);
		}
	}
	if (pick(g, 100) < 15) { /* the assessment team reviews the category later */
		e = (struct ev){.kid = i,
		                .kind = EV_CATEGORY,
		                .by = BY_ASSESS,
		                .at = tr + span(g, 12, 40) * DAY};
		e.cat = pick_category(g, &e.online);
		rc |= push(g, e);
	}
	if (pick(g, 100) < 65)
		rc |= push(g, (struct ev){.kid = i,
		                          .kind = EV_STEPS,
		                          .by = pick(g, 2) == 0,
		                          .at = tr + span(g, 1, 10) * DAY + span(g, 1, 8) * HOUR});
	if (pick(g, 100) < 55)
		rc |= push(g, (struct ev){.kid = i,
		                          .kind = EV_CLASSIFY,
		                          .at = tr + span(g, 1, 20) * DAY});
	if (pick(g, 100) < 45)
		rc |= push(
		        g,
		        (struct ev){.kid = i, .kind = EV_EXTREF, .at = tr + span(g, 2, 30) * DAY});
	if (pick(g, 100) < 50) {
		int64_t at = tr + span(g, 3, 60) * DAY + span(g, 0, 10) * HOUR;
		rc |= push(g, (struct ev){.kid = i, .kind = EV_NOTE, .at = at});
		if (pick(g, 100) < 30)
			rc |= push(g, (struct ev){.kid = i,
			                          .kind = EV_CORRECT,
			                          .at = at + span(g, 1, 72) * HOUR});
	}
	if (pick(g, 100) < 20)
		rc |= push(g, (struct ev){.kid = i,
		                          .kind = EV_OUTCOME,
		                          .at = tr + span(g, 30, 150) * DAY});
	/* repeat referrals, more often for children in care */
	if (pick(g, 100) < (k->looked_after ? 45u : 18u)) {
		e = (struct ev){.kid = i, .kind = EV_REFERRAL, .at = tr + span(g, 14, 170) * DAY};
		e.agency = pick_agency(g);
		e.nsigns = 1 + (int)pick(g, 3);
		if (e.agency == A_POLICE && pick(g, 100) < 85)
			e.cat = pick_category(g, &e.online);
		rc |= push(g, e);
	}
	return rc;
}

/* Plans every child: borough, date of birth, care status, details and story. */
static int plan(struct gen *g, int nkids)
{
	static const int age_w[8] = {3, 5, 8, 12, 16, 20, 20, 16}; /* ages 10..17 */
	int nhs_counter = (int)pick(g, 1000);
	struct lt_date refd = ltime_date_of(g->ref);
	int64_t ref_days = ltime_days(refd);
	for (int i = 0; i < nkids; i++) {
		struct kid *k = &g->kids[i];
		memset(k, 0, sizeof *k);
		k->b = (int)pick(g, (uint64_t)g->nb);
		k->police_b = -1;
		k->home = -1;
		k->looked_after = pick(g, 100) < 25;
		k->placed_out = k->looked_after && pick(g, 2) == 0;
		if (k->placed_out && g->nb > 1 && pick(g, 3) != 0)
			k->home = (k->b + 1 + (int)pick(g, (uint64_t)g->nb - 1)) % g->nb;
		int x = (int)pick(g, 100), age = 10;
		for (int a = 0; a < 8; a++, age++) {
			if (x < age_w[a])
				break;
			x -= age_w[a];
		}
		if (age > 17)
			age = 17;
		/* age at the reference date; at least two weeks past the birthday */
		struct lt_date dob = refd;
		dob.y -= age;
		if (dob.m == 2 && dob.d == 29)
			dob.d = 28;
		dob = ltime_add_days(dob, -(int)span(g, 14, 350));
		/* the first referral: within two years, at age 10 or over, a week before the end */
		struct lt_date tenth = dob;
		tenth.y += 10;
		if (tenth.m == 2 && tenth.d == 29)
			tenth.d = 28;
		int64_t lo = ref_days - 730, hi = ref_days - 7;
		if (ltime_days(tenth) + 1 > lo)
			lo = ltime_days(tenth) + 1;
		if (lo > hi)
			lo = hi;
		int64_t t0 = (int64_t)span(g, lo, hi) * DAY + span(g, 8 * 3600, 21 * 3600);
		k->t0 = t0;
		k->age = age;
		k->details = child_details(g, k, dob, &nhs_counter);
		if (!k->details || plan_child(g, i, t0) != 0)
			return app_fail(g->err, APP_FAILED, NULL, "demo: out of memory");
	}
	return APP_OK;
}

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* ---- playing the events ---- */

/* Picks n distinct sign indexes (0..8) into idx; prefers technology for online. */
static void pick_signs(struct gen *g, int n, bool online, int idx[4])
{
	bool used[9] = {false};
	int k = 0;
	if (online && n > 0) {
		idx[k++] = 5; /* technology_bullying */
		used[5] = true;
	}
	while (k < n) {
		int s = (int)pick(g, 9);
		if (!used[s]) {
			used[s] = true;
			idx[k++] = s;
		}
	}
}

static void date_of(int64_t t, char out[LT_DATE_LEN])
{
	ltime_format_date(ltime_date_of(t), out);
}

static int do_referral(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	size_t nsigns_tab;
	const struct ref_item *signs = ref_table(REF_SIGNS, &nsigns_tab);
	const struct actor *who = &g->bu[k->b][REFERRER[e->agency]];
	json_t *in = json_pack("{s:s}", "circumstances", CIRCUMSTANCES[e->agency][pick(g, 2)]);
	char notice[LT_TIME_LEN];
	ltime_format(e->at - span(g, 1, 20) * HOUR, notice);
	json_object_set_new(in, "came_to_notice_at", json_string(notice));
	if (k->id[0]) {
		json_object_set_new(in, "child_id", json_string(k->id));
	} else {
		json_object_set(in, "child", k->details);
		json_object_set_new(in, "confirm_new_child", json_true());
	}
	if (e->nsigns == 0) {
		json_object_set_new(
		        in, "no_sign_rationale",
		        json_string(NO_SIGN_RATIONALE[pick(g, ARRAY_LEN(NO_SIGN_RATIONALE))]));
	} else {
		int idx[4];
		pick_signs(g, e->nsigns, e->online, idx);
		json_t *arr = json_array();
		char rationale[1200], seen[LT_DATE_LEN];
		int len = snprintf(rationale, sizeof rationale,
		                   "Suspicion of exploitation because of these SAFEGUARD signs: ");
		bool gangs = false;
		for (int s = 0; s < e->nsigns; s++) {
			date_of(e->at - span(g, 0, 20) * DAY, seen);
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "code",
			                                     signs[idx[s]].code, "evidence",
			                                     EVIDENCE[idx[s]][pick(g, 2)],
			                                     "seen_on", seen));
			len += snprintf(rationale + len, sizeof rationale - (size_t)len,
			                "%s%s (%s)", s ? "; " : "", signs[idx[s]].label,
			                signs[idx[s]].code);
			gangs |= idx[s] == 4;
		}
		snprintf(rationale + len, sizeof rationale - (size_t)len,
		         ". Together they suggest the child is being targeted.");
		json_object_set_new(in, "signs", arr);
		json_object_set_new(in, "rationale", json_string(rationale));
		json_object_set_new(in, "exploitation_types",
		                    gangs ? json_pack("[s, s]", "sexual", "criminal")
		                          : json_pack("[s]", "sexual"));
		json_object_set_new(in, "people_involved",
		                    json_pack("[s, s]", "the child", PEOPLE[1 + pick(g, 2)]));
		if (e->online)
			json_object_set_new(in, "online", json_true());
		if (gangs && pick(g, 2))
			json_object_set_new(in, "gang", json_true());
		if (e->agency == A_POLICE) {
			char merlin[40];
			snprintf(merlin, sizeof merlin, "DEMO-MP-%02d-%06d",
			         ltime_date_of(e->at).y % 100, ++g->merlin);
			json_t *p =
			        json_pack("{s:s, s:s, s:s}", "merlin_pac", merlin, "risk_review",
			                  "Checks on the child and known associates completed; "
			                  "no immediate risk to life identified tonight.",
			                  "other_info",
			                  "Two earlier missing episodes are known to the "
			                  "borough.");
			if (e->cat) {
				json_object_set_new(p, "initial_category", json_integer(e->cat));
				json_object_set_new(p, "category_rationale",
				                    json_string(CAT_RATIONALE[e->cat]));
				if (e->cat == 2)
					json_object_set_new(
					        p, "contact",
					        json_string(e->online ? "online" : "contact"));
			}
			json_object_set_new(in, "police", p);
		}
	}
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_referral_submit(g->db, &a, in, &out, g->err);
	json_decref(in);
	if (rc != APP_OK) {
		json_decref(out);
		return fail(g, rc, "a referral");
	}
	const char *cid = json_string_value(json_object_get(out, "child_id"));
	const char *ref = json_string_value(json_object_get(out, "record_ref"));
	if (!k->id[0] && cid)
		snprintf(k->id, sizeof k->id, "%s", cid);
	else
		g->counts[N_REPEATS]++;
	if (!k->ref[0] && ref) {
		snprintf(k->ref, sizeof k->ref, "%s", ref);
		g->counts[N_RECORDS]++;
	}
	if (e->agency == A_POLICE && e->nsigns)
		k->police_b = k->b;
	g->counts[N_REFERRALS]++;
	json_decref(out);
	return APP_OK;
}

static int do_category(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	const struct actor *who = e->by == BY_MASH         ? &g->bu[k->b][U_MASH]
	                          : e->by == BY_SUPERVISOR ? &g->bu[k->b][U_SUPERVISOR]
	                                                   : &g->gu[G_ASSESS];
	const char *kind = e->by == BY_MASH         ? "initial"
	                   : e->by == BY_SUPERVISOR ? "supervisor"
	                                            : "assessment_team";
	json_t *in = json_pack("{s:i, s:s, s:s}", "category", e->cat, "rationale",
	                       CAT_RATIONALE[e->cat], "kind", kind);
	if (e->cat == 2)
		json_object_set_new(in, "contact", json_string(e->online ? "online" : "contact"));
	if (g->nb > 1 && pick(g, 100) < 15) /* R-CAT-5: exploitation in another borough */
		json_object_set_new(in, "exploitation_borough",
		                    json_string(BOROUGHS[(k->b + 1) % g->nb].name));
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_category_decide(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "a category decision");
	g->counts[N_CATEGORIES]++;
	return APP_OK;
}

static int do_review(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	static const char *const notes[6] = {
	        "Allegation reviewed with the reporting officer.",
	        "Classification checked against the signs recorded.",
	        "Intelligence gaps listed with actions and owners.",
	        "MERLIN record checked and complete.",
	        "Protection and support plan for the child agreed with social care.",
	        "Category reviewed; no Threat to Life assessment needed.",
	};
	json_t *items = json_array();
	for (int i = 0; i < 6; i++)
		json_array_append_new(items,
		                      json_pack("{s:b, s:s}", "ticked", 1, "note", notes[i]));
	json_t *in = json_pack("{s:o}", "items", items);
	/* the supervisor of the reporting officer's borough: never the reporting officer */
	int b = k->police_b >= 0 ? k->police_b : k->b;
	struct actor a = at_time(&g->bu[b][U_SUPERVISOR], e->at);
	json_t *out = NULL;
	int rc = app_supervisor_review(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "a supervisor review");
	g->counts[N_REVIEWS]++;
	return APP_OK;
}

/* Someone who may act on the child's record: the reporting officer for police records,
 * otherwise the borough's MASH worker (who sees the whole partnership). */
static const struct actor *record_worker(struct gen *g, const struct kid *k)
{
	return k->police_b >= 0 ? &g->bu[k->police_b][U_OFFICER] : &g->bu[k->b][U_MASH];
}

static int do_steps(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	bool complete = e->by != 0;
	json_t *in;
	if (complete) {
		in = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}", "immediate_risk", 0,
		               "pnc_marker_done", 1, "mase_referred_or_updated", 1,
		               "outcome_mi_considered", 1, "category_reviewed_by_assessment_team",
		               1, "flag_set", 1);
		if (pick(g, 4) == 0) {
			json_object_set_new(in, "immediate_risk", json_true());
			json_object_set_new(in, "police_protection_considered", json_true());
			json_object_set_new(in, "police_protection_note",
			                    json_string("Police protection considered; the child "
			                                "was safe with a carer overnight, so not "
			                                "used."));
		}
	} else {
		in = json_pack("{s:b, s:b, s:b}", "immediate_risk", 0, "pnc_marker_done",
		               (int)pick(g, 2), "flag_set", 1);
		if (pick(g, 3) == 0) {
			json_object_set_new(in, "declined_to_intervene_or_refer", json_true());
			json_object_set_new(
			        in, "e4_rationale",
			        json_string("The child is already supported through the "
			                    "existing child protection plan; no separate "
			                    "referral made."));
		}
	}
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_essential_steps(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "essential steps");
	g->counts[N_STEPS]++;
	return APP_OK;
}

static int do_classify(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	size_t nm;
	const struct ref_item *models = ref_table(REF_MODELS, &nm);
	const char *m1 = models[pick(g, nm)].code, *m2 = models[pick(g, nm)].code;
	json_t *ms = strcmp(m1, m2) == 0 ? json_pack("[s]", m1) : json_pack("[s, s]", m1, m2);
	bool gang = pick(g, 5) == 0;
	json_t *in = json_pack("{s:o, s:o, s:b, s:b}", "exploitation_types",
	                       gang ? json_pack("[s, s]", "sexual", "criminal")
	                            : json_pack("[s]", "sexual"),
	                       "models", ms, "group", pick(g, 4) == 0, "gang", gang);
	if (strcmp(m1, "online") == 0 || strcmp(m2, "online") == 0)
		json_object_set_new(in, "online", json_true());
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_record_classify(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "a classification");
	g->counts[N_CLASSIFY]++;
	return APP_OK;
}

static int do_extref(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	char value[40];
	json_t *in;
	const struct actor *who;
	int yy = ltime_date_of(e->at).y % 100;
	if (k->police_b >= 0) {
		bool crime = pick(g, 2) == 0;
		snprintf(value, sizeof value, "DEMO/%s/%02d/%05d", crime ? "CR" : "NC", yy,
		         ++g->crime);
		in = json_pack("{s:s, s:s}", "kind", crime ? "crime_number" : "non_crime_number",
		               "value", value);
		if (crime)
			json_object_set_new(in, "crime_allegation", json_true());
		who = &g->bu[k->police_b][U_OFFICER];
	} else {
		snprintf(value, sizeof value, "DEMO-CSC-%02d-%06d", yy, ++g->csc);
		in = json_pack("{s:s, s:s}", "kind", "csc_case", "value", value);
		who = &g->bu[k->b][U_MASH];
	}
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_external_ref_add(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "an external reference");
	g->counts[N_REFS]++;
	return APP_OK;
}

static int do_note(struct gen *g, const struct ev *e, bool correction)
{
	struct kid *k = &g->kids[e->kid];
	json_t *in;
	char occ[LT_TIME_LEN];
	if (correction) {
		char when[LT_DATE_LEN];
		date_of(k->note_at, when);
		char text[300];
		snprintf(text, sizeof text,
		         "Correction to the entry of %s: the meeting took place the day before; "
		         "the rest of the entry stands.",
		         when);
		ltime_format(k->note_at - DAY, occ);
		in = json_pack("{s:s, s:s, s:[s, s], s:s, s:s}", "occurred_at", occ, "nature",
		               "fact", "people_involved", "the child", "social worker", "text",
		               text, "supersedes", k->note_id);
	} else {
		int n = (int)pick(g, ARRAY_LEN(NOTES));
		k->note_at = e->at - span(g, 1, 6) * HOUR;
		ltime_format(k->note_at, occ);
		json_t *people = json_pack("[s]", "the child");
		json_array_append_new(people,
		                      json_string(PEOPLE[1 + pick(g, ARRAY_LEN(PEOPLE) - 1)]));
		in = json_pack("{s:s, s:s, s:o, s:s}", "occurred_at", occ, "nature", NOTES[n][1],
		               "people_involved", people, "text", NOTES[n][0]);
	}
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_record_add_entry(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	if (rc != APP_OK) {
		json_decref(out);
		return fail(g, rc, correction ? "a correction" : "a chronology note");
	}
	if (!correction)
		snprintf(k->note_id, sizeof k->note_id, "%s",
		         json_string_value(json_object_get(out, "id")));
	json_decref(out);
	g->counts[correction ? N_CORRECTIONS : N_NOTES]++;
	return APP_OK;
}

static int do_outcome(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	char on[LT_DATE_LEN];
	date_of(e->at - span(g, 0, 3) * DAY, on);
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", "MI", "achieved_on", on, "note",
	                       "The child is engaging with a specialist worker and has had no "
	                       "missing episode for six weeks.");
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_outcome_add(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return fail(g, rc, "an outcome");
	g->counts[N_OUTCOMES]++;
	return APP_OK;
}

/* ---- missing episodes ---- */

/* Where missing children are found in the demo (fictional). */
static const char *const FOUND_PLACES[] = {
        "Flat above the shops, Example Street (demo)", "Northbrook bus station (demo)",
        "Riverside retail park car park (demo)",       "A friend's home on Example Street (demo)",
        "Kings Cross Road fast food outlet (demo)",    "Demo Academy playing fields",
};
static const char *const RI_FINDINGS[] = {
        "The child says an older friend offered a place to stay and bought food and phone "
        "credit.",
        "The child stayed with a friend after an argument at the placement and was not "
        "harmed.",
        "The child travelled to another town with people met online and was given a new "
        "phone.",
};

/* Adds an episode to the plan; its index, or -1 when out of memory. */
static int mep_add(struct gen *g, int kid, bool ask_absent)
{
	if (g->nmeps == g->capmeps) {
		int cap = g->capmeps ? 2 * g->capmeps : 64;
		struct mep *m = realloc(g->meps, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		g->meps = m;
		g->capmeps = cap;
	}
	struct mep *m = &g->meps[g->nmeps];
	memset(m, 0, sizeof *m);
	m->kid = kid;
	m->partner = -1;
	m->ask_absent = ask_absent;
	m->risk = 1 + (int)pick(g, 3);
	m->place = (int)pick(g, ARRAY_LEN(FOUND_PLACES));
	return g->nmeps++;
}

/* Plans one episode's events from report `t`: escalation of some absent ones, return
 * after `away`, the Safe and Well Check, the return interview and the forensic
 * decision. Nothing is planned after `end`, so recent episodes leave work to do. */
static int plan_episode(struct gen *g, int ep, int64_t t, int64_t away, enum ri_end ri, int64_t end)
{
	struct mep *m = &g->meps[ep];
	m->ri = ri;
	int kid = m->kid;
	int rc = push(g, (struct ev){.kid = kid, .kind = EV_MISS_REPORT, .by = ep, .at = t});
	if (m->ask_absent && pick(g, 100) < 50 && t + 3 * HOUR < end)
		rc |= push(g, (struct ev){.kid = kid,
		                          .kind = EV_MISS_ESCALATE,
		                          .by = ep,
		                          .at = t + span(g, 1, 2) * HOUR});
	int64_t ret = t + away;
	if (ret >= end)
		return rc;
	rc |= push(g, (struct ev){.kid = kid, .kind = EV_MISS_RETURN, .by = ep, .at = ret});
	int64_t saw = ret + span(g, 1, 5) * HOUR;
	if (saw < end)
		rc |= push(g, (struct ev){.kid = kid, .kind = EV_MISS_SAW, .by = ep, .at = saw});
	int64_t offer = ret + span(g, 4, 30) * HOUR;
	if (offer < end)
		rc |= push(g, (struct ev){
		                      .kid = kid, .kind = EV_MISS_RI_OFFER, .by = ep, .at = offer});
	int64_t done = offer + span(g, 6, 60) * HOUR;
	if (ri != RI_NONE && done < end)
		rc |= push(
		        g,
		        (struct ev){.kid = kid, .kind = EV_MISS_RI_OUTCOME, .by = ep, .at = done});
	int64_t forensic = saw + span(g, 1, 20) * HOUR;
	if (pick(g, 100) < 70 && forensic < end)
		rc |= push(g,
		           (struct ev){
		                   .kid = kid, .kind = EV_MISS_FORENSIC, .by = ep, .at = forensic});
	return rc;
}

static enum ri_end pick_ri(struct gen *g)
{
	int x = (int)pick(g, 100);
	return x < 60 ? RI_COMPLETED : x < 80 ? RI_DECLINED : x < 92 ? RI_ACCEPTED : RI_NONE;
}

/* Whether the child's details name a risk group that R-MISS-3 counts as an identified
 * exploitation risk (the demo then cannot show an absent episode for them). */
static bool risk_identified(const struct kid *k)
{
	size_t i;
	json_t *grp;
	json_array_foreach(json_object_get(k->details, "risk_groups"), i, grp)
	{
		if (missing_group_is_identified_risk(
		            json_string_value(json_object_get(grp, "code"))))
			return true;
	}
	return false;
}

/* Plans the missing episodes: about one child in eight, more often children in care;
 * a third of those go missing repeatedly (three episodes); some go missing together.
 * Two community children have a return interview overdue at the reference time, and
 * one child has been absent for five hours, an hour before escalation (R-MISS-4). */
static int plan_missing(struct gen *g)
{
	int64_t end = g->ref - 2 * HOUR;
	int rc = 0, overdue = 0, near = -1;
	for (int i = 0; i < g->nkids; i++) {
		struct kid *k = &g->kids[i];
		if (near < 0 && k->no_record && k->age >= 13 && !risk_identified(k))
			near = i;
		if (pick(g, 100) >= (k->looked_after ? 45u : 10u))
			continue;
		int n = pick(g, 3) == 0 ? 3 : 1;
		int64_t lo = k->t0 + 2 * DAY, hi = g->ref - 10 * DAY;
		if (lo < g->ref - 700 * DAY)
			lo = g->ref - 700 * DAY;
		for (int e = 0; e < n && lo < hi; e++) {
			int64_t t = span(g, lo, lo + (hi - lo) / (n - e));
			t = t - t % HOUR + span(g, 0, 59) * 60;
			int ep = mep_add(g, i, !k->looked_after && pick(g, 100) < 35);
			if (ep < 0)
				return -1;
			int64_t away = span(g, 3, 60) * HOUR;
			rc |= plan_episode(g, ep, t, away, pick_ri(g), end);
			/* missing together with another child already known to services */
			int j = (int)pick(g, (uint64_t)g->nkids);
			if (n == 3 && j != i && g->kids[j].t0 + DAY < t && pick(g, 100) < 40) {
				int other = mep_add(g, j, false);
				if (other < 0)
					return -1;
				g->meps[ep].partner = other;
				g->meps[other].partner = ep;
				g->meps[other].place = g->meps[ep].place;
				rc |= plan_episode(g, other, t + 20 * 60, away - 20 * 60,
				                   pick_ri(g), end);
			}
			lo = t + away + 7 * DAY;
		}
		/* overdue return interviews: returned five days before the reference time */
		if (overdue < 2 && !k->looked_after) {
			int ep = mep_add(g, i, false);
			if (ep < 0)
				return -1;
			rc |= plan_episode(g, ep, g->ref - 6 * DAY, 20 * HOUR, RI_NONE, end);
			overdue++;
		}
	}
	if (near >= 0) {
		int ep = mep_add(g, near, true);
		if (ep < 0)
			return -1;
		rc |= plan_episode(g, ep, g->ref - 5 * HOUR, 30 * DAY, RI_NONE, end);
	}
	return rc;
}

/* The child's name as "given family". */
static void kid_name(const struct kid *k, char *out, size_t n)
{
	snprintf(out, n, "%s %s", json_string_value(json_object_get(k->details, "given_names")),
	         json_string_value(json_object_get(k->details, "family_name")));
}

typedef int (*ep_uc)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                     struct app_err *);

/* Runs an episode use case as `who` at `at`; the output is dropped. */
static int run_ep(struct gen *g, ep_uc fn, const struct actor *who, int64_t at, const char *id,
                  json_t *in, const char *what)
{
	struct actor a = at_time(who, at);
	json_t *out = NULL;
	int rc = in ? fn(g->db, &a, id, in, &out, g->err) : APP_FAILED;
	json_decref(in);
	json_decref(out);
	return rc == APP_OK ? APP_OK : fail(g, rc, what);
}

static int do_missing(struct gen *g, const struct ev *e)
{
	struct mep *m = &g->meps[e->by];
	struct kid *k = &g->kids[m->kid];
	const struct actor *officer = &g->bu[k->b][U_OFFICER];
	/* the borough's social worker arranges the interview; where that borough's social
	 * care is not involved with the child, the operator records it */
	const struct actor *social = &g->bu[k->b][U_SOCIAL];
	struct app_err seen = {0};
	if ((e->kind == EV_MISS_RI_OFFER || e->kind == EV_MISS_RI_OUTCOME) &&
	    authz_child_view(g->db, social, k->id, &seen) != APP_OK)
		social = &g->sys;
	static const char *const RISKS[] = {"no_apparent_risk", "low", "medium", "high"};
	if (!k->id[0])
		return APP_OK; /* the child was never created */
	if (e->kind != EV_MISS_REPORT && !m->id[0])
		return APP_OK;
	switch (e->kind) {
	case EV_MISS_REPORT: {
		json_t *in = json_pack(
		        "{s:s, s:s, s:s, s:b, s:s, s:s}", "child_id", k->id, "missing_from",
		        k->looked_after ? "care" : "home", "classification",
		        m->ask_absent ? "absent" : "missing", "auto_correct", 1, "last_seen_where",
		        FOUND_PLACES[(m->place + 1) % ARRAY_LEN(FOUND_PLACES)], "reported_at", "");
		char at[LT_TIME_LEN];
		ltime_format(e->at, at);
		json_object_set_new(in, "reported_at", json_string(at));
		if (!m->ask_absent)
			json_object_set_new(in, "risk_level", json_string(RISKS[m->risk]));
		struct actor a = at_time(officer, e->at);
		json_t *out = NULL;
		int rc = app_episode_report(g->db, &a, in, &out, g->err);
		json_decref(in);
		if (rc != APP_OK)
			return fail(g, rc, "missing report");
		snprintf(m->id, sizeof m->id, "%s", json_string_value(json_object_get(out, "id")));
		m->absent = strcmp(json_string_value(json_object_get(out, "classification")),
		                   "absent") == 0;
		json_decref(out);
		g->counts[N_EPISODES]++;
		return APP_OK;
	}
	case EV_MISS_ESCALATE:
		if (!m->absent)
			return APP_OK;
		g->counts[N_ESCALATIONS]++;
		return run_ep(
		        g, app_episode_escalate, officer, e->at, m->id,
		        json_pack("{s:s, s:s}", "reason",
		                  "Seen getting into a car with older males; risk identified.",
		                  "risk_level", "medium"),
		        "escalation");
	case EV_MISS_RETURN: {
		json_t *in =
		        json_pack("{s:s, s:s}", "where", FOUND_PLACES[m->place], "returned_at", "");
		char at[LT_TIME_LEN], name[300];
		ltime_format(e->at, at);
		json_object_set_new(in, "returned_at", json_string(at));
		if (m->partner >= 0) {
			const struct kid *o = &g->kids[g->meps[m->partner].kid];
			kid_name(o, name, sizeof name);
			if (o->id[0])
				json_object_set_new(
				        in, "with",
				        json_pack("[{s:s, s:s}]", "name", name, "child_id", o->id));
		}
		return run_ep(g, app_episode_return, officer, e->at, m->id, in, "return");
	}
	case EV_MISS_SAW: {
		json_t *in = json_pack("{s:s, s:s}", "where_found", FOUND_PLACES[m->place],
		                       "what_happened",
		                       "The child says they stayed with friends and would not say "
		                       "more.");
		char name[300];
		if (m->partner >= 0) {
			kid_name(&g->kids[g->meps[m->partner].kid], name, sizeof name);
			json_object_set_new(in, "found_with", json_pack("[s]", name));
		} else {
			json_object_set_new(in, "found_alone", json_true());
		}
		return run_ep(g, app_safe_and_well, officer, e->at, m->id, in,
		              "safe and well check");
	}
	case EV_MISS_RI_OFFER:
		g->counts[N_INTERVIEWS]++;
		return run_ep(g, app_return_interview_offer, social, e->at, m->id,
		              json_pack("{s:s, s:s, s:b, s:s}", "interviewer",
		                        "Robin Vale (demo return interviewer)",
		                        "interviewer_agency", BOROUGHS[k->b].name, "child_asked", 1,
		                        "child_preference",
		                        "Someone from the youth charity, not the police."),
		              "return interview offer");
	case EV_MISS_RI_OUTCOME: {
		json_t *in;
		if (m->ri == RI_COMPLETED)
			in = json_pack(
			        "{s:s, s:s, s:s}", "status", "completed", "findings",
			        RI_FINDINGS[pick(g, ARRAY_LEN(RI_FINDINGS))], "assessment",
			        "Risk of exploitation remains; keep the profile up to date.");
		else
			in = json_pack("{s:s}", "status",
			               m->ri == RI_DECLINED ? "declined" : "accepted");
		char at[LT_TIME_LEN];
		ltime_format(e->at, at);
		json_object_set_new(in, "at", json_string(at));
		return run_ep(g, app_return_interview_record, social, e->at, m->id, in,
		              "return interview outcome");
	}
	case EV_MISS_FORENSIC: {
		bool yes = m->risk >= 3;
		return run_ep(g, app_forensic_decision, officer, e->at, m->id,
		              json_pack("{s:b, s:b, s:b, s:s, s:s}", "clothing", 0,
		                        "early_evidence_kit", 0, "devices", yes, "decision",
		                        yes ? "forensic_strategy" : "no_forensic_action",
		                        "rationale",
		                        yes ? "The child's phone may show who arranged the travel."
		                            : "No indication of an offence while missing."),
		              "forensic decision");
	}
	}
	return APP_OK;
}

static int play(struct gen *g)
{
	qsort(g->evs, g->nev, sizeof *g->evs, ev_cmp);
	for (size_t i = 0; i < g->nev; i++) {
		const struct ev *e = &g->evs[i];
		int rc = APP_OK;
		switch (e->kind) {
		case EV_REFERRAL:
			rc = do_referral(g, e);
			break;
		case EV_CATEGORY:
			rc = do_category(g, e);
			break;
		case EV_REVIEW:
			rc = do_review(g, e);
			break;
		case EV_STEPS:
			rc = do_steps(g, e);
			break;
		case EV_CLASSIFY:
			rc = do_classify(g, e);
			break;
		case EV_EXTREF:
			rc = do_extref(g, e);
			break;
		case EV_NOTE:
			rc = do_note(g, e, false);
			break;
		case EV_CORRECT:
			rc = do_note(g, e, true);
			break;
		case EV_OUTCOME:
			rc = do_outcome(g, e);
			break;
		default:
			rc = do_missing(g, e);
			break;
		}
		if (rc != APP_OK)
			return rc;
	}
	return APP_OK;
}

/* Marks the data as synthetic (meta demo=1, is_demo on rows), audited. */
static int mark_demo(struct gen *g)
{
	int rc = db_begin(g->db);
	if (rc == DB_OK)
		rc = store_meta_set(g->db, "demo", "1");
	if (rc == DB_OK)
		rc = store_demo_mark_all(g->db);
	if (rc == DB_OK) {
		struct audit_event ev = {.action = "change",
		                         .entity_type = "database",
		                         .fields = "demo",
		                         .purpose = "synthetic demo data",
		                         .at = g->ref - HOUR + 1};
		rc = audit_append(g->db, &ev);
	}
	if (rc == DB_OK)
		rc = db_commit(g->db);
	if (rc != DB_OK) {
		db_rollback(g->db);
		return app_db_fail(g->err, g->db, rc);
	}
	return APP_OK;
}

int app_demo_generate(struct db *db, const struct demo_opts *opts, json_t **out,
                      struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (opts->boroughs < 1 || opts->boroughs > DEMO_MAX_BOROUGHS)
		return app_fail(err, APP_INVALID, NULL, "demo: boroughs must be 1 to %d.",
		                DEMO_MAX_BOROUGHS);
	if (opts->children < 1 || opts->children > DEMO_MAX_CHILDREN)
		return app_fail(err, APP_INVALID, NULL, "demo: children must be 1 to %d.",
		                DEMO_MAX_CHILDREN);
	int64_t n = 0;
	int rc = store_children_count(db, &n);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	if (n > 0)
		return app_fail(err, APP_CONFLICT, NULL,
		                "demo: this database already holds %lld children; generate demo "
		                "data only into a new, empty database.",
		                (long long)n);
	struct gen g = {.db = db, .err = err, .nb = opts->boroughs};
	g.ref = opts->reference ? opts->reference : ltime_now() / DAY * DAY;
	rng_seed(&g.r, opts->seed);
	struct rng idr;
	rng_seed(&idr, opts->seed ^ UINT64_C(0x9e3779b97f4a7c15));
	id_use_rng(&idr);
	actor_system(&g.sys);
	/* the partnership is set up a month before the timeline starts */
	g.sys.now = g.ref - 760 * DAY;
	g.logins = json_array();
	g.nkids = opts->children;
	g.kids = calloc((size_t)g.nkids, sizeof *g.kids);
	rc = g.kids ? APP_OK : app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	if (rc == APP_OK)
		rc = setup(&g);
	if (rc == APP_OK)
		rc = plan(&g, g.nkids);
	if (rc == APP_OK && plan_missing(&g) != 0)
		rc = app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	if (rc == APP_OK)
		rc = play(&g);
	if (rc == APP_OK)
		rc = mark_demo(&g);
	id_use_rng(NULL);
	if (rc == APP_OK) {
		json_t *names = json_array();
		for (int b = 0; b < g.nb; b++)
			json_array_append_new(names, json_string(BOROUGHS[b].name));
		*out = json_pack(
		        "{s:o, s:O, s:s, s:{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
		        "s:i, s:i, s:i, s:i, s:i}}",
		        "boroughs", names, "logins", g.logins, "password", DEMO_PASSWORD, "counts",
		        "children", g.nkids, "users", (int)json_array_size(g.logins), "referrals",
		        g.counts[N_REFERRALS], "repeat_referrals", g.counts[N_REPEATS], "records",
		        g.counts[N_RECORDS], "category_decisions", g.counts[N_CATEGORIES],
		        "supervisor_reviews", g.counts[N_REVIEWS], "essential_steps",
		        g.counts[N_STEPS], "chronology_notes", g.counts[N_NOTES], "corrections",
		        g.counts[N_CORRECTIONS], "outcomes", g.counts[N_OUTCOMES], "external_refs",
		        g.counts[N_REFS], "classifications", g.counts[N_CLASSIFY],
		        "missing_episodes", g.counts[N_EPISODES], "escalations",
		        g.counts[N_ESCALATIONS], "return_interviews", g.counts[N_INTERVIEWS]);
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	}
	for (int i = 0; g.kids && i < g.nkids; i++)
		json_decref(g.kids[i].details);
	free(g.kids);
	free(g.evs);
	free(g.meps);
	json_decref(g.logins);
	return rc;
}
