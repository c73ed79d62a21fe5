/*
 * handlers/pages_records.c: the child's record (GET /records/{ref}) and the forms that
 * add to it: chronology entries and corrections (R-REC-3, R-REC-6), category decisions
 * with the App B checklist alongside (R-CAT-2: decision support, never a score or a
 * suggested category), supervisor reviews (R-PATH-6), essential steps (R-PATH-7),
 * outcomes (R-OUT-1), external references (R-REC-4, R-REC-5) and classification
 * (R-DEF-3, R-FLAG-3, R-FLAG-4). Each form: GET shows it, POST runs the use case and
 * answers 303 to the record, or the form again (422) with what was typed.
 */
#include <pthread.h>

#include "app/may.h"
#include "web/handlers/mash.h"
#include "app/work.h"
#include "app/episodes.h"
#include "app/categories.h"
#include "app/child_changes.h"
#include "app/restricted.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"
#include "app/record_view.h"
#include "app/viewcache.h"
#include "protocol/category.h"
#include "protocol/pathway.h"
#include "web/handlers/disruption.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "util/pool.h"
#include "web/auth.h"
#include "web/handlers/pages.h"
#include "web/handlers/people.h"
#include "web/once.h"
#include "web/session.h"
#include "web/usecase.h"

typedef int (*record_uc)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                         struct app_err *);

static const char *child_name(struct request *req, json_t *rec)
{
	json_t *c = json_object_get(rec, "child");
	return pages_fmt(req, "%s %s", pages_str(c, "given_names"), pages_str(c, "family_name"));
}

/* ---- opening a restricted record (R-INFO-3) ---- */

/* POST /records/{ref}/open: the reason is checked and recorded by the use case (which
 * logs the opening for review); the session then holds it for this record for a short
 * time, and the user goes on to the record. */
void handle_page_record_open(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	const char *purpose = req->form ? form_get(req->form, "purpose") : NULL;
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	struct actor who = *web_actor(req);
	snprintf(who.purpose, sizeof who.purpose, "%s",
	         purpose && strlen(purpose) < sizeof who.purpose ? purpose : "");
	struct app_err err = {0};
	json_t *r = NULL;
	int rc = app_record_get(db, &who, ref, NULL, &r, &err);
	json_decref(r);
	if (rc == APP_FORBIDDEN && err.rule && strcmp(err.rule, "R-INFO-3") == 0) {
		struct field_errors errs;
		fielderr_init(&errs);
		fielderr_add(&errs, "purpose", pool_strdup(req->pool, err.message));
		pages_restricted(req, resp, ref, &errs);
		return;
	}
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	if (auth_grant_record(req, ref, who.purpose) < 0) {
		page_error(req, resp, 503);
		return;
	}
	response_redirect(resp, pages_fmt(req, "/records/%s", ref));
}

/* ---- the record page ---- */

static json_t *labelled_codes(json_t *codes, enum ref_table t)
{
	json_t *a = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c)
	{
		const char *code = json_string_value(c);
		if (code)
			json_array_append_new(a, json_pack("{s:s, s:s}", "code", code, "code_label",
			                                   pages_label(t, code)));
	}
	return a;
}

/* R-REC-3, R-REC-6: a chronology as the pages show it: fact or opinion marked;
 * superseded entries stay, marked, with a link to their correction. */
void pages_decorate_chronology(struct request *req, const char *ref, json_t *chron)
{
	static const char *const ewhen[] = {"occurred_at", "recorded_at", NULL};
	size_t i, j;
	json_t *e, *x;
	pages_add_when(req, chron, ewhen);
	json_array_foreach(chron, i, e)
	{
		json_object_set_new(e, "is_opinion",
		                    json_boolean(strcmp(pages_str(e, "nature"), "opinion") == 0));
		json_object_set_new(e, "is_superseded",
		                    json_boolean(*pages_str(e, "superseded_by") != 0));
		json_object_set_new(e, "correct_href",
		                    json_string(pages_fmt(req, "/records/%s/entries/%s/correct",
		                                          ref, pages_str(e, "id"))));
		json_t *people = json_object_get(e, "people_involved");
		if (json_is_array(people) && json_array_size(people)) {
			struct buf b;
			buf_init(&b, 8192);
			json_array_foreach(people, j, x)
			        buf_printf(&b, "%s%s", j ? ", " : "",
			                   json_string_value(x) ? json_string_value(x) : "");
			json_object_set_new(e, "people_text", json_string(buf_cstr(&b)));
			buf_release(&b);
		}
	}
}

/* The record's time members named in UK time (pages_add_when). */
static const char *const ewhen[] = {"occurred_at", "recorded_at",  "decided_at", "reviewed_at",
                                    "added_at",    "submitted_at", "set_at",     NULL};

/* The record page's header: the child's name and date of birth, category, allocation,
 * flags, types, models and outcomes in words. */
