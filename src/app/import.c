/*
 * import.c: bulk import and export of children and the held rows (see import.h). The
 * file is parsed a piece at a time (app/import_csv.h); each good row becomes the same
 * child object the API takes (so that child_input_parse applies the same checks: an
 * adult refused under R-DEF-1, an NHS number's check digit, a UK postcode), is matched
 * (R-REC-1) and then held or created inside the batch's one transaction.
 */
#include "app/import.h"

#include "app/children.h"
#include "app/gate.h"
#include "app/import_csv.h"
#include "app/match_batch.h"
#include "app/matching.h"
#include "app/uc.h"
#include "store/children.h"
#include "store/demo.h"
#include "store/imports.h"
#include "util/buf.h"

#define READ_CHUNK ((size_t)64 << 10)
/* The page cache while a batch is imported: a batch is one transaction, and its new
 * pages (the children, their addresses, the audit events, the indexes) are all written
 * when it commits; a cache this large keeps the pages it keeps changing (the indexes)
 * in memory instead of writing them out and reading them back, which at 1,000,000 rows
 * took most of the time. Pages are taken as needed, and given back afterwards. */
#define IMPORT_CACHE_KIB (512 * 1024)
#define HELD_LIST_MAX 200

bool app_may_import(const struct actor *who)
{
	return access_may_import(who->roles, who->system); /* R-INFO-3 */
}

struct run {
	struct uc *u;
	char batch[ID_MAX];
	int64_t n_children;
	size_t created, held, refused;
	json_t *refused_rows, *held_rows;
	bool dry_run;
	int fatal;              /* an app code that stopped the import */
	struct match_batch *mb; /* the children created so far, for matching */
};

static int on_refuse(void *ctx, size_t line, const char *reason)
{
	struct run *r = ctx;
	r->refused++;
	if (json_array_size(r->refused_rows) < IMPORT_REPORT_ROWS)
		json_array_append_new(
		        r->refused_rows,
		        json_pack("{s:I, s:s}", "line", (json_int_t)line, "reason", reason));
	return 0;
}

/* The reason a use case refused, in words, naming the field. */
static void reason_of(const struct app_err *e, char *out, size_t n)
{
	if (e->nfields > 0)
		snprintf(out, n, "%.40s: %.150s", e->fields[0].field, e->fields[0].message);
	else
		snprintf(out, n, "%.190s", e->message[0] ? e->message : "refused");
}

static const char *gender_word(const char *g)
{
	if (!g[0])
		return NULL;
	if (strcasecmp(g, "f") == 0 || strcasecmp(g, "female") == 0)
		return "female";
	if (strcasecmp(g, "m") == 0 || strcasecmp(g, "male") == 0)
		return "male";
	if (strcasecmp(g, "x") == 0 || strcasecmp(g, "other") == 0)
		return "other";
	if (strcasecmp(g, "u") == 0 || strcasecmp(g, "unknown") == 0)
		return "unknown";
	return g; /* refused by child_input_parse, naming the field */
}

/* The row as the child object of the API (docs/api.md). */
static json_t *row_child(const struct import_row *row)
{
	const char *const *f = row->field;
	json_t *c = json_pack("{s:s, s:s}", "given_names", f[IMPORT_GIVEN_NAMES], "family_name",
	                      f[IMPORT_FAMILY_NAME]);
	if (!c)
		return NULL;
	if (f[IMPORT_OTHER_NAMES][0]) {
		json_t *names = json_array();
		const char *s = f[IMPORT_OTHER_NAMES];
		while (*s) {
			const char *e = strchr(s, ';');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			while (n && *s == ' ')
				s++, n--;
			while (n && s[n - 1] == ' ')
				n--;
			if (n)
				json_array_append_new(names, json_stringn(s, n));
			s = e ? e + 1 : s + strlen(s);
		}
		json_object_set_new(c, "other_names", names);
	}
	if (f[IMPORT_DATE_OF_BIRTH][0])
		json_object_set_new(c, "date_of_birth", json_string(f[IMPORT_DATE_OF_BIRTH]));
	const char *g = gender_word(f[IMPORT_GENDER]);
	if (g)
		json_object_set_new(c, "gender", json_string(g));
	if (f[IMPORT_NHS_NUMBER][0])
		json_object_set_new(c, "nhs_number", json_string(f[IMPORT_NHS_NUMBER]));
	if (f[IMPORT_SCHOOL][0])
		json_object_set_new(c, "school", json_string(f[IMPORT_SCHOOL]));
	if (f[IMPORT_ADDRESS][0] || f[IMPORT_POSTCODE][0]) {
		/* a postcode alone is kept as the address's only line */
		json_t *a =
		        json_pack("{s:s}", "address",
		                  f[IMPORT_ADDRESS][0] ? f[IMPORT_ADDRESS] : f[IMPORT_POSTCODE]);
		if (f[IMPORT_POSTCODE][0])
			json_object_set_new(a, "postcode", json_string(f[IMPORT_POSTCODE]));
		json_object_set_new(c, "addresses", json_pack("[o]", a));
	}
	return c;
}

