/*
 * static.h: serving files under /static/ from the configured static_dir. Only
 * regular files with an allow-listed extension are served; a path segment that is
 * empty, starts with "." (dotfiles, "..") or contains "/" or "\" after decoding is
 * refused; a path whose resolved form (after symbolic links) leaves the real
 * static_dir is refused; files over STATIC_MAX_BYTES are refused. Responses are cacheable
 * (Cache-Control public). `lantern serve` finds the directory wherever it is started
 * from (static_dir_resolve).
 */
#ifndef LANTERN_WEB_STATIC_H
#define LANTERN_WEB_STATIC_H

#include "web/request.h"

#define STATIC_MAX_BYTES ((size_t)4 << 20)
/* The default static_dir setting: found wherever Lantern is started from. */
#define STATIC_DIR_DEFAULT "static"

/*
 * Finds the static files directory, into out as an absolute path. A static_dir set to
 * anything but the default is used as it is (relative to the working directory), and
 * must hold lantern.css. The default is looked for, in order: static/ in the working
 * directory; static/ beside the binary; ../static/ from the binary (a build directory
 * inside the source tree); ../share/lantern/static/ from the binary and the install
 * prefix's share/lantern/static/ (an installed Lantern). Returns 0, or -1 with the
 * places looked at in err.
 */
int static_dir_resolve(const char *configured, char *out, size_t n, char *err, size_t errlen);

/* Content type for a file name by extension, or NULL if not allow-listed. */
const char *static_content_type(const char *name);
/* True if `rel` (a "/"-joined relative path) is safe to look up. */
bool static_path_ok(const char *rel);
/* Serves `rel` (e.g. "govuk/govuk-frontend.min.css") from dir into resp: 200 with the
 * file, or 404 (plain text, fixed message) if it is unsafe, missing or not allowed. */
void static_serve(const char *dir, const char *rel, struct response *resp);

#endif
