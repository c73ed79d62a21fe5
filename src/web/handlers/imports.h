/*
 * handlers/imports.h: bulk import and export of children and the matching model over
 * HTTP: the API's CSV import (POST /api/v1/imports/children, text/csv) and export (GET
 * /api/v1/exports/children), and the pages where a MASH or children's social care
 * manager resolves the rows an import held (/imports/held) and an administrator reads
 * the matching model's weights in words (/admin/matching). See src/app/import.h.
 */
#ifndef LANTERN_WEB_HANDLERS_IMPORTS_H
#define LANTERN_WEB_HANDLERS_IMPORTS_H

#include "web/request.h"

/* api_imports.c */
void handle_api_import_children(struct request *req, struct response *resp);
void handle_api_export_children(struct request *req, struct response *resp);

/* pages_imports.c */
void handle_page_import_held(struct request *req, struct response *resp);
void handle_page_import_resolve(struct request *req, struct response *resp);
void handle_page_matching(struct request *req, struct response *resp);

#endif