static void record_summary(struct request *req, json_t *r)
{
	json_t *child = json_object_get(r, "child");
	json_object_set_new(child, "born",
	                    json_string(pages_date(req, json_string_value(json_object_get(
	                                                        child, "date_of_birth")))));
	json_object_set_new(r, "name", json_string(child_name(req, r)));
	json_t *cat = json_object_get(r, "category");
	const char *contact = json_string_value(json_object_get(r, "contact_mode"));
	if (json_is_integer(cat))
		json_object_set_new(
		        r, "category_text",
		        json_string(pages_fmt(
		                req, "Category %lld%s%s%s", (long long)json_integer_value(cat),
		                contact ? " (" : "",
		                contact ? (strcmp(contact, "online") == 0 ? "online" : "contact")
		                        : "",
		                contact ? ")" : "")));
	const char *alloc = pages_str(r, "allocation");
	const char *alloc_text = "Not yet allocated";
	if (strcmp(alloc, "set") == 0)
		alloc_text = "Sexual Exploitation Team";
	else if (*alloc)
		alloc_text = pages_fmt(req, "Borough: %s", pages_str(r, "allocated_borough"));
	json_object_set_new(r, "allocation_text", json_string(alloc_text));
	json_object_set_new(r, "flag_list", labelled_codes(json_object_get(r, "flags"), REF_FLAGS));
	json_object_set_new(
	        r, "type_list",
	        labelled_codes(json_object_get(r, "exploitation_types"), REF_EXPLOITATION_TYPES));
	json_object_set_new(r, "model_list",
	                    labelled_codes(json_object_get(r, "models"), REF_MODELS));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r, "outcomes"), i, e) json_object_set_new(
	        e, "code_label", json_string(pages_label(REF_OUTCOMES, pages_str(e, "code"))));
	json_array_foreach(json_object_get(child, "risk_groups"), i, e) json_object_set_new(
	        e, "code_label", json_string(pages_label(REF_RISK_GROUPS, pages_str(e, "code"))));
}

/* The chronology (fact/opinion marked; superseded entries stay, marked, with a link to
 * their correction: R-REC-3, R-REC-6) and the referrals: the newest RECORD_PAGE_LIST
 * of each, the rest a page at a time. */
static void record_lists(struct request *req, const char *ref, json_t *r)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r, "referrals"), i, e) json_object_set_new(
	        e, "route_text", json_string(pathway_route_label(pages_str(e, "route"))));
	/* R-REC-3: the newest 20 entries of the chronology; the rest a page at a time */
	json_t *chron = json_object_get(r, "chronology");
	size_t n_chron = json_array_size(chron);
	while (json_array_size(chron) > RECORD_PAGE_LIST)
		json_array_remove(chron, json_array_size(chron) - 1);
	pages_decorate_chronology(req, ref, chron);
	if (n_chron > RECORD_PAGE_LIST)
		json_object_set_new(r, "chronology_more",
		                    json_pack("{s:I, s:s}", "count", (json_int_t)n_chron, "href",
		                              pages_fmt(req, "/records/%s/list/chronology", ref)));
	json_t *refl = json_object_get(r, "referrals");
	size_t n_refl = json_array_size(refl);
	while (json_array_size(refl) > RECORD_PAGE_LIST)
		json_array_remove(refl, json_array_size(refl) - 1);
	if (n_refl > RECORD_PAGE_LIST)
		json_object_set_new(r, "referrals_more",
		                    json_pack("{s:I, s:s}", "count", (json_int_t)n_refl, "href",
		                              pages_fmt(req, "/records/%s/list/referrals", ref)));
}

/* Category decisions and supervisor reviews, in words. */
static void record_decisions(struct request *req, json_t *r)
{
	size_t i, j;
	json_t *e, *x;
	json_t *cats = json_object_get(r, "category_history");
	pages_add_when(req, cats, ewhen);
	json_array_foreach(cats, i, e)
	{
		json_object_set_new(
		        e, "indicator_list",
		        labelled_codes(json_object_get(e, "indicators"), REF_INDICATORS));
		const char *k = pages_str(e, "kind");
		json_object_set_new(e, "kind_text",
		                    json_string(strcmp(k, "supervisor") == 0 ? "Supervisor"
		                                : strcmp(k, "assessment_team") == 0
		                                        ? "Assessment team"
		                                        : "Initial"));
	}
	json_t *revs = json_object_get(r, "supervisor_reviews");
	pages_add_when(req, revs, ewhen);
	json_array_foreach(revs, i, e)
	{
		json_array_foreach(json_object_get(e, "items"), j, x) json_object_set_new(
		        x, "code_label",
		        json_string(pages_label(REF_CHECKLIST, pages_str(x, "code"))));
		json_object_set_new(
		        e, "ttl_text",
		        json_string(strcmp(pages_str(e, "threat_to_life"), "done") == 0
		                            ? "Threat to Life assessment done"
		                            : "Threat to Life assessment not appropriate"));
	}
}

/* The essential steps outstanding, and the external references in words. */
static void record_steps(struct request *req, json_t *r)
{
	size_t i;
	json_t *e;
	json_t *steps = json_object_get(r, "essential_steps");
	json_t *outstanding = json_array();
	const char *os = json_is_object(steps) ? pages_str(steps, "outstanding") : "E1,E2,E3,E4,E5";
	char codes[64];
	snprintf(codes, sizeof codes, "%s", os);
	for (char *p = codes; *p;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		if (*p)
			json_array_append_new(outstanding,
			                      json_pack("{s:s, s:s}", "code", p, "code_label",
			                                pages_label(REF_CHECKLIST, p)));
		if (!comma)
			break;
		p = comma + 1;
	}
	json_object_set_new(r, "outstanding", outstanding);
	json_object_set_new(r, "steps_done", json_boolean(json_array_size(outstanding) == 0));
	pages_add_when(req, steps, ewhen);
	pages_add_when(req, json_object_get(r, "external_refs"), ewhen);
	pages_add_when(req, json_object_get(r, "referrals"), ewhen);
	json_array_foreach(json_object_get(r, "external_refs"), i, e)
	{
		const char *k = pages_str(e, "kind");
		json_object_set_new(e, "kind_text",
		                    json_string(strcmp(k, "crime_number") == 0 ? "Crime number"
		                                : strcmp(k, "non_crime_number") == 0
		                                        ? "Non-crime number"
		                                : strcmp(k, "merlin_pac") == 0 ? "MERLIN/PAC"
		                                : strcmp(k, "csc_case") == 0   ? "Social care case"
		                                                               : k));
	}
}

