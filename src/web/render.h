/*
 * render.h: a small logic-less template engine (a subset of mustache) over jansson
 * data, for the HTML pages.
 *
 * Tags:
 *   {{name}} {{a.b}} {{.}}   the value, HTML-escaped (& < > " ' `), always. Strings as
 *                            they are, integers and reals as numbers, true/false as
 *                            words, null/missing/objects/arrays as nothing.
 *   {{#name}}...{{/name}}    a section: once per item of a non-empty array (the item
 *                            becomes the context), once for any other truthy value
 *                            (which becomes the context). Falsy: missing, null, false,
 *                            "", [] (and nothing else: 0 is truthy).
 *   {{^name}}...{{/name}}    inverted: once if the value is falsy.
 *   {{>partial}}             another template, "partial.html", in the current context.
 *                            {{>content}} is the page being rendered inside the layout.
 *   {{! comment }}           nothing.
 * There is deliberately no unescaped output: {{{x}}} and {{&x}} are compile errors, as
 * are delimiter changes ({{=...=}}). Names are [A-Za-z0-9_-] segments joined by ".".
 * Names are looked up from the innermost context outwards; a dotted name resolves its
 * first segment that way and the rest inside it.
 *
 * Templates are compiled once (render_set_new) and every error (unclosed or
 * mismatched section, bad tag, unknown partial, partial cycle) is reported then, with
 * the template name and line, so that a broken template stops the server at startup
 * rather than failing a request. A compiled set is read-only and safe to share
 * between threads.
 */
#ifndef LANTERN_WEB_RENDER_H
#define LANTERN_WEB_RENDER_H

#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/embedded.h"

#define RENDER_MAX_DEPTH 24 /* nested sections plus partials at render time */
#define RENDER_MAX_TEMPLATE ((size_t)256 << 10)

struct render_set;

/* Compiles every template in files (a {NULL}-terminated table such as
 * embedded_templates). Returns the set, or NULL with a message in err. */
struct render_set *render_set_new(const struct embedded_file *files, char *err, size_t errlen);
void render_set_free(struct render_set *set);
/* True if the set holds a template of that name ("sign_in.html"). */
bool render_has(const struct render_set *set, const char *name);

/* Renders template `name` with `data` (an object; may be NULL) appended to out.
 * Returns 0, or -1 if the template is unknown, nesting is too deep or out's cap was
 * hit (out then holds a partial result; the caller discards it). */
int render_template(const struct render_set *set, const char *name, json_t *data, struct buf *out);
/* Renders "layout.html" with {{>content}} bound to template `page`. */
int render_page(const struct render_set *set, const char *page, json_t *data, struct buf *out);

/* Compiles a single template text (for tests and the fuzzer): 0, or -1 with a
 * message. Partials are not resolved. */
int render_check(const char *name, const char *text, size_t len, char *err, size_t errlen);

#endif