static int hold(struct run *r, size_t line, json_t *child, json_t *cands)
{
	char id[ID_MAX];
	id_new("imh", id);
	size_t i;
	json_t *c;
	json_array_foreach(cands, i, c) /* the band in words, for the person resolving it */
	{
		json_object_set_new(c, "band",
		                    json_string(match_band_of(
		                            json_string_value(json_object_get(c, "strength")))));
	}
	char *row = json_dumps(child, JSON_COMPACT);
	char *cj = json_dumps(cands, JSON_COMPACT);
	int rc = row && cj
	                 ? store_import_held_insert(r->u->db, id, r->batch, (int64_t)line, row, cj)
	                 : DB_E_NOMEM;
	free(row);
	free(cj);
	if (rc != DB_OK)
		return uc_db(r->u, rc);
	r->held++;
	if (json_array_size(r->held_rows) < IMPORT_REPORT_ROWS) {
		json_t *h = json_pack("{s:I, s:I}", "line", (json_int_t)line, "candidates",
		                      (json_int_t)json_array_size(cands));
		if (!r->dry_run)
			json_object_set_new(h, "id", json_string(id));
		json_array_append_new(r->held_rows, h);
	}
	return APP_OK;
}

static int on_row(void *ctx, const struct import_row *row)
{
	struct run *r = ctx;
	struct uc *u = r->u;
	json_t *child = row_child(row);
	if (!child) {
		r->fatal = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
		return -1;
	}
	struct child_input ci;
	struct app_err e;
	app_err_clear(&e);
	char reason[IMPORT_REASON_LEN];
	if (child_input_parse(child, u->now, &ci, &e) != APP_OK) {
		reason_of(&e, reason, sizeof reason);
		json_decref(child);
		return on_refuse(r, row->line, reason);
	}
	json_t *cands = NULL;
	int rc = child_match_in(u->db, u->who, &ci, 5, r->n_children, MATCH_SCORED_IMPORT, r->mb,
	                        &cands, &e); /* R-REC-1 */
	if (rc == APP_OK && json_array_size(cands) > 0) {
		rc = hold(r, row->line, child, cands);
	} else if (rc == APP_OK) {
		char id[ID_MAX];
		/* its keys are written with the batch's (match_batch_write_keys) */
		rc = child_create_unkeyed_tx(u->db, u->who, &ci, id, &e);
		if (rc == APP_OK && match_batch_add(r->mb, id, &ci) != 0)
			rc = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
		if (rc == APP_OK) {
			r->created++;
			r->n_children++;
		} else if (rc == APP_INVALID || rc == APP_CONFLICT) {
			/* refused before anything was written (a duplicate NHS number...) */
			reason_of(&e, reason, sizeof reason);
			on_refuse(r, row->line, reason);
			rc = APP_OK;
		}
	}
	json_decref(cands);
	json_decref(child);
	if (rc != APP_OK) {
		if (e.code != APP_OK && u->err->code == APP_OK)
			*u->err = e;
		r->fatal = rc;
		return -1;
	}
	return 0;
}

/* Reads the whole file through the parser. APP_OK, or the code that stopped it. */
static int read_all(struct run *r, struct import_csv *p, import_read_fn *read, void *ctx)
{
	char *buf = malloc(READ_CHUNK);
	if (!buf)
		return app_fail(r->u->err, APP_FAILED, NULL, "Out of memory.");
	int prc = 0;
	for (;;) {
		long n = read(ctx, buf, READ_CHUNK);
		if (n < 0) {
			free(buf);
			return app_fail(r->u->err, APP_FAILED, NULL, "The file cannot be read.");
		}
		if (n == 0)
			break;
		if ((prc = import_csv_feed(p, buf, (size_t)n)) < 0)
			break;
	}
	free(buf);
	if (prc == 0)
		prc = import_csv_finish(p);
	if (r->fatal)
		return r->fatal;
	return APP_OK; /* a parse that stopped refused the rest: the report says why */
}

