/*
 * handlers/people.h: the pages and downloads about those who exploit children and the
 * networks they form: a person of concern's page with their network drawn, adding and
 * finding a person, a place's page, a vehicle's and a phone's, adding a link from a
 * child, a person or a place, a child's network with the R-CAT-7 flag and path
 * (pages_people.c), and the network export for i2 and Gephi (api_networks.c).
 */
#ifndef LANTERN_WEB_HANDLERS_PEOPLE_H
#define LANTERN_WEB_HANDLERS_PEOPLE_H

#include <jansson.h>

#include "web/request.h"

/* pages_people.c */
void handle_page_people_find(struct request *req, struct response *resp);
void handle_page_people_find_post(struct request *req, struct response *resp);
void handle_page_person_new(struct request *req, struct response *resp);
void handle_page_person_create(struct request *req, struct response *resp);
void handle_page_person(struct request *req, struct response *resp);
void handle_page_place(struct request *req, struct response *resp);
void handle_page_vehicle(struct request *req, struct response *resp);
void handle_page_phone(struct request *req, struct response *resp);
void handle_page_link_new(struct request *req, struct response *resp);
void handle_page_link_create(struct request *req, struct response *resp);
void handle_page_network(struct request *req, struct response *resp);
void handle_page_network_picture(struct request *req, struct response *resp);
void handle_page_person_pnc_form(struct request *req, struct response *resp);
void handle_page_person_pnc(struct request *req, struct response *resp);
void handle_page_place_hotspot_form(struct request *req, struct response *resp);
void handle_page_place_hotspot(struct request *req, struct response *resp);
/* R-CAT-7: the record page's network section for child `child_id` ({flagged, steps
 * [{label, type_words, href, then}], target_words, hops, child_id}), or NULL when the
 * user may not read networks. */
json_t *pages_record_network(struct request *req, struct response *resp, const char *child_id);

/* api_networks.c: GET /api/v1/exports/network?file=entities|links|nodes|edges
 * &entity=&hops=&kinds=&from=&to=&facts_only= as a CSV download. */
void handle_api_export_network(struct request *req, struct response *resp);

#endif
