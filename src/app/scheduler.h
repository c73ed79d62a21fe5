/*
 * scheduler.h: the deadline scheduler that runs inside `lantern serve`. Once a minute
 * it escalates every `absent` episode whose managed timeframe has passed (R-MISS-4,
 * R-DL-2), on its own database connection, as one transaction per run. Deadlines
 * themselves are derived from the records whenever a queue is read, so the scheduler
 * only does what must happen even when nobody is looking. Every second it also
 * checkpoints the write-ahead log, so that no web request pays for a checkpoint. `lantern deadlines
 * run` does the same from cron when the server is not running.
 */
#ifndef LANTERN_SCHEDULER_H
#define LANTERN_SCHEDULER_H

#include <stdint.h>

struct scheduler;

/* Starts the thread. interval_s: seconds between runs (>= 1); timeframe: the absent
 * escalation time in seconds. Returns 0 or -1 with a message in err. */
int scheduler_start(const char *db_url, int interval_s, int64_t timeframe, struct scheduler **out,
                    char *err, size_t errlen);
/* Stops the thread (waking it at once) and frees it. */
void scheduler_stop(struct scheduler *s);

#endif
