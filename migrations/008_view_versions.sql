-- 008_view_versions: a record's view changes only when its version or the shared epoch
-- does. Record views are kept, serialised, between changes (src/app/viewcache.c); these
-- triggers make every change that can alter what a record view shows move one of the
-- two in the same transaction, whoever writes it (the server, the command line, a
-- migration). Tables never shown in a view and written on every request (the audit log,
-- sessions, API tokens, break-glass grants and openings) have no trigger;
-- tests/unit/test_viewcache.c checks that every other table has all three.
ALTER TABLE records ADD COLUMN view_version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE view_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO view_epoch (id, n) VALUES (1, 0);

-- The record itself (a change of view_version alone is the bump, not a change).
CREATE TRIGGER records_view_update AFTER UPDATE ON records WHEN NEW.view_version = OLD.view_version
BEGIN UPDATE records SET view_version = OLD.view_version + 1 WHERE id = NEW.id; END;
CREATE TRIGGER records_view_delete AFTER DELETE ON records
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;

-- Tables of one record.
CREATE TRIGGER record_entries_view_insert AFTER INSERT ON record_entries
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER record_entries_view_update AFTER UPDATE ON record_entries
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER record_entries_view_delete AFTER DELETE ON record_entries
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER category_decisions_view_insert AFTER INSERT ON category_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER category_decisions_view_update AFTER UPDATE ON category_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER category_decisions_view_delete AFTER DELETE ON category_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER record_flags_view_insert AFTER INSERT ON record_flags
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER record_flags_view_update AFTER UPDATE ON record_flags
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER record_flags_view_delete AFTER DELETE ON record_flags
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER outcomes_view_insert AFTER INSERT ON outcomes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER outcomes_view_update AFTER UPDATE ON outcomes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER outcomes_view_delete AFTER DELETE ON outcomes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER external_refs_view_insert AFTER INSERT ON external_refs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER external_refs_view_update AFTER UPDATE ON external_refs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER external_refs_view_delete AFTER DELETE ON external_refs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER record_classifications_view_insert AFTER INSERT ON record_classifications
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER record_classifications_view_update AFTER UPDATE ON record_classifications
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER record_classifications_view_delete AFTER DELETE ON record_classifications
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER supervisor_reviews_view_insert AFTER INSERT ON supervisor_reviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER supervisor_reviews_view_update AFTER UPDATE ON supervisor_reviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER supervisor_reviews_view_delete AFTER DELETE ON supervisor_reviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;
CREATE TRIGGER essential_steps_view_insert AFTER INSERT ON essential_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = NEW.record_id; END;
CREATE TRIGGER essential_steps_view_update AFTER UPDATE ON essential_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id IN (OLD.record_id, NEW.record_id); END;
CREATE TRIGGER essential_steps_view_delete AFTER DELETE ON essential_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE id = OLD.record_id; END;

-- The child and the tables of one child (records.child_id is unique: one record per child).
CREATE TRIGGER children_view_insert AFTER INSERT ON children
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.id; END;
CREATE TRIGGER children_view_update AFTER UPDATE ON children
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.id, NEW.id); END;
CREATE TRIGGER children_view_delete AFTER DELETE ON children
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.id; END;
CREATE TRIGGER child_names_view_insert AFTER INSERT ON child_names
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_names_view_update AFTER UPDATE ON child_names
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_names_view_delete AFTER DELETE ON child_names
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER child_keys_view_insert AFTER INSERT ON child_keys
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_keys_view_update AFTER UPDATE ON child_keys
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_keys_view_delete AFTER DELETE ON child_keys
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER child_addresses_view_insert AFTER INSERT ON child_addresses
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_addresses_view_update AFTER UPDATE ON child_addresses
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_addresses_view_delete AFTER DELETE ON child_addresses
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER child_risk_groups_view_insert AFTER INSERT ON child_risk_groups
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_risk_groups_view_update AFTER UPDATE ON child_risk_groups
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_risk_groups_view_delete AFTER DELETE ON child_risk_groups
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER child_agencies_view_insert AFTER INSERT ON child_agencies
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER child_agencies_view_update AFTER UPDATE ON child_agencies
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER child_agencies_view_delete AFTER DELETE ON child_agencies
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER referrals_view_insert AFTER INSERT ON referrals
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER referrals_view_update AFTER UPDATE ON referrals
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER referrals_view_delete AFTER DELETE ON referrals
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER episodes_view_insert AFTER INSERT ON episodes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER episodes_view_update AFTER UPDATE ON episodes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER episodes_view_delete AFTER DELETE ON episodes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER episode_locations_view_insert AFTER INSERT ON episode_locations
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER episode_locations_view_update AFTER UPDATE ON episode_locations
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER episode_locations_view_delete AFTER DELETE ON episode_locations
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER episode_people_view_insert AFTER INSERT ON episode_people
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER episode_people_view_update AFTER UPDATE ON episode_people
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER episode_people_view_delete AFTER DELETE ON episode_people
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;
CREATE TRIGGER philomena_profiles_view_insert AFTER INSERT ON philomena_profiles
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = NEW.child_id; END;
CREATE TRIGGER philomena_profiles_view_update AFTER UPDATE ON philomena_profiles
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN (OLD.child_id, NEW.child_id); END;
CREATE TRIGGER philomena_profiles_view_delete AFTER DELETE ON philomena_profiles
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = OLD.child_id; END;

