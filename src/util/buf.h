/*
 * buf.h: a growable byte string with a hard maximum size.
 *
 * Invariants (tested in tests/unit/test_buf.c):
 *  - `data` is either NULL (nothing ever appended) or points to `cap` bytes with
 *    data[len] == '\0'; buf_cstr() therefore always returns a NUL-terminated string
 *    ("" for an empty buffer).
 *  - len < cap whenever data != NULL, and len <= max always.
 *  - An append that would make len exceed `max`, or that cannot allocate, changes
 *    nothing, returns -1 and sets the sticky `failed` flag; later appends still work
 *    within the limit, so a caller may build a whole string and check `failed` once.
 *  - The buffer may hold NUL bytes in the middle (buf_append with binary data);
 *    buf_cstr() then shows only the part before the first NUL.
 */
#ifndef LANTERN_BUF_H
#define LANTERN_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	bool failed;
};

#define BUF_DEFAULT_MAX ((size_t)16 << 20) /* 16 MiB */
#define BUF_INIT(maximum)                                                                          \
	{                                                                                          \
		NULL, 0, 0, (maximum), false                                                       \
	}

void buf_init(struct buf *b, size_t max);
/* Frees the memory and returns the buffer to its initial empty state (same max). */
void buf_release(struct buf *b);
/* Empties the buffer, keeping its memory and clearing `failed`. */
void buf_reset(struct buf *b);

int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Appends `s` escaped for HTML text and attribute values (& < > " ' `). */
int buf_put_html(struct buf *b, const char *s);

const char *buf_cstr(const struct buf *b);
/* Hands the string to the caller (who frees it) and leaves `b` empty. Never NULL
 * unless out of memory. `*len` (optional) receives the length. */
char *buf_detach(struct buf *b, size_t *len);
/* Shortens to `len` bytes (no-op if already shorter). */
void buf_truncate(struct buf *b, size_t len);

#endif