static json_t *report_of(struct run *r, const char *status, size_t rows)
{
	return json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:O, s:O}", "id", r->batch, "status",
	                 status, "dry_run", r->dry_run, "rows_read", (json_int_t)rows, "created",
	                 (json_int_t)r->created, "held", (json_int_t)r->held, "refused",
	                 (json_int_t)r->refused, "refused_rows", r->refused_rows, "held_rows",
	                 r->held_rows);
}

static int batch_write(struct uc *u, json_t *rep, bool insert, bool audit)
{
	char *text = json_dumps(rep, JSON_COMPACT);
	if (!text)
		return app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	struct import_batch_row b = {
	        .id = json_string_value(json_object_get(rep, "id")),
	        .kind = "children",
	        .status = json_string_value(json_object_get(rep, "status")),
	        .source = json_string_value(json_object_get(rep, "source")),
	        .rows_read = json_integer_value(json_object_get(rep, "rows_read")),
	        .created = json_integer_value(json_object_get(rep, "created")),
	        .held = json_integer_value(json_object_get(rep, "held")),
	        .refused = json_integer_value(json_object_get(rep, "refused")),
	        .report = text,
	        .created_by = uc_user_id(u),
	        .created_at = u->now,
	};
	int rc = insert ? store_import_batch_insert(u->db, &b)
	                : store_import_batch_update(u->db, &b);
	free(text);
	if (rc == DB_OK && audit) {
		char fields[200];
		snprintf(fields, sizeof fields,
		         "status=%s,rows=%lld,created=%lld,held=%lld,refused=%lld", b.status,
		         (long long)b.rows_read, (long long)b.created, (long long)b.held,
		         (long long)b.refused);
		rc = uc_audit(u, "import", "import_batch", b.id, NULL, fields);
	}
	return uc_db(u, rc);
}

/* A role refused (403), audited after the answer: what it asked for and why. */
static int refuse_role(struct uc *u, const char *entity, const char *id, const char *message)
{
	app_fail(u->err, APP_FORBIDDEN, NULL, "%s", message);
	uc_note_after(u, "refused", entity, id, NULL, "role");
	uc_audit_after(u);
	return u->err->code;
}

int app_import_children(struct db *db, const struct actor *who, const struct import_opts *o,
                        import_read_fn *read, void *ctx, json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_import(who))
		return refuse_role(&u, "import_batch", NULL, "Your role cannot import children.");
	struct run r = {.u = &u, .dry_run = o->dry_run};
	r.refused_rows = json_array();
	r.held_rows = json_array();
	id_new("imp", r.batch);
	struct import_csv_cb cb = {&r, on_row, on_refuse};
	char perr[200];
	struct import_csv *p = import_csv_new(o->mapping, o->mapping_len, &cb, perr, sizeof perr);
	if (!p) {
		json_decref(r.refused_rows);
		json_decref(r.held_rows);
		app_field_error(err, "mapping", "%s", perr);
		return err->code;
	}
	json_t *rep = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = uc_db(&u, store_children_count(db, &r.n_children));
	if (rc == APP_OK && !(r.mb = match_batch_new(r.n_children == 0)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	/* the batch's pages stay in memory until it is written (see IMPORT_CACHE_KIB) */
	if (rc == APP_OK)
		rc = uc_db(&u, db_cache_kib(db, IMPORT_CACHE_KIB));
	if (rc == APP_OK) { /* the batch first: held rows name it */
		json_t *first = report_of(&r, "committed", 0);
		rc = batch_write(&u, first, true, false);
		json_decref(first);
	}
	if (rc == APP_OK)
		rc = read_all(&r, p, read, ctx);
	size_t rows = import_csv_rows(p);
	import_csv_free(p);
	bool keep = !o->dry_run && (r.refused == 0 || o->commit_good);
	if (rc == APP_OK && keep)
		rc = uc_db(&u, match_batch_write_keys(db, r.mb));
	match_batch_free(r.mb);
	db_cache_kib(db, 0);
	if (rc != APP_OK) {
		json_decref(r.refused_rows);
		json_decref(r.held_rows);
		return uc_end(&u, rc, NULL);
	}
	const char *status = o->dry_run ? "dry_run" : keep ? "committed" : "refused";
	rep = report_of(&r, status, rows);
	json_decref(r.refused_rows);
	json_decref(r.held_rows);
	if (!rep)
		return uc_end(&u, app_fail(err, APP_FAILED, NULL, "Out of memory."), NULL);
	if (o->source)
		json_object_set_new(rep, "source", json_string(o->source));
	json_object_set_new(rep, "commit_good_rows", json_boolean(o->commit_good));
	if (keep) {
		rc = batch_write(&u, rep, false, true);
		if (rc == APP_OK)
			rc = uc_commit(&u);
		if (rc != APP_OK) {
			json_decref(rep);
			return uc_end(&u, rc, NULL);
		}
		*out = rep;
		return APP_OK;
	}
	/* all or nothing: nothing of the batch is kept but its report */
	db_rollback(db);
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = batch_write(&u, rep, true, true);
	if (rc == APP_OK)
		rc = uc_commit(&u);
	if (rc != APP_OK) {
		json_decref(rep);
		return uc_end(&u, rc, NULL);
	}
	*out = rep;
	if (r.refused == 0)
		return APP_OK; /* a dry run with nothing refused */
	return app_fail(err, APP_INVALID, NULL,
	                "%zu row%s refused; nothing was written. Correct the file, or commit "
	                "the good rows explicitly.",
	                r.refused, r.refused == 1 ? " was" : "s were");
}

int app_import_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_import(who))
		return refuse_role(&u, "import_batch", id_valid(id, "imp") ? id : NULL,
		                   "Your role cannot see imports.");
	if (!id_valid(id, "imp"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such import.");
	int src;
	int rc = uc_begin(&u);
	json_t *b = rc == APP_OK ? store_import_batch_get(db, id, &src) : NULL;
	if (rc == APP_OK && !b)
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such import.")
		                    : uc_db(&u, src);
	if (rc == APP_OK) {
		const char *t = json_string_value(json_object_get(b, "report"));
		*out = t ? json_loads(t, 0, NULL) : NULL;
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "The import's report cannot be read.");
		else
			json_object_set(*out, "created_at", json_object_get(b, "created_at"));
	}
	json_decref(b);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "import_batch", id, NULL, "report"));
	return uc_end(&u, rc, out);
}

