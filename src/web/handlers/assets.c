/* handlers/assets.c: GET /static/{*path} (files from static_dir) and GET /healthz. */
#include "web/webapp.h"
#include "web/handlers/handlers.h"
#include "web/static.h"

void handle_static(struct request *req, struct response *resp)
{
	struct web_app *app = req->app;
	static_serve(app->cfg->static_dir, request_param(req, "path"), resp);
}

void handle_health(struct request *req, struct response *resp)
{
	response_text(resp, 200, "ok\n");
}
