-- 027_together_epoch: the candidates for children missing together (R-MISS-10,
-- store_episode_together_candidates) are kept between changes (src/app/together.c), as
-- record views are (008). Unlike a record view, a child's candidates change when
-- another child's episode does (a new episode near in time at the same place), so one
-- counter for the whole database moves, in the changing transaction, whenever anything
-- those candidates read changes: episodes, the places and people on them, and the
-- children's names. Not shown in any view: no view trigger (tests/unit/test_viewcache.c).
CREATE TABLE together_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO together_epoch (id, n) VALUES (1, 0);

CREATE TRIGGER episodes_together_insert AFTER INSERT ON episodes
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episodes_together_update AFTER UPDATE ON episodes
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episodes_together_delete AFTER DELETE ON episodes
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_locations_together_insert AFTER INSERT ON episode_locations
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_locations_together_update AFTER UPDATE ON episode_locations
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_locations_together_delete AFTER DELETE ON episode_locations
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_people_together_insert AFTER INSERT ON episode_people
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_people_together_update AFTER UPDATE ON episode_people
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER episode_people_together_delete AFTER DELETE ON episode_people
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER children_together_insert AFTER INSERT ON children
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER children_together_update AFTER UPDATE ON children
WHEN OLD.id IS NOT NEW.id OR OLD.name_key IS NOT NEW.name_key
  OR OLD.given_names IS NOT NEW.given_names OR OLD.family_name IS NOT NEW.family_name
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER children_together_delete AFTER DELETE ON children
BEGIN UPDATE together_epoch SET n = n + 1 WHERE id = 1; END;
