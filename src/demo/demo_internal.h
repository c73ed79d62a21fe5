/*
 * demo_internal.h: what the parts of the demo generator share, internal to src/demo/:
 * the plan (children, dated events, missing episodes) and the generator's state, the
 * made-up words and names (data.c), and the steps app_demo_generate takes: set up the
 * partnership (setup.c), plan the children's stories (plan.c) and missing episodes
 * (missing.c), then play every event through the use cases (play.c).
 */
#ifndef LANTERN_DEMO_DEMO_INTERNAL_H
#define LANTERN_DEMO_DEMO_INTERNAL_H

#include "demo/demo.h"
#include "util/ltime.h"
#include "util/rng.h"

#define DAY INT64_C(86400)
#define HOUR INT64_C(3600)

/* ---- fictional places, agencies and users (data.c) ---- */

struct demo_borough {
	const char *name, *code, *slug;
};
extern const struct demo_borough DEMO_BOROUGHS[DEMO_MAX_BOROUGHS];
/* A placing authority outside the demo partnership, for children placed from afar. */
extern const char DEMO_OUTSIDE_AUTHORITY[];

enum { A_POLICE, A_CSC, A_HEALTH, A_EDU, A_YOT, A_CHARITY, A_COUNT };
struct demo_agency {
	const char *type, *suffix; /* name: borough name, space, suffix */
};
extern const struct demo_agency DEMO_AGENCIES[A_COUNT];

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
extern const struct user_def DEMO_BOROUGH_USERS[U_COUNT];
enum { G_ASSESS, G_ANALYST, G_AUDITOR, G_ADMIN, G_COUNT };
/* Partnership-wide users, attached to the first borough's agencies. */
extern const struct user_def DEMO_GLOBAL_USERS[G_COUNT];
/* The user who refers for each agency type. */
extern const int DEMO_REFERRER[A_COUNT];

/* ---- names from many communities (data.c) ---- */

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
#define N_COMMUNITIES 11
#define COMM_ENGLISH 0
#define COMM_CARIBBEAN 10
extern const struct community DEMO_COMMUNITIES[N_COMMUNITIES];

/* ---- the words of the demo (data.c; checked by language_check in the unit test) ---- */

/* Evidence for each SAFEGUARD sign, in REF_SIGNS order; two wordings each. */
extern const char *const DEMO_EVIDENCE[9][2];
/* The circumstances of a referral by each agency type; two wordings each. */
extern const char *const DEMO_CIRCUMSTANCES[A_COUNT][2];
/* Why a referral without a warning sign stays with the referring agency. */
extern const char *const DEMO_NO_SIGN_RATIONALE[2];
/* Chronology notes: {text, "fact" | "opinion"}. */
extern const char *const DEMO_NOTES[5][2];
/* People involved in an entry; the child first. */
extern const char *const DEMO_PEOPLE[7];
/* The rationale of a category decision, by category (1..3). */
extern const char *const DEMO_CAT_RATIONALE[4];
/* Where missing children are found in the demo (fictional). */
extern const char *const DEMO_FOUND_PLACES[6];
/* What return interviews found. */
extern const char *const DEMO_RI_FINDINGS[3];

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

/* A copy of actor a whose clock reads `at`. */
static inline struct actor at_time(const struct actor *a, int64_t at)
{
	struct actor c = *a;
	c.now = at;
	return c;
}

/* A number below n from the content stream. */
static inline uint64_t pick(struct gen *g, uint64_t n)
{
	return rng_below(&g->r, n);
}

/* A number from lo to hi from the content stream. */
static inline int64_t span(struct gen *g, int64_t lo, int64_t hi)
{
	return rng_range(&g->r, lo, hi);
}

/* Records a failed use case in g->err (keeping its code; APP_FAILED when rc is 0 or
 * not an app code) with what was being done; returns the code. */
int demo_fail(struct gen *g, int rc, const char *what);

/* Adds boroughs, an agency of every type in each, and a user for every role
 * (setup.c). APP_OK or the error (in g->err). */
int demo_setup(struct gen *g);
/* Plans nkids children: details and story (plan.c). APP_OK or the error. */
int demo_plan(struct gen *g, int nkids);
/* Adds event e to the plan, no later than an hour before the reference time, in
 * planning order (plan.c). 0, or -1 when out of memory. */
int demo_push(struct gen *g, struct ev e);
/* Plans the missing episodes (missing.c). 0, or -1 when out of memory. */
int demo_plan_missing(struct gen *g);
/* Sorts the events by time and plays each through its use case (play.c). APP_OK or
 * the error of the first that failed. */
int demo_play(struct gen *g);
/* Plays a missing-episode event (missing.c). APP_OK or the error. */
int demo_do_missing(struct gen *g, const struct ev *e);
/* Adds persons of concern, orders in every status, tactical options, actions, criminal
 * justice cases and NRM referrals to each borough, after the children's stories
 * (disruption.c). APP_OK or the error. */
int demo_disruption(struct gen *g);
/* Changes some children's details after the events, for their history (details.c).
 * APP_OK or the error. */
int demo_details(struct gen *g);
/* A year of multi-agency meetings in each borough with decisions, actions and the
 * chair's duties, and outcome reviews for a few children (mase.c). APP_OK or the error. */
int demo_mase(struct gen *g);

#endif
