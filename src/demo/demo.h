/*
 * demo.h: the synthetic demo partnership behind `lantern demo`. It builds boroughs,
 * agencies, users for every role and children with referrals, records, category
 * decisions, reviews, essential steps, chronology notes, outcomes and references, all
 * through the ordinary use cases (so every protocol rule holds and every write is
 * audited). Everything is made up and plainly says so: agency names end "(demo)",
 * addresses are on "Example Street", schools are "Demo Academy", NHS numbers come from
 * the 999 test range, and the database records meta demo=1.
 *
 * The same seed and reference instant give the same database content, IDs and times
 * included (IDs are drawn from a seeded generator, see id_use_rng; every use case runs
 * with actor.now set from a timeline over the two years before the reference instant).
 * The reference instant is the start (00:00 UTC) of the day the demo is made, or of the
 * day given, so a demo made on any day has children of the right ages and live
 * deadlines, and the same seed and day give the same data. Only the password hashes
 * differ between runs: argon2id salts always come from the system's random source.
 */
#ifndef LANTERN_DEMO_DEMO_H
#define LANTERN_DEMO_DEMO_H

#include "app/app.h"

/* The one password of every demo login: synthetic, printed by `lantern demo --logins`. */
#define DEMO_PASSWORD "lantern-demo-2026"
#define DEMO_MAX_BOROUGHS 8
#define DEMO_MAX_CHILDREN 100000

struct demo_opts {
	uint64_t seed;
	int boroughs;      /* 1..DEMO_MAX_BOROUGHS */
	int children;      /* 1..DEMO_MAX_CHILDREN */
	int64_t reference; /* end of the timeline (UTC seconds); 0 means the start of today */
};

/*
 * Generates the demo into an empty, migrated database. Refuses (APP_CONFLICT) when the
 * database already holds children; APP_INVALID for options out of range. On success
 * *out is {"boroughs": [names], "logins": [{"username", "roles", "agency"}],
 * "password", "counts": {"children", "referrals", "records", "users", ...}}.
 * Each use case commits on its own, so a failure part way leaves the part already
 * generated (the database then holds children and a rerun is refused): generate into
 * a fresh database.
 */
int app_demo_generate(struct db *db, const struct demo_opts *opts, json_t **out,
                      struct app_err *err);

#endif
