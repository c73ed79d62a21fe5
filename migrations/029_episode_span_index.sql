-- 029_episode_span_index: the episodes near in time to one of a child's (children
-- missing together, R-MISS-10, store_episode_together_candidates) are found by report
-- time and then kept only when their return is late enough and their child another.
-- With the return and the child in the index beside the report time, that test reads
-- the index alone instead of every episode row in the window (bench/web: a record
-- page's first view).
DROP INDEX episodes_reported;
CREATE INDEX episodes_reported ON episodes(reported_at, returned_at, child_id, id);
