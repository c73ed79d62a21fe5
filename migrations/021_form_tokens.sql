-- 021_form_tokens: one-time tokens of page forms (docs/decisions.md "One-time form
-- tokens"). Each page form carries a token issued with the page and bound to the user
-- it was shown to. The first POST of the form claims it (state 'working'); when the
-- save succeeds the token keeps where the page went (result_url, state 'done'), so that
-- a second POST of the same form (the back button, a double click) creates nothing and
-- goes to what the first did. A POST that fails (errors to correct) hands the token
-- back ('issued'). `what` names what the form saves, for the success banner, which
-- the page at result_url shows once (banner_due; again after a repeated POST). Tokens
-- are deleted a day after they were issued.
CREATE TABLE form_tokens (
  token      TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id),
  what       TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,              -- Unix seconds
  state      TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'working', 'done')),
  result_url TEXT,                          -- a local path
  done_at    INTEGER,
  banner_due INTEGER NOT NULL DEFAULT 0      -- 1: the page at result_url says it saved
);
CREATE INDEX form_tokens_issued ON form_tokens(issued_at);
CREATE INDEX form_tokens_banner ON form_tokens(user_id, banner_due);
