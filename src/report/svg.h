/*
 * svg.h: small pieces for writing SVG into a struct buf, shared by the pictures the
 * server draws (networks now, charts later): text escaped for XML, numbers written the
 * same way whatever the locale, and the opening of an accessible picture.
 *
 * Text from users goes through svg_put_text() only: it escapes & < > " ' so the result
 * is safe both as element text and inside a quoted attribute, and replaces what XML
 * 1.0 cannot carry (invalid UTF-8, control characters, U+FFFE and U+FFFF) with U+FFFD,
 * so any bytes give a well-formed document. Every function returns 0, or -1 when the
 * buffer is full or cannot grow (the buffer's sticky `failed` flag is then set).
 */
#ifndef LANTERN_REPORT_SVG_H
#define LANTERN_REPORT_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Appends `s` escaped, at most `max_bytes` bytes of it (0 = no limit), cut at a
 * character boundary and followed by an ellipsis when cut. NULL appends nothing. */
int svg_put_text(struct buf *b, const char *s, size_t max_bytes);
/* Appends v with one decimal ("12.5", "-3.0"); non-finite values as 0. */
int svg_put_num(struct buf *b, double v);
/* Whether `s` is a usable element id prefix: 1..32 of [A-Za-z0-9_-], starting with a
 * letter. */
bool svg_id_ok(const char *s);
/* <svg> with viewBox 0 0 w h, role="img", aria-labelledby the <title> and <desc> that
 * it writes (ids "<id>-title" and "<id>-desc"; `id` must pass svg_id_ok()). No XML
 * declaration, so the result can be inlined in HTML or served as image/svg+xml. */
int svg_open(struct buf *b, int w, int h, const char *id, const char *title, const char *desc);
int svg_close(struct buf *b);

#endif
