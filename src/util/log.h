/*
 * log.h: operational log lines on standard error, one format:
 *   2026-11-28T18:05:00Z level=info msg="server listening" addr=127.0.0.1:8080
 * Never log personal data (names, dates of birth, free text, search terms, tokens):
 * log identifiers and counts. The message is passed through printf formatting.
 */
#ifndef LANTERN_LOG_H
#define LANTERN_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
