-- 007_episode_time_index: children missing together are looked for among episodes
-- reported near in time (store_episode_together_rows), by report time.
CREATE INDEX episodes_reported ON episodes(reported_at);
