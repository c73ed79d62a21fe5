/* static.c: safe static file serving (see static.h). */
#include "web/static.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext;
	const char *type;
} types[] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
};

const char *static_content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

bool static_path_ok(const char *rel)
{
	if (!rel || !*rel || strlen(rel) > 200)
		return false;
	const char *p = rel;
	while (*p) {
		size_t sl = strcspn(p, "/");
		if (sl == 0 || p[0] == '.')
			return false;
		for (size_t i = 0; i < sl; i++) {
			unsigned char c = (unsigned char)p[i];
			bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
			if (!ok)
				return false;
		}
		p += sl;
		if (*p == '/')
			p++;
		else
			break;
	}
	return p[-1] != '/' && static_content_type(rel) != NULL;
}

static void not_found(struct response *resp)
{
	response_text(resp, 404, "Not found\n");
}

void static_serve(const char *dir, const char *rel, struct response *resp)
{
	if (!static_path_ok(rel))
		return not_found(resp);
	char path[PATH_MAX], root[PATH_MAX], real[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, rel) >= sizeof path)
		return not_found(resp);
	if (!realpath(dir, root) || !realpath(path, real))
		return not_found(resp);
	size_t rl = strlen(root);
	if (strncmp(real, root, rl) != 0 || real[rl] != '/')
		return not_found(resp);
	int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return not_found(resp);
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > STATIC_MAX_BYTES) {
		close(fd);
		return not_found(resp);
	}
	buf_reset(&resp->body);
	char chunk[16384];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			close(fd);
			buf_reset(&resp->body);
			return not_found(resp);
		}
		if (got == 0)
			break;
		if (buf_append(&resp->body, chunk, (size_t)got) < 0) {
			close(fd);
			buf_reset(&resp->body);
			return not_found(resp);
		}
	}
	close(fd);
	resp->status = 200;
	resp->content_type = static_content_type(rel);
	resp->cacheable = true;
}

#ifndef LANTERN_DATADIR
#define LANTERN_DATADIR "/usr/local/share/lantern"
#endif

/* True when dir holds lantern.css; its absolute path into out. */
static bool static_dir_ok(const char *dir, char *out, size_t n)
{
	char css[PATH_MAX], real[PATH_MAX];
	struct stat st;
	if ((size_t)snprintf(css, sizeof css, "%s/lantern.css", dir) >= sizeof css ||
	    stat(css, &st) < 0 || !S_ISREG(st.st_mode) || !realpath(dir, real))
		return false;
	return (size_t)snprintf(out, n, "%s", real) < n;
}

int static_dir_resolve(const char *configured, char *out, size_t n, char *err, size_t errlen)
{
	if (strcmp(configured, STATIC_DIR_DEFAULT) != 0) {
		if (static_dir_ok(configured, out, n))
			return 0;
		snprintf(err, errlen, "static_dir %.200s holds no lantern.css", configured);
		return -1;
	}
	char exe[PATH_MAX], bin[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[len > 0 ? len : 0] = '\0';
	char *slash = strrchr(exe, '/');
	snprintf(bin, sizeof bin, "%.*s", slash ? (int)(slash - exe) : 0, exe);
	static const char *const beside[] = {"/static", "/../static", "/../share/lantern/static"};
	if (static_dir_ok(STATIC_DIR_DEFAULT, out, n))
		return 0;
	for (size_t i = 0; bin[0] && i < ARRAY_LEN(beside); i++) {
		char dir[PATH_MAX];
		if ((size_t)snprintf(dir, sizeof dir, "%s%s", bin, beside[i]) < sizeof dir &&
		    static_dir_ok(dir, out, n))
			return 0;
	}
	if (static_dir_ok(LANTERN_DATADIR "/static", out, n))
		return 0;
	snprintf(err, errlen,
	         "no static files (lantern.css) in ./static, beside the binary (%.200s) or in "
	         "%s/static: set static_dir",
	         bin[0] ? bin : "unknown", LANTERN_DATADIR);
	return -1;
}
