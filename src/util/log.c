/* log.c: writes one line per message to stderr with a UTC timestamp (see log.h). */
#include "util/log.h"

#include "util/ltime.h"

static enum log_level log_min = LOG_INFO;

void log_set_level(enum log_level min)
{
	log_min = min;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if (level < log_min)
		return;
	char ts[LT_TIME_LEN], msg[1024];
	ltime_format(ltime_now(), ts);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "%s level=%s %s\n", ts, names[level], msg);
}
