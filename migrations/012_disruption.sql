-- 012_disruption: disrupting those who exploit children. Orders, notices and the other
-- disruptions of persons of concern, places and vehicles (R-ORD-1..4) with their
-- breaches, the name and address changes of a Sexual Risk Order's subject and the
-- history of every change; the tactical options checklist of a record (R-ORD-5); the
-- actions of a case's plan (R-MASE-7); criminal justice cases (R-OUTC-2); referrals of
-- trafficked children to the National Referral Mechanism (R-DL-6). The rules are in
-- src/protocol/orders.h, plans.h and outcomes.h. Nothing here is deleted in normal use:
-- a change of status keeps the dates already recorded and adds a history row; a new
-- tactical mark replaces the current one and keeps it; a closed action keeps who closed
-- it and when. Outcome codes FP, FO and FQ are rows of `outcomes` (002) with person_id
-- set; source_id (added here) names the disruption that warranted the code.

ALTER TABLE outcomes ADD COLUMN source_id TEXT;
CREATE INDEX outcomes_person ON outcomes(person_id);

-- R-ORD-1..4: one order, notice, event, marker or covert tactic. `type` is a code of
-- REF_DISRUPTION_TYPES and `class` its class. Dates are YYYY-MM-DD, instants ISO 8601
-- UTC. child_dob and child_in_care are the CAWN child's facts on the date served, as
-- read from the child's record when the notice was recorded (R-ORD-1). borough_id is
-- the borough the disruption counts for in summaries; restricted marks a covert tactic
-- (R-INFO-3: entitled police only). cj_case_id: the criminal justice case an arrest or
-- a charge was recorded through.
CREATE TABLE disruptions (
  id                TEXT PRIMARY KEY,
  type              TEXT NOT NULL CHECK (type IN ('cawn', 'sro', 'notification_order',
                      'asbo_injunction', 'shpo', 'hotel_notice', 'closure_order', 'arrest',
                      'charge', 'licensing_action', 'anpr_marker', 'cad_special_scheme',
                      'covert_tactic')),
  class             TEXT NOT NULL CHECK (class IN ('order', 'notice', 'event', 'marker',
                      'tactic')),
  person_id         TEXT REFERENCES people(id),
  child_id          TEXT REFERENCES children(id),
  place_id          TEXT REFERENCES places(id),
  vehicle_id        TEXT REFERENCES vehicles(id),
  status            TEXT CHECK (status IN ('applied', 'made', 'served', 'varied', 'breached',
                      'expired', 'discharged')),
  applied_on        TEXT,
  made_on           TEXT,
  served_at         TEXT,
  serving_officer   TEXT,
  varied_on         TEXT,
  expired_on        TEXT,
  discharged_on     TEXT,
  ends_on           TEXT,
  child_dob         TEXT,
  child_in_care     INTEGER CHECK (child_in_care IN (0, 1)),
  travel_restricted INTEGER NOT NULL DEFAULT 0 CHECK (travel_restricted IN (0, 1)),
  travel_from       TEXT,
  travel_until      TEXT,
  notified_at       TEXT,
  on_date           TEXT,
  until_date        TEXT,
  offence           TEXT,
  note              TEXT,
  restricted        INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  cj_case_id        TEXT,
  borough_id        TEXT REFERENCES boroughs(id),
  agency_id         TEXT REFERENCES agencies(id),
  created_by        TEXT REFERENCES users(id),
  created_by_name   TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  is_demo           INTEGER NOT NULL DEFAULT 0,
  CHECK ((class IN ('order', 'notice')) = (status IS NOT NULL)),
  CHECK (person_id IS NOT NULL OR place_id IS NOT NULL OR vehicle_id IS NOT NULL)
);
CREATE INDEX disruptions_person ON disruptions(person_id);
CREATE INDEX disruptions_place ON disruptions(place_id);
CREATE INDEX disruptions_vehicle ON disruptions(vehicle_id);
CREATE INDEX disruptions_child ON disruptions(child_id);
CREATE INDEX disruptions_borough ON disruptions(borough_id, type, status, restricted);
CREATE INDEX disruptions_cj ON disruptions(cj_case_id);
-- orders in force with deadlines (R-DL-4): SROs, SHPOs and foreign travel restrictions
CREATE INDEX disruptions_deadlines ON disruptions(type, status) WHERE type IN ('sro', 'shpo');

