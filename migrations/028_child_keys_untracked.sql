-- 028_child_keys_untracked: the blocking keys of children (child_keys, R-REC-1) are the
-- matcher's index, never shown on any page, so writing them need not move a record's
-- view version (008_view_versions). A child has about seventeen keys, and the three
-- triggers added a records lookup to every one of them, at every child created and
-- every row of a bulk import. child_keys is listed with the tables no view shows
-- (tests/unit/test_viewcache.c), as people_keys is.
DROP TRIGGER IF EXISTS child_keys_view_insert;
DROP TRIGGER IF EXISTS child_keys_view_update;
DROP TRIGGER IF EXISTS child_keys_view_delete;