int app_import_held_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_import(who))
		return refuse_role(&u, "import_held", NULL,
		                   "Your role cannot resolve imported rows.");
	int src;
	int rc = uc_begin(&u);
	json_t *rows =
	        rc == APP_OK ? store_import_held_list(db, "held", HELD_LIST_MAX, &src) : NULL;
	if (rc == APP_OK && !rows)
		rc = uc_db(&u, src);
	size_t i;
	json_t *h;
	char ids[400] = "";
	json_array_foreach(rows, i, h)
	{
		if (rc != APP_OK)
			break;
		json_t *row =
		        json_loads(json_string_value(json_object_get(h, "row_data")), 0, NULL);
		json_t *cands =
		        json_loads(json_string_value(json_object_get(h, "candidates")), 0, NULL);
		if (!cands)
			cands = json_array();
		rc = access_disclose_children(&u, cands, ids, sizeof ids); /* R-INFO-3 */
		json_object_set_new(h, "row", row ? row : json_object());
		json_object_set_new(h, "candidates", cands);
		json_object_del(h, "row_data");
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "import_held", NULL, NULL, "held rows"));
	if (rc == APP_OK)
		*out = json_pack("{s:O}", "held", rows);
	json_decref(rows);
	return uc_end(&u, rc, out);
}

