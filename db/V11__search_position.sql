-- With a shared search index (Elasticsearch/OpenSearch), the servers share where the index stands in the audit log:
-- one row per shared backend, locked by the server applying the next batch, so each change is applied once.
-- Servers with an index of their own (Lucene) keep their position beside the index instead.

CREATE TABLE search_position (
    backend    varchar(32) PRIMARY KEY,
    position   bigint      NOT NULL,
    generation bigint      NOT NULL,
    format     integer     NOT NULL
);