/* The child's missing episodes (R-MISS-10), the first page, and the banner while the
 * child is missing now (R-MISS-5). False when the database is not there (answered). */
static bool record_episodes(struct request *req, struct response *resp, const char *ref, json_t *r)
{
	/* the child's missing episodes (R-MISS-10) */
	struct db *db = web_db(req, resp);
	if (!db)
		return false;
	struct app_err err = {0};
	json_t *eps = NULL;
	json_t *first = json_pack("{s:i, s:i}", "limit", RECORD_PAGE_LIST, "page", 1);
	if (app_child_episodes(db, web_actor(req), pages_str(r, "child_id"), first, &eps, &err) ==
	    APP_OK) {
		pages_decorate_episodes(req, eps);
		pages_episodes_more(req, eps, ref);
		json_object_set_new(r, "eps", eps);
	}
	json_decref(first);
	/* R-MISS-5: a banner while the child is missing now */
	json_t *mn = eps ? json_object_get(eps, "missing_now") : NULL;
	if (json_is_object(mn)) {
		bool absent = strcmp(pages_str(mn, "classification"), "absent") == 0;
		const char *risk = pages_str(mn, "risk_level");
		json_object_set_new(mn, "what", json_string(absent ? "Absent" : "Missing"));
		json_object_set_new(mn, "what_lower", json_string(absent ? "absent" : "missing"));
		json_object_set_new(mn, "tag_class",
		                    json_string(strcmp(risk, "high") == 0     ? "govuk-tag--red"
		                                : strcmp(risk, "medium") == 0 ? "govuk-tag--orange"
		                                                              : "govuk-tag--grey"));
		json_object_set(r, "missing_now", mn);
	}
	return true;
}

/* What else the page shows (tactical options, the network and its R-CAT-7 flag), and
 * the links that follow the role: only the forms this user may submit. */
static void record_more(struct request *req, struct response *resp, const char *ref, json_t *r)
{
	json_t *tactics = pages_record_tactics(req, ref); /* R-ORD-5 at a glance */
	if (tactics)
		json_object_set_new(r, "tactics", tactics);
	json_t *net = pages_record_network(req, resp, pages_str(r, "child_id")); /* R-CAT-7 */
	if (net)
		json_object_set_new(r, "network", net);
	/* links follow the role: the forms this user may submit */
	json_object_set_new(r, "may_change_child",
	                    json_boolean(app_child_may_change(web_actor(req))));
	json_object_set_new(r, "may_restrict", json_boolean(app_may_restrict(web_actor(req))));
	json_object_set_new(r, "may_file", json_boolean(app_may_file(web_actor(req))));
	json_object_set_new(r, "may_categorise",
	                    json_boolean(app_may_decide_category(web_actor(req))));
	json_object_set_new(r, "may_review", json_boolean(app_may_review(web_actor(req))));
	json_object_set_new(r, "age_under_13",
	                    json_boolean(strcmp(pages_str(json_object_get(r, "age"), "band"),
	                                        "under_13") == 0));
}

/*
 * The record's view decorated for the page (record_summary, record_lists,
 * record_decisions, record_steps) follows from nothing but the view's text and the
 * reference asked for. app_record_view hands back the same kept text until the record
 * changes (viewcache.h), so the decorated view is kept too, keyed by that text, and
 * shared by the requests that show it: each puts its own members (episodes, tactical
 * options, network, links) on a shallow copy, and rendering only reads. Parsing and
 * decorating the view was a fifth of the page's time.
 *
 * At most PAGE_KEPT, in sets of PAGE_KEPT_WAYS by reference (the least recently used
 * of a set leaves first), and within twice the view cache's budget (view_cache_mb; 0
 * keeps none), each counted as PAGE_KEPT_SIZE times its text (about what a decorated
 * view takes on the demo data: some 45 KB).
 */
#define PAGE_KEPT 4096
#define PAGE_KEPT_WAYS 8
#define PAGE_KEPT_REF 32
#define PAGE_KEPT_SIZE 6

struct page_kept {
	char ref[PAGE_KEPT_REF];
	struct view_text *text; /* held: while kept, no other text can have its address */
	json_t *page;           /* never changed once kept */
	uint64_t used;
	size_t bytes;
};

static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;
static struct page_kept kept[PAGE_KEPT];
static uint64_t kept_clock;
static size_t kept_bytes;

static struct page_kept *kept_set(const char *ref)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const char *p = ref; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return &kept[(h % (PAGE_KEPT / PAGE_KEPT_WAYS)) * PAGE_KEPT_WAYS];
}

/* The kept page of ref built from exactly text t (a new reference), or NULL. */
static json_t *kept_get(const char *ref, const struct view_text *t)
{
	if (strlen(ref) >= PAGE_KEPT_REF)
		return NULL;
	struct page_kept *set = kept_set(ref);
	json_t *page = NULL;
	pthread_mutex_lock(&kept_mu);
	for (int i = 0; i < PAGE_KEPT_WAYS && !page; i++) {
		if (set[i].text == t && strcmp(set[i].ref, ref) == 0) {
			set[i].used = ++kept_clock;
			page = json_incref(set[i].page);
		}
	}
	pthread_mutex_unlock(&kept_mu);
	return page;
}