-- R-ORD-3: each breach, by date.
CREATE TABLE disruption_breaches (
  id               INTEGER PRIMARY KEY,
  disruption_id    TEXT NOT NULL REFERENCES disruptions(id),
  on_date          TEXT NOT NULL,
  recorded_at      TEXT NOT NULL,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT NOT NULL
);
CREATE INDEX disruption_breaches_of ON disruption_breaches(disruption_id, id);

-- R-ORD-3: a change of name or home address by the subject of a Sexual Risk Order, and
-- when the subject notified it (NULL until then).
CREATE TABLE disruption_changes (
  id               INTEGER PRIMARY KEY,
  disruption_id    TEXT NOT NULL REFERENCES disruptions(id),
  changed_at       TEXT NOT NULL,
  notified_at      TEXT,
  recorded_at      TEXT NOT NULL,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT NOT NULL
);
CREATE INDEX disruption_changes_of ON disruption_changes(disruption_id, id);

-- R-ORD-4: every write to a disruption, oldest first: what it became (status), which
-- fields changed, who recorded it and when.
CREATE TABLE disruption_history (
  id               INTEGER PRIMARY KEY,
  disruption_id    TEXT NOT NULL REFERENCES disruptions(id),
  status           TEXT,
  fields           TEXT NOT NULL,
  note             TEXT,
  recorded_at      TEXT NOT NULL,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT NOT NULL
);
CREATE INDEX disruption_history_of ON disruption_history(disruption_id, id);

