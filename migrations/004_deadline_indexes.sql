-- 004_deadline_indexes: indexes for the deadline engine's queue queries (R-DL-1, R-DL-2,
-- R-DL-9). A team's queue starts from the children its agency is involved with
-- (child_agencies) or that its user is allocated to as social worker; the second needs
-- an index. Measured in bench/deadlines.
CREATE INDEX children_social_worker ON children(social_worker_id);