/* Keeps page (its own reference) as ref's, built from t (held while kept), in place of
 * the record's older page or else the set's least recently used; when that leaves the
 * pages over their budget, the slot is left empty instead. */
static void kept_put(const char *ref, struct view_text *t, json_t *page)
{
	size_t bytes = t->len * PAGE_KEPT_SIZE, budget = 2 * viewcache_budget();
	if (strlen(ref) >= PAGE_KEPT_REF || bytes > budget)
		return;
	struct page_kept *set = kept_set(ref), *e = &set[0];
	pthread_mutex_lock(&kept_mu);
	for (int i = 0; i < PAGE_KEPT_WAYS; i++) {
		if (strcmp(set[i].ref, ref) == 0) { /* the record's older page */
			e = &set[i];
			break;
		}
		if (set[i].used < e->used)
			e = &set[i];
	}
	struct page_kept old = *e;
	kept_bytes -= e->bytes;
	memset(e, 0, sizeof(*e));
	if (kept_bytes + bytes <= budget) {
		snprintf(e->ref, sizeof e->ref, "%s", ref);
		view_text_retain(t);
		e->text = t;
		e->page = json_incref(page);
		e->used = ++kept_clock;
		e->bytes = bytes;
		kept_bytes += bytes;
	}
	pthread_mutex_unlock(&kept_mu);
	view_text_release(old.text);
	json_decref(old.page);
}

/* The record's part of the page (authorised and audited as a view of the record, every
 * time), as a shallow copy of the kept page for this request's own members; NULL when
 * answered (an error, or the reason for a restricted record). */
static json_t *record_data(struct request *req, struct response *resp, const char *ref)
{
	struct db *db = web_db(req, resp);
	if (!db)
		return NULL;
	struct app_err err;
	app_err_clear(&err);
	struct view_text *t = NULL;
	if (app_record_view(db, web_actor(req), ref, &t, &err) != APP_OK) {
		pages_error(req, resp, &err);
		return NULL;
	}
	json_t *page = kept_get(ref, t);
	if (!page) {
		page = json_loadb(t->text, t->len, 0, NULL);
		if (json_is_object(page)) {
			record_summary(req, page);
			record_lists(req, ref, page);
			record_decisions(req, page);
			record_steps(req, page);
			kept_put(ref, t, page);
		}
	}
	view_text_release(t);
	json_t *r = json_is_object(page) ? json_copy(page) : NULL;
	json_decref(page);
	if (!r)
		page_error(req, resp, 500);
	return r;
}

static void record_page(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	json_t *r = record_data(req, resp, ref);
	if (!r)
		return;
	if (!record_episodes(req, resp, ref, r)) {
		json_decref(r);
		return;
	}
	record_more(req, resp, ref, r);
	page_render(req, resp, 200, "record.html",
	            pages_fmt(req, "%s, %s", child_name(req, r), ref), r);
	json_decref(r);
}

/* The page's audited reads (the record, the child's episodes, tactical options, the
 * network; a refusal too) commit their events while the page is built, and the page
 * goes out once all of them have committed, never before (web_views_begin), as the
 * API's record view does: the thread does not wait for each in turn. */
void handle_page_record(struct request *req, struct response *resp)
{
	web_views_begin(req);
	record_page(req, resp);
	web_views_end(req, resp);
}

/* ---- generic record forms ---- */

struct record_form {
	const char *heading, *intro, *submit;
	const char *path; /* after /records/{ref}/ */
	const struct fs_field *specs;
	size_t n;
	record_uc fn;
	/* values for a fresh form, from the record (may be NULL) */
	json_t *(*values)(json_t *rec);
	/* adjusts the mapped JSON before the use case (may be NULL) */
	void (*adjust)(json_t *in);
};

