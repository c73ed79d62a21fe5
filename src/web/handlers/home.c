/* handlers/home.c: GET / : the signed-in user's home page (their work comes later). */
#include "web/handlers/handlers.h"
#include "web/page.h"
#include "web/session.h"

void handle_home(struct request *req, struct response *resp)
{
	json_t *d = json_pack("{s:s, s:s}", "name", req->session->actor.display_name, "agency",
	                      req->session->agency_name);
	page_render(req, resp, 200, "home.html", "My work", d);
	json_decref(d);
}
