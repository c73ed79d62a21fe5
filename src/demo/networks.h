/*
 * networks.h: the demo partnership's networks of exploitation (networks.c), added after
 * the children's stories and the disruption work.
 */
#ifndef LANTERN_DEMO_NETWORKS_H
#define LANTERN_DEMO_NETWORKS_H

#include "demo/demo_internal.h"

/* Adds people of concern, places, vehicles, phones and links in a few networks across
 * the boroughs, some joining a category 1 child to a category 3 one (R-CAT-7). APP_OK
 * or the error (in g->err). */
int demo_networks(struct gen *g);

#endif
