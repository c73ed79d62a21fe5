-- 022_mash_evaluations: the MASH's evaluation of a referral routed to it (R-PATH-3).
-- One evaluation per referral: the outcome (no further action, early help, a strategy
-- discussion, a section 47 enquiry, the ES-flagged record), the reason, who decided
-- and when. received_at is the referral's submission; due_at its decision clock, one
-- working day later on the England and Wales calendar (src/protocol/workdays.h);
-- on_time whether the decision came by then. Nothing here is changed or deleted once
-- written: a referral evaluated is marked triaged.
CREATE TABLE mash_evaluations (
  id                TEXT PRIMARY KEY,
  referral_id       TEXT NOT NULL UNIQUE REFERENCES referrals(id),
  child_id          TEXT NOT NULL REFERENCES children(id),
  outcome           TEXT NOT NULL CHECK (outcome IN ('no_further_action', 'early_help',
                      'strategy_discussion', 'section_47', 'es_record')),
  rationale         TEXT NOT NULL,
  evaluated_by      TEXT REFERENCES users(id),
  evaluated_by_name TEXT NOT NULL,
  evaluated_at      TEXT NOT NULL,
  received_at       TEXT NOT NULL,
  due_at            TEXT NOT NULL,
  on_time           INTEGER NOT NULL CHECK (on_time IN (0, 1))
);
CREATE INDEX mash_evaluations_child ON mash_evaluations(child_id);
-- the MASH queue: referrals waiting on the MASH route, oldest first
CREATE INDEX referrals_route_status ON referrals(route, status, submitted_at);
