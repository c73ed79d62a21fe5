-- 024_mase_plans: a tactical option marked at a MASE meeting keeps the meeting's id
-- (R-MASE-7: the chair records the plan the meeting agreed; NULL when marked outside a
-- meeting), and children are found by the borough they live in (R-CAT-7: a borough's
-- linked cases start from its own children).
ALTER TABLE tactic_marks ADD COLUMN meeting_id TEXT REFERENCES mase_meetings(id);
CREATE INDEX children_residence_borough ON children(residence_borough_id);
