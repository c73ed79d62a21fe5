/*
 * api_audit.c: the audit log for auditors (GET /api/v1/audit). Filters are query
 * parameters that hold no personal data (user_id, record_ref, action, before_seq,
 * limit); reading the log is itself audited by the use case.
 */
#include "app/audit_view.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"

void handle_api_audit(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"user_id", "record_ref", "entity_id", "action",
					      NULL};
	static const char *const ints[] = {"before_seq", "limit", NULL};
	json_t *in = api_query_object(req, resp, strings, ints, INT64_MIN, INT64_MAX);
	if (in)
		api_run_with(req, resp, app_audit_list, in, 200);
}
