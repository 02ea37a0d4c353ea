-- Evaluations: suites of checks with thresholds, and runs of a suite against a version, done asynchronously.
-- A run row is also the outbox entry of its JMS message (docs/adr/0001): written QUEUED in the request's
-- transaction, published by a relay after commit, claimed by a worker with a lease, finished exactly once.

CREATE TABLE evaluation_suite (
    id            uuid PRIMARY KEY,
    name          varchar(63)  NOT NULL UNIQUE,
    description   text,
    risk_tiers    varchar(64)  NOT NULL DEFAULT '',
    model_groups  text         NOT NULL DEFAULT '',
    checks        jsonb        NOT NULL CHECK (jsonb_typeof(checks) = 'array'),
    suite_version integer      NOT NULL,
    created_at    timestamptz  NOT NULL,
    created_by    varchar(128) NOT NULL,
    updated_at    timestamptz  NOT NULL,
    updated_by    varchar(128) NOT NULL
);

CREATE TABLE evaluation_run (
    id            uuid PRIMARY KEY,
    model_id      uuid         NOT NULL REFERENCES model (id),
    version_id    uuid         NOT NULL REFERENCES model_version (id),
    suite_id      uuid         NOT NULL REFERENCES evaluation_suite (id),
    suite_version integer      NOT NULL,
    checks        jsonb        NOT NULL,           -- the suite's checks as they were when the run was asked for
    metrics       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    dataset       varchar(2048),
    state         varchar(16)  NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'PASSED', 'FAILED', 'ERROR')),
    attempt       integer      NOT NULL DEFAULT 0,
    lease_until   timestamptz,
    published_at  timestamptz,
    requested_at  timestamptz  NOT NULL,
    requested_by  varchar(128) NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    message       text
);
CREATE INDEX evaluation_run_version ON evaluation_run (version_id, requested_at);
CREATE INDEX evaluation_run_unpublished ON evaluation_run (requested_at) WHERE state = 'QUEUED' AND published_at IS NULL;
CREATE INDEX evaluation_run_leases ON evaluation_run (lease_until) WHERE state = 'RUNNING';

-- one result per check per run: a rerun after a crash overwrites nothing and duplicates nothing
CREATE TABLE evaluation_check_result (
    run_id      uuid         NOT NULL REFERENCES evaluation_run (id),
    check_name  varchar(63)  NOT NULL,
    kind        varchar(32)  NOT NULL,
    status      varchar(16)  NOT NULL CHECK (status IN ('PASSED', 'FAILED', 'ERROR')),
    measured    jsonb        NOT NULL DEFAULT '{}'::jsonb,
    message     text,
    finished_at timestamptz  NOT NULL,
    PRIMARY KEY (run_id, check_name)
);
