/* scheduler.c: the deadline scheduler thread (see scheduler.h). */
#include "app/scheduler.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "app/episodes.h"
#include "audit/viewlog.h"
#include "store/db.h"
#include "util/log.h"
#include "util/ltime.h"

/* The thread wakes ten times a second: it folds the view log each time, checkpoints
 * once a second and runs the escalation every interval. */
#define SCHEDULER_TICKS_PER_S 10

struct scheduler {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	int interval_s;
	int64_t timeframe;
	struct db *db;
};

/* One run: escalates what is due and logs how many (never who). */
static void run_once(struct scheduler *s)
{
	struct app_err err = {0};
	json_t *out = NULL;
	if (app_episodes_escalate_due(s->db, ltime_now(), s->timeframe, &out, &err) != APP_OK) {
		log_warn("scheduler: escalation run failed: %s", err.message);
		return;
	}
	json_int_t n = json_integer_value(json_object_get(out, "count"));
	if (n > 0)
		log_info("scheduler: escalated %lld absent episode(s) to missing (R-MISS-4)",
		         (long long)n);
	json_decref(out);
}

/* Moves waiting view events into the audit chain (viewlog.h); logs a failure. */
static void fold(struct scheduler *s)
{
	if (viewlog_fold(s->db, NULL) != DB_OK)
		log_warn("scheduler: moving view events into the audit log failed: %s",
		         db_errmsg(s->db));
}

static void *scheduler_main(void *arg)
{
	struct scheduler *s = arg;
	int64_t next_run = 0;
	int tick = 0;
	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		pthread_mutex_unlock(&s->mu);
		int64_t now = ltime_now();
		if (now >= next_run) {
			run_once(s);
			next_run = now + s->interval_s;
		}
		fold(s);
		/* the web threads leave checkpoints to this thread (db_pool_defer_checkpoints) */
		if (tick++ % SCHEDULER_TICKS_PER_S == 0 && db_checkpoint(s->db) != DB_OK)
			log_warn("scheduler: checkpoint failed: %s", db_errmsg(s->db));
		pthread_mutex_lock(&s->mu);
		struct timespec until = ltime_deadline_ns(1000000000 / SCHEDULER_TICKS_PER_S);
		while (!s->stop && pthread_cond_timedwait(&s->cv, &s->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&s->mu);
	fold(s); /* nothing is left waiting at shutdown */
	return NULL;
}

int scheduler_start(const char *db_url, int interval_s, int64_t timeframe, struct scheduler **out,
                    char *err, size_t errlen)
{
	*out = NULL;
	struct scheduler *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->interval_s = interval_s < 1 ? 1 : interval_s;
	s->timeframe = timeframe;
	if (db_open(db_url, false, &s->db, err, errlen) != DB_OK) {
		free(s);
		return -1;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	if (pthread_create(&s->thread, NULL, scheduler_main, s) != 0) {
		snprintf(err, errlen, "cannot start the scheduler thread");
		db_close(s->db);
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void scheduler_stop(struct scheduler *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	db_close(s->db);
	free(s);
}