-- R-ORD-5: the marks of a record's tactical options (T01-T29). Every mark is kept; the
-- current one of each option has current = 1. owner is who takes the option forward
-- (a person or an agency, in words). restricted: T14, T15 (R-INFO-3).
CREATE TABLE tactic_marks (
  id            INTEGER PRIMARY KEY,
  record_id     TEXT NOT NULL REFERENCES records(id),
  code          TEXT NOT NULL,
  mark          TEXT NOT NULL CHECK (mark IN ('considered', 'in_place', 'not_applicable')),
  note          TEXT NOT NULL,
  owner         TEXT,
  restricted    INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  current       INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
  marked_at     TEXT NOT NULL,
  marked_by     TEXT REFERENCES users(id),
  marked_by_name TEXT NOT NULL,
  is_demo       INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX tactic_marks_current ON tactic_marks(record_id, code) WHERE current = 1;
CREATE INDEX tactic_marks_record ON tactic_marks(record_id, code, id);
-- the current marks as the summaries count them, read from the index alone
CREATE INDEX tactic_marks_counted ON tactic_marks(record_id, code, mark, restricted)
  WHERE current = 1;
-- a borough's summary starts from its open records (bench/disruption)
CREATE INDEX records_owning_borough ON records(owning_borough_id, status);

-- R-MASE-7: an action of a case's plan. The owner is a user or an agency (owner_name is
-- its name as shown); what it is about is a record, a person of concern or a place.
-- Done or cancelled actions keep closed_at and who closed them (cancelled: why).
-- borough_id: the borough whose queues and summaries count it.
CREATE TABLE plan_actions (
  id              TEXT PRIMARY KEY,
  text            TEXT NOT NULL,
  owner_user_id   TEXT REFERENCES users(id),
  owner_agency_id TEXT REFERENCES agencies(id),
  owner_name      TEXT NOT NULL,
  agreed_at       TEXT NOT NULL,
  due_at          TEXT NOT NULL,
  record_id       TEXT REFERENCES records(id),
  person_id       TEXT REFERENCES people(id),
  place_id        TEXT REFERENCES places(id),
  meeting_id      TEXT,
  tactic          TEXT,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  closed_at       TEXT,
  closed_by       TEXT REFERENCES users(id),
  closed_by_name  TEXT,
  reason          TEXT,
  borough_id      TEXT REFERENCES boroughs(id),
  agency_id       TEXT REFERENCES agencies(id),
  created_by      TEXT REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  is_demo         INTEGER NOT NULL DEFAULT 0,
  CHECK (owner_user_id IS NOT NULL OR owner_agency_id IS NOT NULL),
  CHECK (record_id IS NOT NULL OR person_id IS NOT NULL OR place_id IS NOT NULL),
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX plan_actions_record ON plan_actions(record_id, status);
CREATE INDEX plan_actions_person ON plan_actions(person_id, status);
CREATE INDEX plan_actions_place ON plan_actions(place_id, status);
CREATE INDEX plan_actions_owner_user ON plan_actions(owner_user_id, status, due_at);
CREATE INDEX plan_actions_owner_agency ON plan_actions(owner_agency_id, status, due_at);
CREATE INDEX plan_actions_borough ON plan_actions(borough_id, status, due_at);

-- R-OUTC-2: one person of concern's case through the criminal justice process. network
-- names the organised network it belongs to (in words), when there is one.
CREATE TABLE cj_cases (
  id              TEXT PRIMARY KEY,
  person_id       TEXT NOT NULL REFERENCES people(id),
  network         TEXT,
  arrested_on     TEXT,
  referred_on     TEXT,
  decision        TEXT CHECK (decision IN ('charge', 'no_further_action', 'more_evidence',
                    'out_of_court')),
  decided_on      TEXT,
  charged_on      TEXT,
  offence         TEXT,
  result          TEXT CHECK (result IN ('convicted', 'acquitted', 'discontinued')),
  result_on       TEXT,
  sentenced_on    TEXT,
  sentence        TEXT,
  borough_id      TEXT REFERENCES boroughs(id),
  agency_id       TEXT REFERENCES agencies(id),
  created_by      TEXT REFERENCES users(id),
  created_by_name TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  is_demo         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cj_cases_person ON cj_cases(person_id);
CREATE INDEX cj_cases_network ON cj_cases(network);
CREATE INDEX cj_cases_borough ON cj_cases(borough_id, referred_on);

-- R-DL-6: a trafficked child's referral to the National Referral Mechanism, which starts
-- the reflection and recovery period (at least 45 days). The period's deadline stays in
-- the queues until the conclusive grounds decision is recorded.
CREATE TABLE nrm_referrals (
  id                    TEXT PRIMARY KEY,
  child_id              TEXT NOT NULL REFERENCES children(id),
  record_id             TEXT REFERENCES records(id),
  referred_at           TEXT NOT NULL,
  reference             TEXT,
  reasonable_grounds    TEXT CHECK (reasonable_grounds IN ('positive', 'negative')),
  reasonable_grounds_on TEXT,
  conclusive_grounds    TEXT CHECK (conclusive_grounds IN ('positive', 'negative')),
  conclusive_grounds_on TEXT,
  note                  TEXT,
  agency_id             TEXT REFERENCES agencies(id),
  created_by            TEXT REFERENCES users(id),
  created_by_name       TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  is_demo               INTEGER NOT NULL DEFAULT 0,
  CHECK ((reasonable_grounds IS NULL) = (reasonable_grounds_on IS NULL)),
  CHECK ((conclusive_grounds IS NULL) = (conclusive_grounds_on IS NULL))
);
CREATE INDEX nrm_referrals_child ON nrm_referrals(child_id);
CREATE INDEX nrm_referrals_open ON nrm_referrals(conclusive_grounds_on, referred_at);
