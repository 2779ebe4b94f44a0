-- The record of each erased person: what was done, without the person. user_key is a keyed hash
-- (HMAC-SHA256 under a key derived from PARLEY_ENCRYPTION_KEY) of the user id, so a repeated
-- request for the same person is recognised without storing who they were. pseudonym is what
-- their user id became in the rows kept for others (orders, conversations, the consent log).
CREATE TABLE user_erasures (
  erasure_id uuid PRIMARY KEY,
  user_key varchar(64) NOT NULL UNIQUE,
  pseudonym varchar(100) NOT NULL,
  -- who asked: 'self' (the person), or 'operator' with the operator's id
  requested_by_role varchar(20) NOT NULL,
  requested_by varchar(255),
  requested_at timestamptz NOT NULL DEFAULT now(),
  last_run_at timestamptz NOT NULL DEFAULT now(),
  runs integer NOT NULL DEFAULT 1,
  -- rows changed per table, summed over runs: {"messages": 3, ...}
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- attachment files still to remove from disk (storage keys, not names); emptied once removed
  pending_files text[] NOT NULL DEFAULT '{}'
);
