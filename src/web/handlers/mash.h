/*
 * handlers/mash.h: the MASH's evaluation of a referral (pages_mash.c, R-PATH-3), the
 * missing-now board and the paged lists of a record (pages_work.c).
 */
#ifndef LANTERN_WEB_HANDLERS_MASH_H
#define LANTERN_WEB_HANDLERS_MASH_H

#include "web/request.h"

/* pages_mash.c */
void handle_page_referral_evaluate_form(struct request *req, struct response *resp);
void handle_page_referral_evaluate(struct request *req, struct response *resp);

#endif