int app_import_held_resolve(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"decision", "child_id", NULL};
	static const char *const decisions[] = {"same", "new", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_import(who))
		return refuse_role(&u, "import_held", id_valid(id, "imh") ? id : NULL,
		                   "Your role cannot resolve imported rows.");
	if (!id_valid(id, "imh"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such held row.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *decision = app_json_str(in, "decision", true, 8, false, err);
	const char *child_id = app_json_str(in, "child_id", false, ID_MAX, false, err);
	if (decision && !uc_one_of(decision, decisions))
		app_field_error(err, "decision",
		                "Choose \"same\" (the row is a child already known) or \"new\".");
	if (decision && strcmp(decision, "same") == 0 && !child_id)
		app_field_error(err, "child_id", "Choose which child the row is.");
	if (err->code)
		return err->code;
	int src;
	int rc = uc_begin(&u);
	json_t *h = rc == APP_OK ? store_import_held_get(db, id, &src) : NULL;
	if (rc == APP_OK && !h)
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such held row.")
		                    : uc_db(&u, src);
	if (rc == APP_OK && strcmp(json_string_value(json_object_get(h, "status")), "held") != 0)
		rc = app_fail(err, APP_CONFLICT, NULL, "This row has been resolved already.");
	char made[ID_MAX] = "";
	json_t *row = NULL;
	if (rc == APP_OK && strcmp(decision, "same") == 0) {
		json_t *cands =
		        json_loads(json_string_value(json_object_get(h, "candidates")), 0, NULL);
		bool found = false;
		size_t i;
		json_t *c;
		json_array_foreach(cands, i, c)
		{
			const char *cid = json_string_value(json_object_get(c, "id"));
			found |= cid && strcmp(cid, child_id) == 0;
		}
		json_decref(cands);
		if (!found)
			app_field_error(err, "child_id",
			                "Choose one of the children the row matched.");
		else
			snprintf(made, sizeof made, "%s", child_id);
		rc = err->code ? err->code : APP_OK;
	} else if (rc == APP_OK) {
		row = json_loads(json_string_value(json_object_get(h, "row_data")), 0, NULL);
		struct child_input ci;
		if (!row)
			rc = app_fail(err, APP_FAILED, NULL, "The held row cannot be read.");
		else if (child_input_parse(row, u.now, &ci, err) == APP_OK)
			rc = child_create_tx(db, who, &ci, false, made, err);
		else
			rc = err->code;
	}
	if (rc == APP_OK)
		rc = uc_db(&u, store_import_held_resolve(db, id, decision, made, uc_user_id(&u),
		                                         u.now));
	if (rc == APP_OK) {
		char fields[120];
		snprintf(fields, sizeof fields, "decision=%s,child=%s", decision, made);
		rc = uc_db(&u, uc_audit(&u, "resolve", "import_held", id, NULL, fields));
	}
	json_decref(row);
	json_decref(h);
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s}", "id", id, "status", decision, "child_id", made);
	return uc_end(&u, rc, out);
}

/* ---- export ---- */

/* Appends one CSV cell (quoted when needed; a formula-looking one after a quote). */
static void cell(struct buf *b, const char *s, bool last)
{
	s = s ? s : "";
	bool guard = import_csv_formula_like(s);
	bool quote = guard || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (guard)
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
	buf_puts(b, last ? "\r\n" : ",");
}

#define EXPORT_PAGE 1000

int app_export_children(struct db *db, const struct actor *who, export_write_fn *write, void *ctx,
                        size_t *rows, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*rows = 0;
	if (!who->system && !actor_has(who, ROLE_BIT(ROLE_CSC_MANAGER))) {
		app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot export children.");
		uc_note_after(&u, "refused", "children_export", NULL, NULL, "role");
		uc_audit_after(&u);
		return err->code;
	}
	struct store_viewer v;
	access_viewer(who, u.now, &v); /* R-INFO-3: the children the actor sees */
	struct buf b;
	buf_init(&b, BUF_DEFAULT_MAX);
	for (int f = 0; f < IMPORT_NFIELDS; f++)
		cell(&b, import_field_name((enum import_field)f), f == IMPORT_NFIELDS - 1);
	int rc = uc_begin(&u);
	char after[ID_MAX] = "";
	while (rc == APP_OK) {
		int src;
		json_t *page = store_children_export(db, &v, after, EXPORT_PAGE, &src);
		if (!page) {
			rc = uc_db(&u, src);
			break;
		}
		size_t i, n = json_array_size(page);
		json_t *c;
		json_array_foreach(page, i, c)
		{
			for (int f = 0; f < IMPORT_NFIELDS; f++)
				cell(&b,
				     json_string_value(json_object_get(c, import_field_name(f))),
				     f == IMPORT_NFIELDS - 1);
		}
		if (n)
			snprintf(after, sizeof after, "%s",
			         json_string_value(
			                 json_object_get(json_array_get(page, n - 1), "id")));
		json_decref(page);
		*rows += n;
		if (b.failed)
			rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
		else if (write(ctx, b.data ? b.data : "", b.len) < 0)
			rc = app_fail(err, APP_FAILED, NULL, "The export could not be written.");
		buf_reset(&b);
		if (n < EXPORT_PAGE)
			break;
	}
	buf_release(&b);
	if (rc == APP_OK) {
		char fields[64];
		snprintf(fields, sizeof fields, "children=%zu", *rows);
		rc = uc_db(&u, uc_audit(&u, "export", "children", NULL, NULL, fields));
	}
	return uc_end(&u, rc, NULL);
}
