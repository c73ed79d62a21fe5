/*
 * test_web_resume.c: carrying on after a session ends (web/resume.h) and where the
 * static files are (web/static.h): which return paths are allowed after signing in,
 * the sign-in address that carries one, sealing a kept form (only its own key opens
 * it, and any change to it is found), and finding static/ from another directory.
 */
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "web/resume.h"
#include "web/session.h"
#include "web/static.h"

static void test_return_paths_are_local_pages_only(void **state)
{
	assert_true(resume_path_ok("/"));
	assert_true(resume_path_ok("/records/LAN-2026-000123"));
	assert_true(resume_path_ok("/records/LAN-2026-000123/print?nature=fact"));
	assert_true(resume_path_ok("/children/ch_0123456789abcdefghjk/details"));
	/* another site, by any spelling */
	assert_false(resume_path_ok("//evil.invalid/x"));
	assert_false(resume_path_ok("/\\evil.invalid"));
	assert_false(resume_path_ok("https://evil.invalid/"));
	assert_false(resume_path_ok("evil.invalid"));
	assert_false(resume_path_ok(""));
	assert_false(resume_path_ok(NULL));
	/* characters that could leave an attribute or a header */
	assert_false(resume_path_ok("/a b"));
	assert_false(resume_path_ok("/a\"b"));
	assert_false(resume_path_ok("/a<b"));
	assert_false(resume_path_ok("/a\r\nSet-Cookie: x=1"));
	assert_false(resume_path_ok("/caf\xc3\xa9"));
	/* pages never returned to */
	assert_false(resume_path_ok("/sign-in"));
	assert_false(resume_path_ok("/sign-out"));
	assert_false(resume_path_ok("/session/extend"));
	assert_false(resume_path_ok("/api/v1/session"));
	assert_false(resume_path_ok("/static/lantern.css"));
	char longer[RESUME_PATH_MAX + 2];
	memset(longer, 'a', sizeof longer - 1);
	longer[0] = '/';
	longer[sizeof longer - 1] = '\0';
	assert_false(resume_path_ok(longer));
	longer[RESUME_PATH_MAX] = '\0';
	assert_true(resume_path_ok(longer));
}

static void test_sign_in_url_carries_the_path(void **state)
{
	struct pool *p = pool_new(1 << 16);
	struct request req;
	memset(&req, 0, sizeof req);
	req.pool = p;
	assert_int_equal(request_split_path(&req, "/records/LAN-2026-000123"), 0);
	assert_string_equal(resume_sign_in_url(&req), "/sign-in?return=/records/LAN-2026-000123");
	assert_int_equal(request_split_path(&req, "/children/a%20b"), 0);
	assert_string_equal(resume_sign_in_url(&req), "/sign-in?return=/children/a%2520b");
	assert_int_equal(request_split_path(&req, "/"), 0);
	assert_string_equal(resume_sign_in_url(&req), "/sign-in");
	assert_int_equal(request_split_path(&req, "/api/v1/work"), 0);
	assert_string_equal(resume_sign_in_url(&req), "/sign-in");
	pool_free(p);
}

static void test_a_sealed_form_opens_only_with_its_key(void **state)
{
	char key[SESSION_TOKEN_LEN + 1], other[SESSION_TOKEN_LEN + 1];
	assert_int_equal(session_token_new(key), 0);
	assert_int_equal(session_token_new(other), 0);
	const char form[] = "csrf_token=abc&text=Seen+near+the+station+%28synthetic%29";
	char *sealed = session_seal(key, form, sizeof form - 1);
	assert_non_null(sealed);
	assert_null(strstr(sealed, "station")); /* not readable */
	size_t len = 0;
	char *plain = session_unseal(key, sealed, &len);
	assert_non_null(plain);
	assert_int_equal(len, sizeof form - 1);
	assert_string_equal(plain, form);
	free(plain);
	/* another key, a changed byte, a cut or garbage: nothing */
	assert_null(session_unseal(other, sealed, &len));
	assert_int_equal(len, 0);
	sealed[strlen(sealed) / 2] = sealed[strlen(sealed) / 2] == 'A' ? 'B' : 'A';
	assert_null(session_unseal(key, sealed, &len));
	sealed[10] = '\0';
	assert_null(session_unseal(key, sealed, &len));
	assert_null(session_unseal(key, "not base64 at all!", &len));
	assert_null(session_unseal(key, NULL, &len));
	free(sealed);
	/* two seals of the same form differ (a fresh nonce each time) */
	char *a = session_seal(key, form, sizeof form - 1), *b = session_seal(key, form, 4);
	char *c = session_seal(key, form, sizeof form - 1);
	assert_string_not_equal(a, c);
	plain = session_unseal(key, b, &len);
	assert_string_equal(plain, "csrf");
	free(plain);
	free(a);
	free(b);
	free(c);
	/* an empty form seals and opens */
	a = session_seal(key, "", 0);
	plain = session_unseal(key, a, &len);
	assert_non_null(plain);
	assert_int_equal(len, 0);
	free(plain);
	free(a);
}

static void test_static_files_are_found_from_anywhere(void **state)
{
	const char *src = getenv("LANTERN_SOURCE_DIR");
	char want[PATH_MAX], dir[PATH_MAX], out[PATH_MAX], err[400], cwd[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/static", src ? src : "..");
	assert_non_null(realpath(dir, want));
	/* a setting is used as it is */
	assert_int_equal(static_dir_resolve(dir, out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, want);
	assert_int_equal(
	        static_dir_resolve("/nonexistent/lantern/static", out, sizeof out, err, sizeof err),
	        -1);
	assert_non_null(strstr(err, "/nonexistent/lantern/static"));
	/* the default, from a directory with no static/ of its own, is found from the
	 * binary: ../static when the build directory is inside the source tree (make,
	 * make sanitize), else nowhere here, and the message says where it looked */
	char exe[PATH_MAX], above[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	snprintf(above, sizeof above, "%s/../static/lantern.css", exe);
	bool in_tree = access(above, R_OK) == 0;
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir("/"), 0);
	int rc = static_dir_resolve(STATIC_DIR_DEFAULT, out, sizeof out, err, sizeof err);
	assert_int_equal(chdir(cwd), 0);
	if (in_tree) {
		assert_int_equal(rc, 0);
		snprintf(above, sizeof above, "%s/../static", exe);
		assert_non_null(realpath(above, dir));
		assert_string_equal(out, dir);
	} else {
		assert_int_equal(rc, -1);
		assert_non_null(strstr(err, exe));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_return_paths_are_local_pages_only),
	        cmocka_unit_test(test_sign_in_url_carries_the_path),
	        cmocka_unit_test(test_a_sealed_form_opens_only_with_its_key),
	        cmocka_unit_test(test_static_files_are_found_from_anywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
