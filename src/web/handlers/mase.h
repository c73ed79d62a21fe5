/*
 * handlers/mase.h: the pages of the monthly multi-agency meeting (pages_mase.c): a
 * borough's meetings with the schedule, the next one due and the form recording one
 * held; the agenda generated for the reader; a meeting with its attendees, gaps,
 * decisions, actions and the chair's duties; and the printable meeting pack.
 */
#ifndef LANTERN_WEB_HANDLERS_MASE_H
#define LANTERN_WEB_HANDLERS_MASE_H

#include "web/request.h"

void handle_page_mase_borough(struct request *req, struct response *resp);
void handle_page_mase_schedule(struct request *req, struct response *resp);
void handle_page_mase_meeting_create(struct request *req, struct response *resp);
void handle_page_mase_agenda(struct request *req, struct response *resp);
void handle_page_mase_meeting(struct request *req, struct response *resp);
void handle_page_mase_case(struct request *req, struct response *resp);
void handle_page_mase_action(struct request *req, struct response *resp);
void handle_page_mase_tactic(struct request *req, struct response *resp);
void handle_page_mase_duties(struct request *req, struct response *resp);
void handle_page_mase_pack(struct request *req, struct response *resp);

/* board.c: the board's report page and its CSV downloads (R-RPT-1, R-INFO-1) */
void handle_page_board_report(struct request *req, struct response *resp);
void handle_api_board_csv(struct request *req, struct response *resp);
void handle_api_board_xlsx(struct request *req, struct response *resp);
void handle_api_cin_csv(struct request *req, struct response *resp);

/* pages_outcomes.c: a child's long-term outcomes (R-OUTC-1, R-DL-8) */
void handle_page_outcomes(struct request *req, struct response *resp);
void handle_page_outcome_review(struct request *req, struct response *resp);
void handle_page_outcomes_chart(struct request *req, struct response *resp);

#endif