static void record_form_page(struct request *req, struct response *resp,
                             const struct record_form *rf, json_t *rec, int status,
                             const struct field_errors *errs, const struct app_err *err)
{
	const char *ref = request_param(req, "ref");
	json_t *values = rf->values && rec ? rf->values(rec) : NULL;
	struct form_page fp = {
	        .title = rf->heading,
	        .caption = pages_fmt(req, "%s, %s", child_name(req, rec), ref),
	        .heading = rf->heading,
	        .intro = rf->intro,
	        .back_href = pages_fmt(req, "/records/%s", ref),
	        .back_text = "Back to the record",
	        .action = pages_fmt(req, "/records/%s/%s", ref, rf->path),
	        .submit = rf->submit,
	        .specs = rf->specs,
	        .n = rf->n,
	        .values = values,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(values);
}

static void record_form_get(struct request *req, struct response *resp,
                            const struct record_form *rf)
{
	json_t *rec = pages_load(req, resp, app_record_get, request_param(req, "ref"));
	if (!rec)
		return;
	record_form_page(req, resp, rf, rec, 200, NULL, NULL);
	json_decref(rec);
}

static void record_form_post(struct request *req, struct response *resp,
                             const struct record_form *rf)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *ref = request_param(req, "ref");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(rf->specs, rf->n, f, &errs);
	if (rf->adjust)
		rf->adjust(in);
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc =
	        pages_post(req, resp, rf->fn, ref, in, rf->specs, rf->n, &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/records/%s", ref);
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	json_t *rec = pages_load(req, resp, app_record_get, ref);
	if (!rec)
		return;
	record_form_page(req, resp, rf, rec, 422, &errs, errs.n ? NULL : &err);
	json_decref(rec);
}

/* chronology entry (R-REC-3) */
static const struct fs_option nature_opts[] = {
        {"fact", "Fact", "Something seen, heard or done"},
        {"opinion", "Professional opinion", "Your judgement or assessment"},
        {NULL, NULL, NULL}};
static const struct fs_field entry_specs[] = {
        {"occurred_at", NULL, FS_DATETIME, "When it happened", "Leave empty for now.", NULL, -1,
         NULL},
        {"nature", NULL, FS_RADIOS, "Is this a fact or a professional opinion?", NULL, nature_opts,
         -1, NULL},
        {"people_involved", NULL, FS_LINES, "People involved", "One a line: names or roles", NULL,
         -1, NULL},
        {"text", NULL, FS_TEXTAREA, "What happened",
         "Write plainly. Describe behaviour, not character.", NULL, -1, NULL},
};
/* R-REC-6: a correction says why it was made */
static const struct fs_field correct_specs[] = {
        {"occurred_at", NULL, FS_DATETIME, "When it happened", NULL, NULL, -1, NULL},
        {"nature", NULL, FS_RADIOS, "Is this a fact or a professional opinion?", NULL, nature_opts,
         -1, NULL},
        {"people_involved", NULL, FS_LINES, "People involved", "One a line: names or roles", NULL,
         -1, NULL},
        {"text", NULL, FS_TEXTAREA, "The entry as it should read",
         "Change what needs correcting. Write plainly. Describe behaviour, not character.", NULL,
         -1, NULL},
        {"reason", NULL, FS_TEXTAREA, "Why you are correcting it",
         "For example: the wrong date was recorded. The reason is kept with the correction.", NULL,
         -1, NULL},
};

static const struct record_form entry_form = {
        "Add to the chronology",
        "Each entry is kept. To change one later, correct it: the original stays visible, marked "
        "as corrected.",
        "Add entry",
        "entries",
        entry_specs,
        ARRAY_LEN(entry_specs),
        app_record_add_entry,
        NULL,
        NULL};

void handle_page_entry_new(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &entry_form);
}
void handle_page_entry_create(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &entry_form);
}

/* correcting an entry (R-REC-6): a new entry supersedes the old, which stays visible */
static json_t *find_entry(json_t *rec, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(rec, "chronology"), i, e)
	{
		if (strcmp(pages_str(e, "id"), id) == 0)
			return e;
	}
	return NULL;
}

static void correct_page(struct request *req, struct response *resp, json_t *rec, json_t *entry,
                         int status, const struct field_errors *errs, const struct app_err *err)
{
	const char *ref = request_param(req, "ref");
	json_t *facts = json_pack(
	        "[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "key", "Recorded", "value",
	        pages_fmt(req, "%s by %s", pages_when(req, pages_str(entry, "recorded_at")),
	                  pages_str(entry, "author_name")),
	        "key", "Fact or opinion", "value",
	        strcmp(pages_str(entry, "nature"), "opinion") == 0 ? "Professional opinion"
	                                                           : "Fact",
	        "key", "The entry as it stands", "value", pages_str(entry, "text"));
	json_t *values = json_pack("{s:O, s:O, s:O, s:O}", "occurred_at",
	                           json_object_get(entry, "occurred_at"), "nature",
	                           json_object_get(entry, "nature"), "people_involved",
	                           json_object_get(entry, "people_involved")
	                                   ? json_object_get(entry, "people_involved")
	                                   : json_null(),
	                           "text", json_object_get(entry, "text"));
	struct form_page fp = {
	        .title = "Correct an entry",
	        .caption = pages_fmt(req, "%s, %s", child_name(req, rec), ref),
	        .heading = "Correct an entry",
	        .intro = "Your correction replaces the entry in the chronology. The original stays "
	                 "on the record, marked as corrected, so nothing is lost.",
	        .back_href = pages_fmt(req, "/records/%s", ref),
	        .back_text = "Back to the record",
	        .action = pages_fmt(req, "/records/%s/entries/%s/correct", ref,
	                            pages_str(entry, "id")),
	        .submit = "Save the correction",
	        .saved = "The correction",
	        .specs = correct_specs,
	        .n = ARRAY_LEN(correct_specs),
	        .values = values,
	        .facts = facts,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(values);
	json_decref(facts);
}

void handle_page_entry_correct_form(struct request *req, struct response *resp)
{
	json_t *rec = pages_load(req, resp, app_record_get, request_param(req, "ref"));
	if (!rec)
		return;
	json_t *entry = find_entry(rec, request_param(req, "id"));
	if (!entry)
		page_error(req, resp, 404);
	else
		correct_page(req, resp, rec, entry, 200, NULL, NULL);
	json_decref(rec);
}

void handle_page_entry_correct(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *ref = request_param(req, "ref"), *id = request_param(req, "id");
	json_t *rec = pages_load(req, resp, app_record_get, ref);
	if (!rec)
		return;
	json_t *entry = find_entry(rec, id);
	if (!entry) {
		json_decref(rec);
		page_error(req, resp, 404);
		return;
	}
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(correct_specs, ARRAY_LEN(correct_specs), f, &errs);
	json_object_set_new(in, "supersedes", json_string(id));
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_record_add_entry, ref, in, correct_specs,
	                                   ARRAY_LEN(correct_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/records/%s#entry-%s", ref, id);
	else if (rc == PAGES_POST_REFUSED)
		correct_page(req, resp, rec, entry, 422, &errs, errs.n ? NULL : &err);
	json_decref(out);
	json_decref(rec);
}

/* outcomes (R-OUT-1) */
static const struct fs_field outcome_specs[] = {
        {"code", NULL, FS_RADIOS, "Outcome", NULL, NULL, REF_OUTCOMES, NULL},
        {"achieved_on", NULL, FS_DATE, "Date achieved", NULL, NULL, -1, NULL},
        {"note", NULL, FS_TEXTAREA, "Note", "What was achieved", NULL, -1, NULL},
};
static const struct record_form outcome_form = {
        "Record an outcome", NULL,          "Record outcome",
        "outcomes",          outcome_specs, ARRAY_LEN(outcome_specs),
        app_outcome_add,     NULL,          NULL};
void handle_page_outcome_new(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &outcome_form);
}
void handle_page_outcome_create(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &outcome_form);
}

