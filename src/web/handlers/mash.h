/*
 * handlers/mash.h: the MASH's evaluation of a referral (pages_mash.c, R-PATH-3), the
 * missing-now board and the paged lists of a record (pages_work.c).
 */
#ifndef LANTERN_WEB_HANDLERS_MASH_H
#define LANTERN_WEB_HANDLERS_MASH_H

#include <jansson.h>

#include "web/request.h"
#include "web/router.h"

/* pages_mash.c */
void handle_page_referral_evaluate_form(struct request *req, struct response *resp);
void handle_page_referral_evaluate(struct request *req, struct response *resp);

/* pages_work.c: GET /missing-now (?page=N), GET /work/{key} (?page=N) */
void handle_page_missing_now(struct request *req, struct response *resp);
void handle_page_work_section(struct request *req, struct response *resp);
/* The query of GET /api/v1/missing-now: page (1..10000). */
extern const struct route_query web_page_query;

/* home.c: how a work section and a child missing now read on a page */
void pages_work_section(struct request *req, json_t *section, json_int_t page);
void pages_missing_item(struct request *req, json_t *item);

#endif
