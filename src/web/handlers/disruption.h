/*
 * handlers/disruption.h: the pages about disrupting those who exploit children: a
 * person's orders, outcome codes and criminal justice cases, recording an order from
 * application to service and each change after (pages_orders.c); a record's tactical
 * options checklist, action plan and NRM referral (pages_plans.c); and how their work
 * queue items read on "My work".
 */
#ifndef LANTERN_WEB_HANDLERS_DISRUPTION_H
#define LANTERN_WEB_HANDLERS_DISRUPTION_H

#include <jansson.h>

#include "web/request.h"

/* pages_orders.c */
void handle_page_person_orders(struct request *req, struct response *resp);
void handle_page_order_new(struct request *req, struct response *resp);
void handle_page_order_create(struct request *req, struct response *resp);
void handle_page_order(struct request *req, struct response *resp);
void handle_page_order_change_form(struct request *req, struct response *resp);
void handle_page_order_change(struct request *req, struct response *resp);
void handle_page_cj_new(struct request *req, struct response *resp);
void handle_page_cj_create(struct request *req, struct response *resp);
void handle_page_cj(struct request *req, struct response *resp);
void handle_page_cj_update(struct request *req, struct response *resp);

/* pages_plans.c */
void handle_page_tactics(struct request *req, struct response *resp);
void handle_page_tactic_form(struct request *req, struct response *resp);
void handle_page_tactic_mark(struct request *req, struct response *resp);
void handle_page_actions(struct request *req, struct response *resp);
void handle_page_action_new(struct request *req, struct response *resp);
void handle_page_action_create(struct request *req, struct response *resp);
void handle_page_action(struct request *req, struct response *resp);
void handle_page_action_update(struct request *req, struct response *resp);
void handle_page_nrm_new(struct request *req, struct response *resp);
void handle_page_nrm_create(struct request *req, struct response *resp);

/* A work-queue item of the disruption sections (app_disruption_deadlines: it has
 * "href_kind") given what "My work" shows: href, label, what, meta, tag, tag_class,
 * rule. Returns false for any other item. */
bool pages_disruption_item(struct request *req, json_t *it);

/* The tactical options summary line of record `ref` for the record page ({summary,
 * href}), or NULL when the actor may not see it. */
json_t *pages_record_tactics(struct request *req, const char *ref);

#endif
