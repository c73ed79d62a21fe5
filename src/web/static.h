/*
 * static.h: serving files under /static/ from the configured static_dir. Only
 * regular files with an allow-listed extension are served; a path segment that is
 * empty, starts with "." (dotfiles, "..") or contains "/" or "\" after decoding is
 * refused; a path whose resolved form (after symbolic links) leaves the real
 * static_dir is refused; files over STATIC_MAX_BYTES are refused. Responses are cacheable
 * (Cache-Control public).
 */
#ifndef LANTERN_WEB_STATIC_H
#define LANTERN_WEB_STATIC_H

#include "web/request.h"

#define STATIC_MAX_BYTES ((size_t)4 << 20)

/* Content type for a file name by extension, or NULL if not allow-listed. */
const char *static_content_type(const char *name);
/* True if `rel` (a "/"-joined relative path) is safe to look up. */
bool static_path_ok(const char *rel);
/* Serves `rel` (e.g. "govuk/govuk-frontend.min.css") from dir into resp: 200 with the
 * file, or 404 (plain text, fixed message) if it is unsafe, missing or not allowed. */
void static_serve(const char *dir, const char *rel, struct response *resp);

#endif
