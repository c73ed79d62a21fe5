/*
 * import_csv.c: the children's CSV parser of bulk import (see import_csv.h). libcsv does
 * the quoting; the bytes are fed to it a line at a time so that each row knows the line
 * it starts on. Repeated rows are found by a 64-bit hash of the row's fields, lower-cased,
 * kept with the line of their first appearance.
 */
#include "app/import_csv.h"

#include <csv.h>
#include <ctype.h>

#include "util/ltime.h"
#include "util/parse.h"

static const char *const FIELD_NAMES[IMPORT_NFIELDS] = {
        "given_names", "family_name", "other_names", "date_of_birth", "gender",
        "nhs_number",  "school",      "address",     "postcode"};
static const size_t FIELD_MAX[IMPORT_NFIELDS] = {100, 100, 400, 10, 16, 16, 120, 300, 10};

#define MAX_COLUMNS 64
#define MAX_MAPPINGS 64
#define HEADER_LEN 64

const char *import_field_name(enum import_field f)
{
	return (unsigned)f < IMPORT_NFIELDS ? FIELD_NAMES[f] : NULL;
}

size_t import_field_max(enum import_field f)
{
	return (unsigned)f < IMPORT_NFIELDS ? FIELD_MAX[f] : 0;
}

bool import_csv_formula_like(const char *s)
{
	return s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	             s[0] == '\r');
}

struct seen {
	uint64_t hash;
	size_t line; /* 0: empty slot */
};

struct import_csv {
	struct csv_parser csv;
	struct import_csv_cb cb;
	/* mapping: header (lower-cased, trimmed) -> field */
	char map_from[MAX_MAPPINGS][HEADER_LEN];
	int map_to[MAX_MAPPINGS];
	int n_map;
	/* the header: column -> field (-1 before the header is read) */
	int column[MAX_COLUMNS];
	int n_columns;
	bool header_done;
	/* the row being read */
	char *cell[MAX_COLUMNS];
	size_t n_cells;
	bool too_many;
	size_t line, row_line, row_bytes;
	size_t rows;
	bool failed;
	struct seen *seen;
	size_t seen_cap, seen_n;
};

/* Lower-cases and trims s into out (n bytes); spaces and hyphens become '_'. */
static void header_key(const char *s, size_t len, char *out, size_t n)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	size_t k = 0;
	for (size_t i = 0; i < len && k + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[k++] = (char)(c == ' ' || c == '-' ? '_' : tolower(c));
	}
	out[k] = '\0';
}

static int field_of(const char *key)
{
	for (int f = 0; f < IMPORT_NFIELDS; f++)
		if (strcmp(key, FIELD_NAMES[f]) == 0)
			return f;
	return -1;
}

static int refuse(struct import_csv *p, size_t line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int refuse(struct import_csv *p, size_t line, const char *fmt, ...)
{
	char reason[IMPORT_REASON_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	if (p->cb.refuse && p->cb.refuse(p->cb.ctx, line, reason) < 0)
		p->failed = true;
	return -1;
}

static void row_clear(struct import_csv *p)
{
	for (size_t i = 0; i < p->n_cells; i++)
		free(p->cell[i]);
	p->n_cells = 0;
	p->too_many = false;
}

static void on_field(void *s, size_t len, void *data)
{
	struct import_csv *p = data;
	if (p->failed)
		return;
	if (p->n_cells >= MAX_COLUMNS) {
		p->too_many = true;
		return;
	}
	char *c = malloc(len + 1);
	if (!c) {
		p->failed = true;
		return;
	}
	if (len)
		memcpy(c, s, len);
	c[len] = '\0';
	/* a NUL inside a cell is kept as a control character for the encoding check */
	for (size_t i = 0; i < len; i++)
		if (c[i] == '\0')
			c[i] = '\x01';
	p->cell[p->n_cells++] = c;
}

static void read_header(struct import_csv *p)
{
	if (p->too_many) {
		refuse(p, p->row_line, "Wrong header: more than %d columns.", MAX_COLUMNS);
		p->failed = true;
		return;
	}
	bool have[IMPORT_NFIELDS] = {false};
	for (size_t i = 0; i < p->n_cells; i++) {
		char key[HEADER_LEN];
		header_key(p->cell[i], strlen(p->cell[i]), key, sizeof key);
		if (!utf8_valid(p->cell[i], strlen(p->cell[i]))) {
			refuse(p, p->row_line, "Wrong header: column %zu is not UTF-8 text.",
			       i + 1);
			p->failed = true;
			return;
		}
		int f = -1;
		for (int m = 0; m < p->n_map && f < 0; m++)
			if (strcmp(p->map_from[m], key) == 0)
				f = p->map_to[m];
		if (f < 0)
			f = field_of(key);
		if (f < 0) {
			refuse(p, p->row_line,
			       "Wrong header: column %zu, \"%.40s\", is not a field Lantern knows "
			       "(map it in a mapping file).",
			       i + 1, key);
			p->failed = true;
			return;
		}
		if (have[f]) {
			refuse(p, p->row_line, "Wrong header: %s is given twice.", FIELD_NAMES[f]);
			p->failed = true;
			return;
		}
		have[f] = true;
		p->column[i] = f;
	}
	p->n_columns = (int)p->n_cells;
	for (int f = IMPORT_GIVEN_NAMES; f <= IMPORT_FAMILY_NAME; f++) {
		if (!have[f]) {
			refuse(p, p->row_line, "Wrong header: there is no %s column.",
			       FIELD_NAMES[f]);
			p->failed = true;
			return;
		}
	}
	p->header_done = true;
}

/* "YYYY-MM-DD" or "DD/MM/YYYY" as YYYY-MM-DD into out; -1 when neither or no such day. */
static int date_iso(const char *s, char out[11])
{
	struct lt_date d;
	char iso[11];
	size_t n = strlen(s);
	if (n == 10 && s[2] == '/' && s[5] == '/') {
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
		s = iso;
	}
	if (ltime_parse_date(s, &d) < 0)
		return -1;
	ltime_format_date(d, out);
	return 0;
}

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)tolower((unsigned char)*s);
		h *= 1099511628211ull;
	}
	h ^= 0x1f;
	h *= 1099511628211ull;
	return h;
}

