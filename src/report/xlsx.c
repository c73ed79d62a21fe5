/*
 * xlsx.c: plain-table workbooks through libxlsxwriter (see xlsx.h). Text goes through
 * worksheet_write_string only (a shared string: never a formula), numbers through
 * worksheet_write_number.
 */
#include "report/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	char dir[64];  /* private temporary directory */
	char path[96]; /* dir/book.xlsx */
	lxw_row_t row; /* the next row of the current sheet */
	size_t sheets;
	char names[XLSX_MAX_SHEETS][32];
	bool failed;
};

struct xlsx_book *xlsx_new(void)
{
	struct xlsx_book *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	const char *tmp = getenv("TMPDIR");
	snprintf(b->dir, sizeof b->dir, "%s/lantern-xlsx-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(b->dir)) {
		free(b);
		return NULL;
	}
	snprintf(b->path, sizeof b->path, "%s/book.xlsx", b->dir);
	lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = b->dir, .use_zip64 = 0};
	b->wb = workbook_new_opt(b->path, &opt);
	if (!b->wb) {
		rmdir(b->dir);
		free(b);
		return NULL;
	}
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	return b;
}

/* A valid, unique sheet name from `name` into out (32 bytes). */
static void sheet_name(const struct xlsx_book *b, const char *name, char out[32])
{
	char base[32];
	size_t k = 0;
	for (const char *p = name && *name ? name : "Sheet"; *p && k < 28; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80) { /* keep whole UTF-8 sequences, or none of one */
			size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
			size_t have = strnlen(p, len);
			if (have < len || k + len > 28)
				break;
			memcpy(base + k, p, len);
			k += len;
			p += len - 1;
			continue;
		}
		base[k++] = strchr("[]:*?/\\", c) || c < 0x20 ? '-' : (char)c;
	}
	while (k && base[k - 1] == ' ')
		k--;
	/* an apostrophe may not begin or end a sheet's name */
	if (k && base[0] == '\'')
		base[0] = '-';
	if (k && base[k - 1] == '\'')
		base[k - 1] = '-';
	base[k] = '\0';
	if (!k)
		snprintf(base, sizeof base, "Sheet");
	snprintf(out, 32, "%s", base);
	for (int n = 2; n < 1000; n++) {
		bool taken = false;
		for (size_t i = 0; i < b->sheets; i++)
			taken |= strcasecmp(b->names[i], out) == 0;
		if (!taken)
			return;
		snprintf(out, 32, "%.24s (%d)", base, n);
	}
}

int xlsx_sheet(struct xlsx_book *b, const char *name, const char *const *head, size_t n)
{
	if (!b)
		return -1;
	if (b->failed || b->sheets >= XLSX_MAX_SHEETS || n > XLSX_MAX_COLS) {
		b->failed = true; /* a workbook missing a sheet is never handed over */
		return -1;
	}
	char nm[32];
	sheet_name(b, name, nm);
	b->ws = workbook_add_worksheet(b->wb, nm);
	if (!b->ws) {
		b->failed = true;
		return -1;
	}
	snprintf(b->names[b->sheets++], 32, "%s", nm);
	b->row = 0;
	for (size_t i = 0; i < n; i++)
		if (worksheet_write_string(b->ws, 0, (lxw_col_t)i, head[i] ? head[i] : "",
		                           b->bold) != LXW_NO_ERROR)
			b->failed = true;
	if (n)
		worksheet_set_column(b->ws, 0, (lxw_col_t)(n - 1), 24, NULL);
	b->row = 1;
	return b->failed ? -1 : 0;
}

int xlsx_row(struct xlsx_book *b, const struct xlsx_cell *cells, size_t n)
{
	if (!b)
		return -1;
	if (b->failed || !b->ws || n > XLSX_MAX_COLS || b->row > XLSX_MAX_ROWS) {
		b->failed = true; /* nor one missing a row */
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		lxw_error e = LXW_NO_ERROR;
		if (cells[i].is_number)
			e = worksheet_write_number(b->ws, b->row, (lxw_col_t)i, cells[i].num, NULL);
		else if (cells[i].text && *cells[i].text) /* text only: never a formula */
			e = worksheet_write_string(b->ws, b->row, (lxw_col_t)i, cells[i].text,
			                           NULL);
		if (e != LXW_NO_ERROR) {
			b->failed = true;
			return -1;
		}
	}
	b->row++;
	return 0;
}

static void remove_files(struct xlsx_book *b)
{
	unlink(b->path);
	rmdir(b->dir);
}

void xlsx_free(struct xlsx_book *b)
{
	if (!b)
		return;
	if (b->wb) {
		workbook_close(b->wb); /* the only way to free it: writes the file, removed */
		b->wb = NULL;
	}
	remove_files(b);
	free(b);
}

int xlsx_finish(struct xlsx_book *b, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	if (!b)
		return -1;
	bool ok = !b->failed && b->sheets > 0;
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	ok = ok && e == LXW_NO_ERROR;
	FILE *f = ok ? fopen(b->path, "rb") : NULL;
	struct stat st;
	if (f && fstat(fileno(f), &st) == 0 && st.st_size > 0 && st.st_size < (64 << 20)) {
		*data = malloc((size_t)st.st_size);
		if (*data && fread(*data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
			*len = (size_t)st.st_size;
		} else {
			free(*data);
			*data = NULL;
		}
	}
	if (f)
		fclose(f);
	remove_files(b);
	free(b);
	return *data ? 0 : -1;
}

bool xlsx_is_number(const char *s, double *out)
{
	if (!s || !*s || strlen(s) > 15)
		return false;
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p || *p == '.')
		return false;
	bool dot = false;
	for (; *p; p++) {
		if (*p == '.' && !dot && p[1])
			dot = true;
		else if (*p < '0' || *p > '9')
			return false;
	}
	char *end = NULL;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || !end || *end)
		return false;
	*out = v;
	return true;
}
