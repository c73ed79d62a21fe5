/*
 * handlers/people.h: the pages and downloads about those who exploit children and the
 * networks they form: a person of concern's page with their network drawn, adding and
 * finding a person, a place's page, a vehicle's and a phone's, adding a link from a
 * child, a person or a place, a child's network with the R-CAT-7 flag and path
 * (pages_people.c), and the network export for i2 and Gephi (api_networks.c).
 */
#ifndef LANTERN_WEB_HANDLERS_PEOPLE_H
#define LANTERN_WEB_HANDLERS_PEOPLE_H

#include "web/request.h"

/* api_networks.c: GET /api/v1/exports/network?file=entities|links|nodes|edges
 * &entity=&hops=&kinds=&from=&to=&facts_only= as a CSV download. */
void handle_api_export_network(struct request *req, struct response *resp);

#endif
