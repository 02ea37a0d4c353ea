-- PostgreSQL's own full-text search over the fields the benchmark's ILIKE baseline scans (model name and
-- description, the version, its metadata, the model's tags), as a fair second baseline for the search engine
-- (docs/performance.md, "Search"). It lives in a table of its own that only the benchmark fills (TRUNCATE, then one
-- INSERT ... SELECT before its search phase) and reads: nothing in the registry writes or reads it, so registration
-- pays nothing for it. A generated tsvector column or an expression index on model_version would cost every insert
-- of every registry (to_tsvector over the metadata, a GIN entry per word) for a figure only the benchmark takes,
-- and could not see the model's columns and tags anyway (an index expression reads one row of one table).
CREATE TABLE search_baseline (
    version_id uuid     PRIMARY KEY,
    model_id   uuid     NOT NULL,
    document   tsvector NOT NULL
);

CREATE INDEX search_baseline_document ON search_baseline USING gin (document);
