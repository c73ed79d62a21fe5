/* problem.c: RFC 9457 problem details (see problem.h). */
#include "web/problem.h"

#include <jansson.h>

struct kind_info {
	int status;
	const char *slug;
	const char *title;
};

static const struct kind_info kinds[PROBLEM_KIND_COUNT] = {
        [PROBLEM_MALFORMED] = {400, "malformed-request", "The request could not be read"},
        [PROBLEM_UNAUTHENTICATED] = {401, "unauthenticated", "You need to sign in"},
        [PROBLEM_FORBIDDEN] = {403, "forbidden", "You do not have permission to do this"},
        [PROBLEM_CSRF] = {403, "csrf", "The request could not be verified"},
        [PROBLEM_NOT_FOUND] = {404, "not-found", "Not found"},
        [PROBLEM_METHOD] = {405, "method-not-allowed", "Method not allowed"},
        [PROBLEM_CONFLICT] = {409, "conflict", "The resource changed; reload and try again"},
        [PROBLEM_DUPLICATE] = {409, "possible-duplicate",
                               "This child may already be known to Lantern"},
        [PROBLEM_TOO_LARGE] = {413, "too-large", "The request is too large"},
        [PROBLEM_MEDIA_TYPE] = {415, "unsupported-media-type", "Unsupported media type"},
        [PROBLEM_VALIDATION] = {422, "validation", "Some fields are not valid"},
        [PROBLEM_RULE] = {422, "protocol-rule", "A protocol rule does not allow this"},
        [PROBLEM_RATE_LIMITED] = {429, "rate-limited", "Too many attempts; wait and try again"},
        [PROBLEM_INTERNAL] = {500, "internal", "Something went wrong"},
        [PROBLEM_UNAVAILABLE] = {503, "unavailable", "The service is busy; try again shortly"},
};

int problem_status(enum problem_kind k)
{
	return (unsigned)k < PROBLEM_KIND_COUNT ? kinds[k].status : 500;
}

const char *problem_slug(enum problem_kind k)
{
	return (unsigned)k < PROBLEM_KIND_COUNT ? kinds[k].slug : "internal";
}

const char *problem_title(enum problem_kind k)
{
	return (unsigned)k < PROBLEM_KIND_COUNT ? kinds[k].title : "Something went wrong";
}

json_t *problem_json(enum problem_kind k, const char *detail, const char *rule,
                     const struct field_errors *errs)
{
	if ((unsigned)k >= PROBLEM_KIND_COUNT)
		k = PROBLEM_INTERNAL;
	char type[128];
	snprintf(type, sizeof type, PROBLEM_BASE "%s", kinds[k].slug);
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "title", json_string(kinds[k].title));
	json_object_set_new(o, "status", json_integer(kinds[k].status));
	if (detail)
		json_object_set_new(o, "detail", json_string(detail));
	if (rule)
		json_object_set_new(o, "rule", json_string(rule));
	if (errs && errs->n) {
		json_t *a = json_array();
		for (size_t i = 0; i < errs->n; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "field", json_string(errs->items[i].field));
			json_object_set_new(e, "message", json_string(errs->items[i].message));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "errors", a);
	}
	return o;
}

void problem_send(struct response *resp, int status, json_t *o)
{
	resp->status = status;
	resp->content_type = "application/problem+json";
	buf_reset(&resp->body);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	if (text) {
		buf_puts(&resp->body, text);
		free(text);
	} else {
		buf_puts(&resp->body, "{\"type\":\"" PROBLEM_BASE "internal\",\"status\":500}");
		resp->status = 500;
	}
	json_decref(o);
}

void problem_respond(struct response *resp, enum problem_kind k, const char *detail)
{
	problem_send(resp, problem_status(k), problem_json(k, detail, NULL, NULL));
}

void problem_validation(struct response *resp, const struct field_errors *errs)
{
	problem_send(resp, 422, problem_json(PROBLEM_VALIDATION, NULL, NULL, errs));
}

void problem_rule(struct response *resp, const char *rule, const char *field, const char *message)
{
	struct field_errors errs;
	fielderr_init(&errs);
	if (field && message)
		fielderr_add(&errs, field, message);
	problem_send(resp, 422,
	             problem_json(PROBLEM_RULE, message, rule ? rule : "unknown", &errs));
}