/* The line of an earlier row with hash h, or 0 after remembering this one. */
static size_t seen_check(struct import_csv *p, uint64_t h, size_t line)
{
	if (p->seen_n * 2 >= p->seen_cap) {
		size_t cap = p->seen_cap ? p->seen_cap * 2 : 1024;
		struct seen *t = calloc(cap, sizeof *t);
		if (!t) {
			p->failed = true;
			return 0;
		}
		for (size_t i = 0; i < p->seen_cap; i++) {
			if (!p->seen[i].line)
				continue;
			size_t j = (size_t)(p->seen[i].hash & (cap - 1));
			while (t[j].line)
				j = (j + 1) & (cap - 1);
			t[j] = p->seen[i];
		}
		free(p->seen);
		p->seen = t;
		p->seen_cap = cap;
	}
	size_t j = (size_t)(h & (p->seen_cap - 1));
	while (p->seen[j].line) {
		if (p->seen[j].hash == h)
			return p->seen[j].line;
		j = (j + 1) & (p->seen_cap - 1);
	}
	p->seen[j].hash = h;
	p->seen[j].line = line;
	p->seen_n++;
	return 0;
}

static void read_row(struct import_csv *p)
{
	size_t line = p->row_line;
	p->rows++;
	if (p->too_many || p->n_cells != (size_t)p->n_columns) {
		refuse(p, line, "The row has %s%zu fields where the header has %d.",
		       p->too_many ? "more than " : "", p->n_cells, p->n_columns);
		return;
	}
	struct import_row r = {.line = line};
	char dob[11] = "";
	for (int f = 0; f < IMPORT_NFIELDS; f++)
		r.field[f] = "";
	for (size_t i = 0; i < p->n_cells; i++) {
		int f = p->column[i];
		char *c = p->cell[i];
		size_t n = strlen(c);
		if (!utf8_valid(c, n)) {
			refuse(p, line, "%s is not UTF-8 text (save the file as UTF-8).",
			       FIELD_NAMES[f]);
			return;
		}
		if (!text_ok(c, SIZE_MAX, false)) {
			refuse(p, line, "%s holds a control character.", FIELD_NAMES[f]);
			return;
		}
		/* a quote guarding a formula-looking cell, as the export writes it */
		if (c[0] == '\'' && import_csv_formula_like(c + 1))
			memmove(c, c + 1, n--);
		if (utf8_length(c) > FIELD_MAX[f]) {
			refuse(p, line, "%s is too long: at most %zu characters.", FIELD_NAMES[f],
			       FIELD_MAX[f]);
			return;
		}
		r.field[f] = c;
	}
	if (!r.field[IMPORT_GIVEN_NAMES][0] || !r.field[IMPORT_FAMILY_NAME][0]) {
		refuse(p, line, "%s is empty: every child needs given names and a family name.",
		       r.field[IMPORT_GIVEN_NAMES][0] ? "family_name" : "given_names");
		return;
	}
	if (r.field[IMPORT_DATE_OF_BIRTH][0]) {
		if (date_iso(r.field[IMPORT_DATE_OF_BIRTH], dob) < 0) {
			refuse(p, line,
			       "date_of_birth \"%.12s\" is not a date that exists (YYYY-MM-DD or "
			       "DD/MM/YYYY).",
			       r.field[IMPORT_DATE_OF_BIRTH]);
			return;
		}
		r.field[IMPORT_DATE_OF_BIRTH] = dob;
	}
	uint64_t h = 14695981039346656037ull;
	for (int f = 0; f < IMPORT_NFIELDS; f++)
		h = fnv(h, r.field[f]);
	size_t first = seen_check(p, h, line);
	if (p->failed)
		return;
	if (first) {
		refuse(p, line, "The row repeats line %zu of the file.", first);
		return;
	}
	if (p->cb.row && p->cb.row(p->cb.ctx, &r) < 0)
		p->failed = true;
}

