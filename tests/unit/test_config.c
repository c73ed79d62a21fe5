/* test_config.c: util/config.h: defaults, the file format, validation of every kind of
 * value, all-or-nothing loading and LANTERN_* environment overrides. Files are written
 * under a fresh mkdtemp directory. */
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "util/config.h"

static char dir[64];
static int nfiles;

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/lantern-config-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char path[128];
	for (int i = 0; i < nfiles; i++) {
		snprintf(path, sizeof path, "%s/%d.conf", dir, i);
		unlink(path);
	}
	return rmdir(dir);
}

/* Writes `len` bytes of text to a new file in the temporary directory; returns its path
 * in `path`. */
static void write_file(const char *text, size_t len, char *path, size_t n)
{
	snprintf(path, n, "%s/%d.conf", dir, nfiles++);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int load_text(struct config *c, const char *text, char *err, size_t errlen)
{
	char path[128];
	write_file(text, strlen(text), path, sizeof path);
	return config_load_file(c, path, true, err, errlen);
}

static void test_defaults(void **state)
{
	struct config c;
	config_defaults(&c);
	assert_string_equal(c.db, "sqlite:var/lantern.db");
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_string_equal(c.static_dir, "static");
	assert_string_equal(c.tls_cert, "");
	assert_int_equal(c.session_idle, 900);
	assert_int_equal(c.session_absolute, 43200);
	assert_int_equal(c.absent_escalation, 21600);
	assert_int_equal(c.threads, 4);
	assert_false(c.behind_proxy);
	assert_true(c.secure_cookies);
	assert_int_equal(c.log_level, 1);
	assert_true(config_has_key("db"));
	assert_true(config_has_key("absent_escalation"));
	assert_false(config_has_key("DB"));
	assert_false(config_has_key(""));
	assert_false(config_has_key("password"));
}

static void test_file_with_comments_and_blank_lines(void **state)
{
	struct config c;
	char err[256] = "";
	config_defaults(&c);
	int rc = load_text(&c,
	                   "# Lantern configuration (synthetic test)\n"
	                   "\n"
	                   "   \n"
	                   "\t# indented comment\n"
	                   "db = postgresql://lantern@db.example.test/lantern?sslmode=require\n"
	                   "listen=0.0.0.0:9090\n"
	                   "  threads   =   16  \r\n"
	                   "session_idle = 20m\n"
	                   "session_absolute = 8h\n"
	                   "absent_escalation = 1d\n"
	                   "behind_proxy = yes\n"
	                   "secure_cookies = off\n"
	                   "log_level = debug\n"
	                   "static_dir = /usr/share/lantern/static",
	                   err, sizeof err);
	assert_int_equal(rc, 0);
	assert_string_equal(c.db, "postgresql://lantern@db.example.test/lantern?sslmode=require");
	assert_string_equal(c.listen, "0.0.0.0:9090");
	assert_int_equal(c.threads, 16);
	assert_int_equal(c.session_idle, 1200);
	assert_int_equal(c.session_absolute, 28800);
	assert_int_equal(c.absent_escalation, 86400);
	assert_true(c.behind_proxy);
	assert_false(c.secure_cookies);
	assert_int_equal(c.log_level, 0);
	assert_string_equal(c.static_dir, "/usr/share/lantern/static");
}

/* Each bad file fails naming its line, and leaves the configuration unchanged even
 * though earlier lines were good. */
static void test_errors_are_all_or_nothing(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
	        {"threads = 8\nnot_a_setting = 1\n", ":2: unknown setting 'not_a_setting'"},
	        {"threads = 8\nthreads = 0\n", ":2: setting 'threads'"},
	        {"threads = 8\nthreads = 257\n", ":2: setting 'threads'"},
	        {"threads = 8\nthreads = eight\n", ":2: setting 'threads'"},
	        {"threads = 8\nthreads =\n", ":2: setting 'threads'"},
	        {"threads = 8\nbehind_proxy = maybe\n", ":2: setting 'behind_proxy'"},
	        {"threads = 8\nlog_level = verbose\n", ":2: setting 'log_level'"},
	        {"threads = 8\nsession_idle = 15\n", ":2: setting 'session_idle'"},
	        {"threads = 8\n\n# ok\nthreads 9\n", ":4: expected 'key = value'"},
	        {"threads = 8\n[server]\n", ":2: expected 'key = value'"},
	        {"threads = 8\n= 9\n", ":2: unknown setting ''"},
	        {"db = sqlite:x.db\nlisten = a\tb\n", ":2: setting 'listen'"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct config c, before;
		char err[256] = "";
		config_defaults(&c);
		before = c;
		assert_int_equal(load_text(&c, cases[i].text, err, sizeof err), -1);
		if (!strstr(err, cases[i].want))
			fail_msg("case %zu: error '%s' lacks '%s'", i, err, cases[i].want);
		assert_memory_equal(&c, &before, sizeof c);
	}
}

static void test_error_never_echoes_value(void **state)
{
	struct config c;
	char err[256] = "";
	config_defaults(&c);
	assert_int_equal(load_text(&c, "tls_key = s3cr3t-passphrase\x01\n", err, sizeof err), -1);
	assert_null(strstr(err, "s3cr3t"));
	assert_non_null(strstr(err, "tls_key"));
	assert_int_equal(config_set(&c, "session_idle", "s3cr3t", err, sizeof err), -1);
	assert_null(strstr(err, "s3cr3t"));
}

static void test_line_too_long(void **state)
{
	char text[4200], path[128], err[256] = "";
	struct config c;
	config_defaults(&c);
	/* a comment of 2046 characters plus newline fits the line buffer */
	memset(text, 'x', sizeof text);
	text[0] = '#';
	text[2046] = '\n';
	memcpy(text + 2047, "threads = 7\n", 12);
	write_file(text, 2047 + 12, path, sizeof path);
	assert_int_equal(config_load_file(&c, path, true, err, sizeof err), 0);
	assert_int_equal(c.threads, 7);
	/* one character more is refused, and nothing is applied */
	config_defaults(&c);
	memcpy(text, "threads = 7\n#", 13);
	memset(text + 13, 'x', 3000);
	text[3013] = '\n';
	write_file(text, 3014, path, sizeof path);
	assert_int_equal(config_load_file(&c, path, true, err, sizeof err), -1);
	assert_non_null(strstr(err, ":2: line too long"));
	assert_int_equal(c.threads, 4);
	/* an over-long value in a line that fits is refused too */
	char line[700];
	memset(line, 'a', sizeof line);
	memcpy(line, "db = ", 5);
	line[sizeof line - 1] = '\0';
	assert_int_equal(load_text(&c, line, err, sizeof err), -1);
	assert_non_null(strstr(err, "setting 'db'"));
	assert_string_equal(c.db, "sqlite:var/lantern.db");
}

static void test_missing_file(void **state)
{
	struct config c;
	char err[256] = "", path[128];
	config_defaults(&c);
	snprintf(path, sizeof path, "%s/absent.conf", dir);
	assert_int_equal(config_load_file(&c, path, false, err, sizeof err), 0);
	assert_int_equal(config_load_file(&c, path, true, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot read config file"));
	/* a directory is not a file even when optional */
	assert_int_equal(config_load_file(&c, dir, false, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot read config file"));
	assert_int_equal(c.threads, 4);
}

static void test_duration_limits(void **state)
{
	struct config c;
	char err[256];
	config_defaults(&c);
	assert_int_equal(config_set(&c, "session_idle", "60s", err, sizeof err), 0);
	assert_int_equal(c.session_idle, 60);
	assert_int_equal(config_set(&c, "session_idle", "24h", err, sizeof err), 0);
	assert_int_equal(c.session_idle, 86400);
	assert_int_equal(config_set(&c, "session_idle", "59s", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "session_idle", "86401s", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "session_idle", "2d", err, sizeof err), -1);
	assert_int_equal(c.session_idle, 86400);
	assert_int_equal(config_set(&c, "session_absolute", "5m", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "session_absolute", "299s", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "session_absolute", "1w", err, sizeof err), 0);
	assert_int_equal(c.session_absolute, 604800);
	assert_int_equal(config_set(&c, "session_absolute", "8d", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "absent_escalation", "1m", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "absent_escalation", "7d", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "absent_escalation", "169h", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "absent_escalation", "-1h", err, sizeof err), -1);
	assert_int_equal(c.absent_escalation, 604800);
	assert_non_null(strstr(err, "between 60s and 604800s"));
}

static void test_config_set_kinds(void **state)
{
	struct config c;
	char err[256];
	config_defaults(&c);
	assert_int_equal(config_set(&c, "threads", "1", err, sizeof err), 0);
	assert_int_equal(config_set(&c, "threads", "256", err, sizeof err), 0);
	assert_int_equal(c.threads, 256);
	assert_int_equal(config_set(&c, "threads", "+3", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "threads", "4294967297", err, sizeof err), -1);
	assert_int_equal(c.threads, 256);
	static const char *levels[] = {"debug", "info", "warn", "error"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(config_set(&c, "log_level", levels[i], err, sizeof err), 0);
		assert_int_equal(c.log_level, i);
	}
	assert_int_equal(config_set(&c, "log_level", "2", err, sizeof err), -1);
	/* strings: the longest that fits, one more, and non-text */
	char s[CONFIG_STR_MAX + 1];
	memset(s, 'p', sizeof s);
	s[CONFIG_STR_MAX - 1] = '\0';
	assert_int_equal(config_set(&c, "tls_cert", s, err, sizeof err), 0);
	assert_int_equal(strlen(c.tls_cert), CONFIG_STR_MAX - 1);
	s[CONFIG_STR_MAX - 1] = 'p';
	s[CONFIG_STR_MAX] = '\0';
	assert_int_equal(config_set(&c, "tls_cert", s, err, sizeof err), -1);
	assert_int_equal(config_set(&c, "listen", "127.0.0.1:8080\n", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "db", "sqlite:\xc0\xaf.db", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "db", "sqlite:\xc2\x85.db", err, sizeof err), -1);
	assert_int_equal(config_set(&c, "listen", "[::1]:8443", err, sizeof err), 0);
	assert_string_equal(c.listen, "[::1]:8443");
	/* small error buffers are filled safely */
	char tiny[8];
	assert_int_equal(config_set(&c, "nope", "1", tiny, sizeof tiny), -1);
	assert_int_equal(strlen(tiny), sizeof tiny - 1);
}

static void test_environment_overrides(void **state)
{
	struct config c;
	char err[256] = "";
	config_defaults(&c);
	assert_int_equal(load_text(&c, "threads = 8\nlog_level = warn\n", err, sizeof err), 0);
	setenv("LANTERN_THREADS", "12", 1);
	setenv("LANTERN_DB", "sqlite:/srv/lantern/synthetic.db", 1);
	setenv("LANTERN_SESSION_IDLE", "30m", 1);
	setenv("LANTERN_BEHIND_PROXY", "true", 1);
	setenv("lantern_log_level", "debug", 1); /* lower-case names are not read */
	assert_int_equal(config_apply_env(&c, err, sizeof err), 0);
	assert_int_equal(c.threads, 12);
	assert_string_equal(c.db, "sqlite:/srv/lantern/synthetic.db");
	assert_int_equal(c.session_idle, 1800);
	assert_true(c.behind_proxy);
	assert_int_equal(c.log_level, 2);

	/* a bad variable names itself and changes nothing */
	struct config before = c;
	setenv("LANTERN_THREADS", "20", 1);
	setenv("LANTERN_SECURE_COOKIES", "perhaps", 1);
	assert_int_equal(config_apply_env(&c, err, sizeof err), -1);
	assert_non_null(strstr(err, "LANTERN_SECURE_COOKIES"));
	assert_null(strstr(err, "perhaps"));
	assert_memory_equal(&c, &before, sizeof c);

	unsetenv("LANTERN_THREADS");
	unsetenv("LANTERN_DB");
	unsetenv("LANTERN_SESSION_IDLE");
	unsetenv("LANTERN_BEHIND_PROXY");
	unsetenv("LANTERN_SECURE_COOKIES");
	unsetenv("lantern_log_level");
	assert_int_equal(config_apply_env(&c, err, sizeof err), 0);
	assert_memory_equal(&c, &before, sizeof c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_defaults),
	        cmocka_unit_test(test_file_with_comments_and_blank_lines),
	        cmocka_unit_test(test_errors_are_all_or_nothing),
	        cmocka_unit_test(test_error_never_echoes_value),
	        cmocka_unit_test(test_line_too_long),
	        cmocka_unit_test(test_missing_file),
	        cmocka_unit_test(test_duration_limits),
	        cmocka_unit_test(test_config_set_kinds),
	        cmocka_unit_test(test_environment_overrides),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
