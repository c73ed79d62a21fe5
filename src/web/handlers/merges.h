/*
 * handlers/merges.h: the pages that merge two children found to be the same child and
 * undo a merge (pages_merges.c, R-REC-1).
 */
#ifndef LANTERN_WEB_HANDLERS_MERGES_H
#define LANTERN_WEB_HANDLERS_MERGES_H

#include "web/request.h"
#include "web/router.h"

/* GET /children/{id}/merge: the form (the other child's id or record reference, why). */
void handle_page_child_merge_form(struct request *req, struct response *resp);
/* POST /children/{id}/merge: without `confirm`, the confirmation page showing both
 * children (the use case checked, nothing kept); with it, the merge. */
void handle_page_child_merge(struct request *req, struct response *resp);
/* POST /merges/{id}/undo: undoes a merge (field `reason`), back to the surviving child. */
void handle_page_merge_undo(struct request *req, struct response *resp);

#endif