static void on_row(int c, void *data)
{
	struct import_csv *p = data;
	(void)c;
	if (!p->failed) {
		if (!p->header_done)
			read_header(p);
		else
			read_row(p);
	}
	row_clear(p);
	/* a row may end at a bare carriage return: the next one starts on the same line */
	p->row_bytes = 0;
	p->row_line = p->line;
}

/* Parses data[0..len) (no newline inside except at its end) on line p->line. */
static int parse_piece(struct import_csv *p, const char *data, size_t len)
{
	/* libcsv's state 0 is "no row begun": this row starts here (or on a later line,
	 * when this one is blank) */
	if (p->csv.pstate == 0 && p->n_cells == 0) {
		p->row_line = p->line;
		p->row_bytes = 0;
	}
	p->row_bytes += len;
	if (p->row_bytes > IMPORT_ROW_MAX_BYTES) {
		refuse(p, p->row_line,
		       "The row is longer than %zu KiB (a quote left open?); the file is "
		       "refused from here.",
		       IMPORT_ROW_MAX_BYTES >> 10);
		p->failed = true;
		return -1;
	}
	if (csv_parse(&p->csv, data, len, on_field, on_row, p) != len) {
		refuse(p, p->row_line, "The file cannot be read as CSV here.");
		p->failed = true;
	}
	return p->failed ? -1 : 0;
}

int import_csv_feed(struct import_csv *p, const char *data, size_t len)
{
	if (p->failed)
		return -1;
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) + 1 : len;
		if (parse_piece(p, data, n) < 0)
			return -1;
		if (nl)
			p->line++;
		data += n;
		len -= n;
	}
	return 0;
}

int import_csv_finish(struct import_csv *p)
{
	if (p->failed)
		return -1;
	csv_fini(&p->csv, on_field, on_row, p);
	if (!p->failed && !p->header_done) {
		refuse(p, 1, "Wrong header: the file is empty.");
		p->failed = true;
	}
	return p->failed ? -1 : 0;
}

size_t import_csv_rows(const struct import_csv *p)
{
	return p->rows;
}

struct import_csv *import_csv_new(const char *mapping, size_t mapping_len,
                                  const struct import_csv_cb *cb, char *err, size_t errsz)
{
	if (mapping_len > IMPORT_MAPPING_MAX) {
		snprintf(err, errsz, "The mapping file is over %zu KiB.", IMPORT_MAPPING_MAX >> 10);
		return NULL;
	}
	struct import_csv *p = calloc(1, sizeof *p);
	if (!p || csv_init(&p->csv, CSV_APPEND_NULL) != 0) {
		free(p);
		snprintf(err, errsz, "Out of memory.");
		return NULL;
	}
	p->cb = *cb;
	p->line = 1;
	size_t lineno = 0;
	const char *s = mapping, *end = mapping ? mapping + mapping_len : NULL;
	while (s && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		lineno++;
		const char *hash = memchr(s, '#', (size_t)(e - s));
		const char *stop = hash ? hash : e;
		const char *eq = memchr(s, '=', (size_t)(stop - s));
		char from[HEADER_LEN], to[HEADER_LEN];
		header_key(s, (size_t)(stop - s), from, sizeof from);
		if (from[0] && !eq) {
			snprintf(err, errsz, "Mapping line %zu: expected \"header = field\".",
			         lineno);
			import_csv_free(p);
			return NULL;
		}
		if (eq) {
			header_key(s, (size_t)(eq - s), from, sizeof from);
			header_key(eq + 1, (size_t)(stop - eq - 1), to, sizeof to);
			int f = field_of(to);
			if (f < 0 || !from[0] || p->n_map >= MAX_MAPPINGS) {
				snprintf(err, errsz,
				         "Mapping line %zu: \"%.40s\" is not a field of Lantern's "
				         "(%s, "
				         "%s, ...).",
				         lineno, to, FIELD_NAMES[0], FIELD_NAMES[1]);
				import_csv_free(p);
				return NULL;
			}
			snprintf(p->map_from[p->n_map], HEADER_LEN, "%s", from);
			p->map_to[p->n_map++] = f;
		}
		s = nl ? nl + 1 : end;
	}
	return p;
}

void import_csv_free(struct import_csv *p)
{
	if (!p)
		return;
	row_clear(p);
	csv_free(&p->csv);
	free(p->seen);
	free(p);
}
