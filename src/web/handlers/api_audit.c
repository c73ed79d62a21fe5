/*
 * api_audit.c: the audit log for auditors (GET /api/v1/audit). Filters are query
 * parameters that hold no personal data (user_id, record_ref, entity_id, action,
 * before_seq, limit, verify=true|false); reading the log is itself audited by the use
 * case.
 */
#include "app/audit_view.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/problem.h"

void handle_api_audit(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"user_id", "record_ref", "entity_id",
	                                      "action",  "verify",     NULL};
	static const char *const ints[] = {"before_seq", "limit", NULL};
	json_t *in = api_query_object(req, resp, strings, ints, INT64_MIN, INT64_MAX);
	if (!in)
		return;
	const char *verify = json_string_value(json_object_get(in, "verify"));
	if (verify) {
		bool yes = strcmp(verify, "true") == 0;
		if (!yes && strcmp(verify, "false") != 0) {
			json_decref(in);
			problem_respond(resp, PROBLEM_MALFORMED, "verify is true or false.");
			return;
		}
		json_object_set_new(in, "verify", json_boolean(yes));
	}
	api_run_with(req, resp, app_audit_list, in, 200);
}
