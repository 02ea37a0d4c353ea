-- Deployments: targets (CI/CD systems called by webhook) and deployments of a version to a target, done
-- asynchronously through the registry.deployments queue. A deployment row is also the outbox entry of its JMS
-- message (docs/adr/0001), like an evaluation run.

CREATE TABLE deployment_target (
    id              uuid PRIMARY KEY,
    organization_id uuid          NOT NULL REFERENCES organization (id),
    name            varchar(63)   NOT NULL,
    environment     varchar(16)   NOT NULL CHECK (environment IN ('development', 'staging', 'production')),
    kind            varchar(16)   NOT NULL CHECK (kind IN ('WEBHOOK')),
    format          varchar(16)   NOT NULL CHECK (format IN ('GENERIC', 'GITHUB', 'GITLAB', 'JENKINS')),
    url             varchar(2048) NOT NULL,
    secret          varchar(256)  NOT NULL,            -- signs every call (HMAC-SHA256); never returned by the API
    token           varchar(1024),                     -- the target system's own credential, if it needs one
    settings        jsonb         NOT NULL DEFAULT '{}'::jsonb,
    enabled         boolean       NOT NULL DEFAULT true,
    row_version     integer       NOT NULL DEFAULT 1,
    created_at      timestamptz   NOT NULL,
    created_by      varchar(128)  NOT NULL,
    updated_at      timestamptz   NOT NULL,
    updated_by      varchar(128)  NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE deployment (
    id            uuid PRIMARY KEY,
    model_id      uuid          NOT NULL REFERENCES model (id),
    version_id    uuid          NOT NULL REFERENCES model_version (id),
    target_id     uuid          NOT NULL REFERENCES deployment_target (id),
    environment   varchar(16)   NOT NULL,
    state         varchar(16)   NOT NULL CHECK (state IN ('REQUESTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED')),
    attempt       integer       NOT NULL DEFAULT 0,     -- deliveries of the job so far
    lease_until   timestamptz,                          -- a worker holds it until then while calling the target
    published_at  timestamptz,
    dispatched_at timestamptz,                          -- the target accepted the call; its report is awaited
    rollback_of   uuid          REFERENCES deployment (id),
    requested_at  timestamptz   NOT NULL,
    requested_by  varchar(128)  NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    reported_by   varchar(128),
    external_url  varchar(2048),
    message       text
);
CREATE INDEX deployment_version ON deployment (version_id, requested_at);
CREATE INDEX deployment_target_history ON deployment (target_id, requested_at);
CREATE INDEX deployment_unpublished ON deployment (requested_at) WHERE state = 'REQUESTED' AND published_at IS NULL;
CREATE INDEX deployment_leases ON deployment (lease_until) WHERE state = 'IN_PROGRESS' AND dispatched_at IS NULL;

-- every call made to a target, kept: which delivery, which try, what came back
CREATE TABLE deployment_call (
    deployment_id uuid          NOT NULL REFERENCES deployment (id),
    call_no       integer       NOT NULL,
    attempt       integer       NOT NULL,
    started_at    timestamptz   NOT NULL,
    duration_ms   integer       NOT NULL,
    outcome       varchar(16)   NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED', 'ERROR', 'TIMEOUT', 'CIRCUIT_OPEN')),
    http_status   integer,
    detail        text,
    PRIMARY KEY (deployment_id, call_no)
);