/* external references (R-REC-4, R-REC-5) */
static const struct fs_option extref_opts[] = {{"crime_number", "Crime number", NULL},
                                               {"non_crime_number", "Non-crime number", NULL},
                                               {"merlin_pac", "MERLIN/PAC number", NULL},
                                               {"csc_case", "Social care case number", NULL},
                                               {NULL, NULL, NULL}};
static const struct fs_field extref_specs[] = {
        {"kind", NULL, FS_RADIOS, "Kind of reference", NULL, extref_opts, -1, NULL},
        {"value", NULL, FS_TEXT, "Reference", NULL, NULL, -1, "govuk-!-width-one-half"},
        {"crime_allegation", NULL, FS_CHECKBOX, "A crime has been alleged",
         "A crime number is then required (R-REC-5)", NULL, -1, NULL},
};
static const struct record_form extref_form = {"Add an external reference",
                                               "Crime, non-crime, MERLIN/PAC and social care case "
                                               "numbers link this record to other systems.",
                                               "Add reference",
                                               "references",
                                               extref_specs,
                                               ARRAY_LEN(extref_specs),
                                               app_external_ref_add,
                                               NULL,
                                               NULL};
void handle_page_extref_new(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &extref_form);
}
void handle_page_extref_create(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &extref_form);
}

/* classification (R-DEF-3, R-FLAG-3, R-FLAG-4) */
static const struct fs_field class_specs[] = {
        {"exploitation_types", NULL, FS_CHECKBOXES, "Type of exploitation", NULL, NULL,
         REF_EXPLOITATION_TYPES, NULL},
        {"models", NULL, FS_CHECKBOXES, "Models of exploitation", NULL, NULL, REF_MODELS, NULL},
        {"online", NULL, FS_CHECKBOX, "Exploitation online (flag EU)", NULL, NULL, -1, NULL},
        {"group", NULL, FS_CHECKBOX, "A group appears responsible (flag GE)", NULL, NULL, -1, NULL},
        {"gang", NULL, FS_CHECKBOX, "A gang appears responsible (flag GA)", NULL, NULL, -1, NULL},
};
static json_t *class_values(json_t *rec)
{
	return json_pack("{s:O, s:O, s:O, s:O, s:O}", "exploitation_types",
	                 json_object_get(rec, "exploitation_types"), "models",
	                 json_object_get(rec, "models"), "online", json_object_get(rec, "online"),
	                 "group", json_object_get(rec, "group_responsible"), "gang",
	                 json_object_get(rec, "gang_responsible"));
}
static const struct record_form class_form = {
        "Classification",
        "The type and model of exploitation, and whether it is online or by a group or gang.",
        "Save classification",
        "classification",
        class_specs,
        ARRAY_LEN(class_specs),
        app_record_classify,
        class_values,
        NULL};
void handle_page_classify_form(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &class_form);
}
void handle_page_classify(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &class_form);
}

/* essential steps E1-E5 (R-PATH-7) */
static const struct fs_field steps_specs[] = {
        {"immediate_risk", NULL, FS_CHECKBOX,
         "E1: the child is at immediate risk of significant harm", NULL, NULL, -1, NULL},
        {"police_protection_considered", NULL, FS_CHECKBOX, "E1: police protection considered",
         NULL, NULL, -1, NULL},
        {"police_protection_note", NULL, FS_TEXTAREA,
         "E1: police protection: what was decided and why", NULL, NULL, -1, NULL},
        {"pnc_marker_done", NULL, FS_CHECKBOX, "E2: locate/trace marker placed on PNC", NULL, NULL,
         -1, NULL},
        {"mase_referred_or_updated", NULL, FS_CHECKBOX,
         "E3: child referred to the borough MASE, or MASE updated", NULL, NULL, -1, NULL},
        {"outcome_mi_considered", NULL, FS_CHECKBOX,
         "E3: outcome MI (positive intervention) considered", NULL, NULL, -1, NULL},
        {"declined_to_intervene_or_refer", NULL, FS_CHECKBOX,
         "E4: a decision was made not to intervene or refer", NULL, NULL, -1, NULL},
        {"e4_rationale", NULL, FS_TEXTAREA, "E4: the rationale for that decision", NULL, NULL, -1,
         NULL},
        {"category_reviewed_by_assessment_team", NULL, FS_CHECKBOX,
         "E5: category reviewed by the assessment team", NULL, NULL, -1, NULL},
        {"flag_set", NULL, FS_CHECKBOX, "E5: flag set", NULL, NULL, -1, NULL},
};
static json_t *steps_values(json_t *rec)
{
	json_t *s = json_object_get(json_object_get(rec, "essential_steps"), "steps");
	return json_is_object(s) ? json_deep_copy(s) : NULL;
}
static const struct record_form steps_form = {
        "Essential steps",
        "Record each step as it is done. Lantern lists what is still outstanding on the record.",
        "Save essential steps",
        "essential-steps",
        steps_specs,
        ARRAY_LEN(steps_specs),
        app_essential_steps,
        steps_values,
        NULL};
