/* handlers.h: every route handler (see web/routes.c). */
#ifndef LANTERN_WEB_HANDLERS_H
#define LANTERN_WEB_HANDLERS_H

#include "web/request.h"

/* assets.c */
void handle_static(struct request *req, struct response *resp);
void handle_health(struct request *req, struct response *resp);

/* home.c */
void handle_home(struct request *req, struct response *resp);

/* session.c */
void handle_sign_in_form(struct request *req, struct response *resp);
void handle_sign_in(struct request *req, struct response *resp);
void handle_sign_out(struct request *req, struct response *resp);
void handle_api_session_create(struct request *req, struct response *resp);
void handle_api_session_show(struct request *req, struct response *resp);
void handle_api_session_delete(struct request *req, struct response *resp);
void handle_api_tokens_list(struct request *req, struct response *resp);
void handle_api_tokens_create(struct request *req, struct response *resp);
void handle_api_tokens_revoke(struct request *req, struct response *resp);

#endif
