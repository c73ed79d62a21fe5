/* handlers.h: every route handler (see web/routes.c). */
#ifndef LANTERN_WEB_HANDLERS_H
#define LANTERN_WEB_HANDLERS_H

#include "web/request.h"

/* assets.c */
void handle_static(struct request *req, struct response *resp);
void handle_health(struct request *req, struct response *resp);

#endif
