-- The search index takes each message's words as it is written. With GIN's default
-- "fastupdate", new entries collect in a pending list that the insert filling it (4 MB,
-- some 30,000 messages) merges into the index while the sender waits: a pause of a few
-- hundred milliseconds for every message in flight, unless autovacuum merges it first.
ALTER INDEX messages_search_tokens SET (fastupdate = off);