void handle_page_steps_form(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &steps_form);
}
void handle_page_steps(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &steps_form);
}

/* supervisor review S1-S6 (R-PATH-6) */
#define S_ITEM(n, label)                                                                           \
	{"s" #n, NULL, FS_CHECKBOX, "S" #n ": " label, NULL, NULL, -1, NULL},                      \
	{                                                                                          \
		"s" #n "_note", NULL, FS_TEXTAREA, "Note on S" #n, NULL, NULL, -1, NULL            \
	}
static const struct fs_field review_specs[] = {
        S_ITEM(1, "Allegation reviewed"),
        S_ITEM(2, "Classification reviewed"),
        S_ITEM(3, "Action plan for gaps in intelligence"),
        S_ITEM(4, "MERLIN record complete"),
        S_ITEM(5, "Protection and support strategy for the child reviewed"),
        S_ITEM(6, "Category reviewed, with a Threat to Life assessment where appropriate"),
        {"threat_to_life_appropriate", NULL, FS_CHECKBOX,
         "A Threat to Life assessment is appropriate", NULL, NULL, -1, NULL},
        {"threat_to_life_done", NULL, FS_CHECKBOX, "The Threat to Life assessment has been done",
         NULL, NULL, -1, NULL},
};
/* Folds s1..s6 and their notes into items [{ticked, note} x6]. */
static void review_adjust(json_t *in)
{
	json_t *items = json_array();
	for (int i = 1; i <= 6; i++) {
		char k[16], nk[16];
		snprintf(k, sizeof k, "s%d", i);
		snprintf(nk, sizeof nk, "s%d_note", i);
		json_t *it =
		        json_pack("{s:O}", "ticked",
		                  json_object_get(in, k) ? json_object_get(in, k) : json_false());
		if (json_object_get(in, nk))
			json_object_set(it, "note", json_object_get(in, nk));
		json_array_append_new(items, it);
		json_object_del(in, k);
		json_object_del(in, nk);
	}
	json_object_set_new(in, "items", items);
}
static const struct record_form review_form = {
        "Supervisor review",
        "Review each item with the reporting officer and add a note. A supervisor other than the "
        "officer who made the initial decision must do this.",
        "Save the review",
        "supervisor-review",
        review_specs,
        ARRAY_LEN(review_specs),
        app_supervisor_review,
        NULL,
        review_adjust};
void handle_page_review_form(struct request *req, struct response *resp)
{
	record_form_get(req, resp, &review_form);
}
void handle_page_review(struct request *req, struct response *resp)
{
	record_form_post(req, resp, &review_form);
}

/* ---- category decision (R-CAT-1..7) ---- */

static const struct fs_option cat_opts[] = {
        {"1", "Category 1", "Being targeted and groomed: warning signs, no evidence of abuse yet"},
        {"2", "Category 2", "Evidence of exploitation or of risk of it, contact or online"},
        {"3", "Category 3", "Being exploited: experiencing serious harm"},
        {NULL, NULL, NULL}};
static const struct fs_option contact_opts[] = {{"contact", "Contact abuse", NULL},
                                                {"online", "Online only (non-contact)", NULL},
                                                {NULL, NULL, NULL}};
static const struct fs_field cat_specs[] = {
        {"category", NULL, FS_INT_RADIOS, "Category",
         "Your professional judgement. The indicators support it; they do not decide it.", cat_opts,
         -1, NULL},
        {"contact", NULL, FS_RADIOS, "For category 2: contact or online", NULL, contact_opts, -1,
         NULL},
        {"rationale", NULL, FS_TEXTAREA, "Why this category", "The evidence and your reasoning",
         NULL, -1, NULL},
        {"exploitation_borough", NULL, FS_TEXT, "Borough where the exploitation happens",
         "Only if it is not the borough where the child lives", NULL, -1, "govuk-!-width-one-half"},
};

/* R-CAT-2: the App B indicators of each category, by domain, as a checklist. Nothing
 * is counted or scored; the chosen category's list is open. */
static json_t *indicator_panels(struct request *req, const struct form *f, json_t *ticked, int open)
{
	const char *vals[128];
	size_t nv = f ? form_get_all(f, "indicators", vals, 128) : 0;
	json_t *panels = json_array();
	size_t nd;
	const struct ref_item *domains = ref_table(REF_DOMAINS, &nd);
	for (int c = 1; c <= 3; c++) {
		size_t n;
		const struct ref_item *it = category_indicators(c, &n);
		json_t *doms = json_array();
		for (size_t d = 0; d < nd; d++) {
			json_t *items = json_array();
			for (size_t i = 0; i < n; i++) {
				if (!it[i].group || strcmp(it[i].group, domains[d].code) != 0)
					continue;
				bool on = false;
				for (size_t k = 0; k < nv && k < 128; k++)
					on = on || strcmp(vals[k], it[i].code) == 0;
				size_t m;
				json_t *x;
				if (!f)
					json_array_foreach(ticked, m, x) on =
					        on ||
					        (json_is_string(x) &&
					         strcmp(json_string_value(x), it[i].code) == 0);
				json_array_append_new(
				        items, json_pack("{s:s, s:s, s:s, s:b}", "code", it[i].code,
				                         "ind_label", it[i].label, "ind_id",
				                         pages_fmt(req, "ind-%s", it[i].code),
				                         "ticked", on));
			}
			if (json_array_size(items))
				json_array_append_new(doms,
				                      json_pack("{s:s, s:o}", "domain_label",
				                                domains[d].label, "items", items));
			else
				json_decref(items);
		}
		json_array_append_new(panels, json_pack("{s:i, s:s, s:b, s:o}", "cat", c,
		                                        "description", category_description(c),
		                                        "open", c == open, "domains", doms));
	}
	return panels;
}

static void category_page(struct request *req, struct response *resp, json_t *rec, int status,
                          const struct field_errors *errs)
{
	const char *ref = request_param(req, "ref");
	const struct form *f = req->method == HTTP_POST ? req->form : NULL;
	json_t *d = json_object();
	json_object_set_new(d, "caption",
	                    json_string(pages_fmt(req, "%s, %s", child_name(req, rec), ref)));
	json_object_set_new(d, "ref", json_string(ref));
	json_object_set_new(d, "fields",
	                    formspec_fields(cat_specs, ARRAY_LEN(cat_specs), f, NULL, errs));
	int open = 0;
	const char *cs = f ? form_get(f, "category") : NULL;
	if (cs && *cs >= '1' && *cs <= '3' && !cs[1])
		open = *cs - '0';
	else if (!f && json_is_integer(json_object_get(rec, "category")))
		open = (int)json_integer_value(json_object_get(rec, "category"));
	json_t *hist = json_object_get(rec, "category_history");
	json_t *last = json_array_size(hist) ? json_array_get(hist, 0) : NULL;
	json_object_set_new(
	        d, "panels",
	        indicator_panels(req, f, last ? json_object_get(last, "indicators") : NULL, open));
	enum cat_kind kind = category_kind_for(web_actor(req)->roles); /* R-CAT-3 */
	json_object_set_new(d, "kind_text",
	                    json_string(kind == CAT_KIND_SUPERVISOR ? "a supervisor decision"
	                                : kind == CAT_KIND_ASSESSMENT_TEAM
	                                        ? "an assessment team review"
	                                        : "an initial decision"));
	json_object_set_new(
	        d, "current",
	        json_string(json_is_integer(json_object_get(rec, "category"))
	                            ? pages_fmt(req, "Category %lld",
	                                        (long long)json_integer_value(
	                                                json_object_get(rec, "category")))
	                            : "No category yet"));
	json_object_set_new(d, "reminder", json_string(category_low_reminder()));
	page_add_errors(d, errs);
	/* a one-time token: the form sent twice saves once (web/once.h) */
	const char *once = once_issue(req, "The category decision saved");
	if (once)
		json_object_set_new(d, "form_token", json_string(once));
	page_render(req, resp, status, "category.html", "Category decision", d);
	json_decref(d);
}

void handle_page_category_form(struct request *req, struct response *resp)
{
	json_t *rec = pages_load(req, resp, app_record_get, request_param(req, "ref"));
	if (!rec)
		return;
	category_page(req, resp, rec, 200, NULL);
	json_decref(rec);
}

void handle_page_category(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *ref = request_param(req, "ref");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(cat_specs, ARRAY_LEN(cat_specs), f, &errs);
	const char *vals[128];
	size_t nv = form_get_all(f, "indicators", vals, 128);
	json_t *inds = json_array();
	for (size_t i = 0; i < nv && i < 128; i++)
		json_array_append_new(inds, json_string(vals[i]));
	json_object_set_new(in, "indicators", inds);
	struct db *db = errs.n ? NULL : web_db(req, resp);
	if (!errs.n && !db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc =
	        errs.n ? APP_INVALID : app_category_decide(db, web_actor(req), ref, in, &out, &err);
	json_decref(in);
	json_decref(out);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/records/%s", ref);
		return;
	}
	if (!errs.n && rc != APP_INVALID && rc != APP_CONFLICT) {
		pages_error(req, resp, &err);
		return;
	}
	if (!errs.n)
		pages_app_errors(req, &err, cat_specs, ARRAY_LEN(cat_specs), &errs);
	json_t *rec = pages_load(req, resp, app_record_get, ref);
	if (!rec)
		return;
	category_page(req, resp, rec, 422, &errs);
	json_decref(rec);
}

/* The category decision's indicators are ticked boxes the page reads itself. */
static void category_adjust(json_t *in)
{
	json_object_set_new(in, "indicators", json_array());
}

size_t pages_record_forms(struct page_form_use *out, size_t max)
{
	const struct record_form *forms[] = {&entry_form, &outcome_form, &extref_form,
	                                     &class_form, &steps_form,   &review_form};
	size_t k = 0;
	for (size_t i = 0; i < ARRAY_LEN(forms); i++, k++)
		if (k < max)
			out[k] = (struct page_form_use){
			        forms[i]->path,
			        {{forms[i]->specs, forms[i]->n}},
			        forms[i]->fn,
			        forms[i]->adjust,
			};
	if (k < max)
		out[k] = (struct page_form_use){
		        "entries/{id}/correct",
		        {{correct_specs, ARRAY_LEN(correct_specs)}},
		        app_record_add_entry,
		        NULL,
		};
	k++;
	if (k < max)
		out[k] = (struct page_form_use){
		        "category",
		        {{cat_specs, ARRAY_LEN(cat_specs)}},
		        app_category_decide,
		        category_adjust,
		};
	k++;
	return k;
}