-- Tables of one referral or one missing episode: the child's record.
CREATE TRIGGER referral_signs_view_insert AFTER INSERT ON referral_signs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM referrals WHERE id = NEW.referral_id); END;
CREATE TRIGGER referral_signs_view_update AFTER UPDATE ON referral_signs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM referrals WHERE id = OLD.referral_id), (SELECT child_id FROM referrals WHERE id = NEW.referral_id)); END;
CREATE TRIGGER referral_signs_view_delete AFTER DELETE ON referral_signs
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM referrals WHERE id = OLD.referral_id); END;
CREATE TRIGGER referral_steps_view_insert AFTER INSERT ON referral_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM referrals WHERE id = NEW.referral_id); END;
CREATE TRIGGER referral_steps_view_update AFTER UPDATE ON referral_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM referrals WHERE id = OLD.referral_id), (SELECT child_id FROM referrals WHERE id = NEW.referral_id)); END;
CREATE TRIGGER referral_steps_view_delete AFTER DELETE ON referral_steps
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM referrals WHERE id = OLD.referral_id); END;
CREATE TRIGGER episode_changes_view_insert AFTER INSERT ON episode_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = NEW.episode_id); END;
CREATE TRIGGER episode_changes_view_update AFTER UPDATE ON episode_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM episodes WHERE id = OLD.episode_id), (SELECT child_id FROM episodes WHERE id = NEW.episode_id)); END;
CREATE TRIGGER episode_changes_view_delete AFTER DELETE ON episode_changes
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = OLD.episode_id); END;
CREATE TRIGGER safe_and_well_checks_view_insert AFTER INSERT ON safe_and_well_checks
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = NEW.episode_id); END;
CREATE TRIGGER safe_and_well_checks_view_update AFTER UPDATE ON safe_and_well_checks
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM episodes WHERE id = OLD.episode_id), (SELECT child_id FROM episodes WHERE id = NEW.episode_id)); END;
CREATE TRIGGER safe_and_well_checks_view_delete AFTER DELETE ON safe_and_well_checks
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = OLD.episode_id); END;
CREATE TRIGGER return_interviews_view_insert AFTER INSERT ON return_interviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = NEW.episode_id); END;
CREATE TRIGGER return_interviews_view_update AFTER UPDATE ON return_interviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM episodes WHERE id = OLD.episode_id), (SELECT child_id FROM episodes WHERE id = NEW.episode_id)); END;
CREATE TRIGGER return_interviews_view_delete AFTER DELETE ON return_interviews
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = OLD.episode_id); END;
CREATE TRIGGER forensic_decisions_view_insert AFTER INSERT ON forensic_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = NEW.episode_id); END;
CREATE TRIGGER forensic_decisions_view_update AFTER UPDATE ON forensic_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id IN ((SELECT child_id FROM episodes WHERE id = OLD.episode_id), (SELECT child_id FROM episodes WHERE id = NEW.episode_id)); END;
CREATE TRIGGER forensic_decisions_view_delete AFTER DELETE ON forensic_decisions
BEGIN UPDATE records SET view_version = view_version + 1 WHERE child_id = (SELECT child_id FROM episodes WHERE id = OLD.episode_id); END;

-- Shared tables whose names and settings any view may show: the epoch moves.
CREATE TRIGGER boroughs_view_insert AFTER INSERT ON boroughs
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER boroughs_view_update AFTER UPDATE ON boroughs
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER boroughs_view_delete AFTER DELETE ON boroughs
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_view_insert AFTER INSERT ON agencies
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_view_update AFTER UPDATE ON agencies
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_view_delete AFTER DELETE ON agencies
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_view_insert AFTER INSERT ON users
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_view_update AFTER UPDATE ON users
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER users_view_delete AFTER DELETE ON users
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER user_roles_view_insert AFTER INSERT ON user_roles
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER user_roles_view_update AFTER UPDATE ON user_roles
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER user_roles_view_delete AFTER DELETE ON user_roles
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER meta_view_insert AFTER INSERT ON meta
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER meta_view_update AFTER UPDATE ON meta
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER meta_view_delete AFTER DELETE ON meta
BEGIN UPDATE view_epoch SET n = n + 1 WHERE id = 1; END;
