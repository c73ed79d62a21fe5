-- 011_people: the people who exploit children and what they use (R-POI-1, R-POI-2,
-- R-LOC-1): persons of concern with the items they are known by, places, vehicles and
-- phones as entities of their own, the links between any two of them, children and
-- missing episodes, and the PNC locate/trace markers. Nothing here is deleted in normal
-- use: a link that ends keeps its row (ended_at, ended_reason); a hotspot marking keeps
-- its history. Rules: src/protocol/people.h; who sees what: the same header and
-- src/store/links.h.
--
-- Grading (UK 3x5x2): every item and link is a fact or intelligence; intelligence has a
-- source evaluation (1-3), an intelligence assessment (A-E) and a handling code (P or C,
-- C with its conditions). Restricted items and links are for entitled police (R-INFO-3).

-- A person of concern. `label` is the name shown in lists and links, kept current from
-- the items that are not restricted; `agency_id` the agency that recorded the person
-- (its staff see the person). R-POI-2: the PNC locate/trace marker, NULL until recorded.
CREATE TABLE people (
  id                 TEXT PRIMARY KEY,
  label              TEXT NOT NULL,
  gender             TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  description        TEXT,
  restricted         INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  pnc_marker         TEXT CHECK (pnc_marker IN ('done', 'not_done')),
  pnc_marker_note    TEXT,
  pnc_marker_at      TEXT,
  pnc_marker_by      TEXT REFERENCES users(id),
  pnc_marker_by_name TEXT,
  agency_id          TEXT REFERENCES agencies(id),
  created_by         TEXT REFERENCES users(id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  is_demo            INTEGER NOT NULL DEFAULT 0,
  CHECK ((pnc_marker IS NULL) = (pnc_marker_at IS NULL))
);
CREATE INDEX people_agency ON people(agency_id);

-- R-POI-1: what a person is known by, each item sourced, dated and graded. value is as
-- given; value_key its normalised form for finding it again (names, handles, groups).
-- Dates of birth may be approximate: an exact date, a year, or an age range on a day.
CREATE TABLE person_items (
  id                  TEXT PRIMARY KEY,
  person_id           TEXT NOT NULL REFERENCES people(id),
  kind                TEXT NOT NULL CHECK (kind IN ('name', 'alias', 'street_name',
                        'nickname', 'date_of_birth', 'address', 'social_media', 'group')),
  value               TEXT NOT NULL,
  value_key           TEXT,
  platform            TEXT,            -- social media: the platform, when given
  postcode            TEXT,            -- address: canonical UK postcode
  dob_date            TEXT,            -- date of birth: exact
  dob_year            INTEGER,         -- date of birth: the year only
  age_min             INTEGER,         -- date of birth: thought to be aged age_min..
  age_max             INTEGER,         -- ..age_max on age_on
  age_on              TEXT,
  nature              TEXT NOT NULL CHECK (nature IN ('fact', 'intelligence')),
  source_eval         TEXT CHECK (source_eval IN ('1', '2', '3')),
  assessment          TEXT CHECK (assessment IN ('A', 'B', 'C', 'D', 'E')),
  handling            TEXT CHECK (handling IN ('P', 'C')),
  handling_conditions TEXT,
  source              TEXT NOT NULL,
  restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  recorded_at         TEXT NOT NULL,
  recorded_by         TEXT REFERENCES users(id),
  recorded_by_name    TEXT NOT NULL,
  agency_id           TEXT REFERENCES agencies(id),
  is_demo             INTEGER NOT NULL DEFAULT 0,
  CHECK ((nature = 'intelligence') =
         (source_eval IS NOT NULL AND assessment IS NOT NULL AND handling IS NOT NULL)),
  CHECK (handling IS NULL OR handling = 'P' OR handling_conditions IS NOT NULL),
  CHECK (kind <> 'date_of_birth' OR dob_date IS NOT NULL OR dob_year IS NOT NULL
         OR (age_min IS NOT NULL AND age_max IS NOT NULL AND age_on IS NOT NULL))
);
CREATE INDEX person_items_person ON person_items(person_id, kind);
CREATE INDEX person_items_key ON person_items(kind, value_key);
CREATE INDEX person_items_dob ON person_items(dob_date);
CREATE INDEX person_items_year ON person_items(dob_year);

-- Blocking keys for finding a person again (src/link/match.h), as child_keys.
CREATE TABLE people_keys (
  key       TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (key, person_id)
) WITHOUT ROWID;

-- R-POI-2: the PNC locate/trace marker of a child at risk (one row per child, current).
CREATE TABLE child_pnc_markers (
  child_id         TEXT PRIMARY KEY REFERENCES children(id),
  status           TEXT NOT NULL CHECK (status IN ('done', 'not_done')),
  note             TEXT,
  recorded_at      TEXT NOT NULL,
  recorded_by      TEXT REFERENCES users(id),
  recorded_by_name TEXT NOT NULL
);

-- R-LOC-1: places. A hotspot is a professional's marking with a rationale; each
-- marking and unmarking is kept in place_hotspots.
CREATE TABLE places (
  id                TEXT PRIMARY KEY,
  type              TEXT NOT NULL CHECK (type IN ('hotel', 'b_and_b', 'takeaway', 'taxi_firm',
                      'shop', 'park', 'school', 'childrens_home', 'hostel', 'private_address',
                      'online_platform', 'other')),
  name              TEXT,
  name_key          TEXT,
  address           TEXT,
  postcode          TEXT,            -- canonical UK postcode ("NW1 2AB")
  outward           TEXT,            -- its outward code ("NW1"), also for partial ones
  borough_id        TEXT REFERENCES boroughs(id),
  notes             TEXT,
  restricted        INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  hotspot           INTEGER NOT NULL DEFAULT 0 CHECK (hotspot IN (0, 1)),
  hotspot_rationale TEXT,
  hotspot_at        TEXT,
  hotspot_by        TEXT REFERENCES users(id),
  hotspot_by_name   TEXT,
  agency_id         TEXT REFERENCES agencies(id),
  created_by        TEXT REFERENCES users(id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  is_demo           INTEGER NOT NULL DEFAULT 0,
  CHECK (name IS NOT NULL OR address IS NOT NULL),
  CHECK (hotspot = 0 OR hotspot_rationale IS NOT NULL)
);
CREATE INDEX places_postcode ON places(postcode);
CREATE INDEX places_name_key ON places(name_key);
CREATE INDEX places_borough ON places(borough_id, type);
CREATE INDEX places_hotspot ON places(hotspot);

CREATE TABLE place_hotspots (
  id        INTEGER PRIMARY KEY,
  place_id  TEXT NOT NULL REFERENCES places(id),
  hotspot   INTEGER NOT NULL CHECK (hotspot IN (0, 1)),
  rationale TEXT NOT NULL,
  at        TEXT NOT NULL,
  by_id     TEXT REFERENCES users(id),
  by_name   TEXT NOT NULL
);
CREATE INDEX place_hotspots_place ON place_hotspots(place_id, at);

-- Vehicles and phones: found by match_key, so that one car or one number joins
-- everything it touches. A registration or number that does not parse is kept as given
-- (parsed = 0) under the key '?' followed by the text as given, never dropped.
CREATE TABLE vehicles (
  id           TEXT PRIMARY KEY,
  registration TEXT NOT NULL,        -- as first given
  vrm          TEXT,                 -- normalised mark ("AB12COE"), NULL when unparsed
  match_key    TEXT NOT NULL UNIQUE, -- vrm with O/0 and I/1 folded (link_vrm_key)
  parsed       INTEGER NOT NULL CHECK (parsed IN (0, 1)),
  make         TEXT,
  model        TEXT,
  colour       TEXT,
  agency_id    TEXT REFERENCES agencies(id),
  created_by   TEXT REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  is_demo      INTEGER NOT NULL DEFAULT 0,
  CHECK ((vrm IS NULL) = (parsed = 0))
);

CREATE TABLE phones (
  id         TEXT PRIMARY KEY,
  number     TEXT NOT NULL,          -- as first given
  e164       TEXT,                   -- "+447700900123", NULL when unparsed
  match_key  TEXT NOT NULL UNIQUE,   -- e164, or '?' and the text as given
  parsed     INTEGER NOT NULL CHECK (parsed IN (0, 1)),
  agency_id  TEXT REFERENCES agencies(id),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  is_demo    INTEGER NOT NULL DEFAULT 0,
  CHECK ((e164 IS NULL) = (parsed = 0))
);

-- Links between any two of: child, person, place, vehicle, phone, episode (the kinds
-- and the ends each fits: src/protocol/people.h). from_child_id / to_child_id name the
-- child an end is about (the child itself, or an episode's child), so that the
-- visibility of a link follows the child's. The date range is when the link held
-- (either end open); ended_at is when it was ended in Lantern, with the reason.
CREATE TABLE links (
  id                  TEXT PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('associate', 'seen_with', 'found_at',
                        'uses', 'registered_keeper', 'member_of', 'visited', 'transported')),
  from_type           TEXT NOT NULL CHECK (from_type IN ('child', 'person', 'place', 'vehicle',
                        'phone', 'episode')),
  from_id             TEXT NOT NULL,
  from_child_id       TEXT REFERENCES children(id),
  to_type             TEXT NOT NULL CHECK (to_type IN ('child', 'person', 'place', 'vehicle',
                        'phone', 'episode')),
  to_id               TEXT NOT NULL,
  to_child_id         TEXT REFERENCES children(id),
  from_date           TEXT,
  to_date             TEXT,
  nature              TEXT NOT NULL CHECK (nature IN ('fact', 'intelligence')),
  source_eval         TEXT CHECK (source_eval IN ('1', '2', '3')),
  assessment          TEXT CHECK (assessment IN ('A', 'B', 'C', 'D', 'E')),
  handling            TEXT CHECK (handling IN ('P', 'C')),
  handling_conditions TEXT,
  source              TEXT NOT NULL,
  note                TEXT,
  restricted          INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
  recorded_at         TEXT NOT NULL,
  recorded_by         TEXT REFERENCES users(id),
  recorded_by_name    TEXT NOT NULL,
  agency_id           TEXT REFERENCES agencies(id),
  ended_at            TEXT,
  ended_by            TEXT REFERENCES users(id),
  ended_by_name       TEXT,
  ended_reason        TEXT,
  is_demo             INTEGER NOT NULL DEFAULT 0,
  CHECK (from_id <> to_id),
  CHECK (from_date IS NULL OR to_date IS NULL OR to_date >= from_date),
  CHECK ((ended_at IS NULL) = (ended_reason IS NULL)),
  CHECK ((nature = 'intelligence') =
         (source_eval IS NOT NULL AND assessment IS NOT NULL AND handling IS NOT NULL)),
  CHECK (handling IS NULL OR handling = 'P' OR handling_conditions IS NOT NULL)
);
CREATE INDEX links_from ON links(from_id);
CREATE INDEX links_to ON links(to_id);
CREATE INDEX links_from_child ON links(from_child_id);
CREATE INDEX links_to_child ON links(to_child_id);
CREATE INDEX links_kind ON links(kind);

-- The record view does not show people, places, vehicles or phones (their pages read
-- them afresh). What is about a child moves the child's record's view version (008):
-- its PNC marker and the links that touch it.
CREATE TRIGGER child_pnc_markers_view_insert AFTER INSERT ON child_pnc_markers
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_pnc_markers_view_update AFTER UPDATE ON child_pnc_markers
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_pnc_markers_view_delete AFTER DELETE ON child_pnc_markers
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER links_view_insert AFTER INSERT ON links
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (NEW.from_child_id, NEW.to_child_id); END;
CREATE TRIGGER links_view_update AFTER UPDATE ON links
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.from_child_id, OLD.to_child_id, NEW.from_child_id, NEW.to_child_id); END;
CREATE TRIGGER links_view_delete AFTER DELETE ON links
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.from_child_id, OLD.to_child_id); END;
