-- Notifications: domain events read from the committed, chained audit log (in seq order), delivered to webhook
-- subscriptions (signed, retried, every attempt logged), e-mailed to owners and reviewers, and published to the
-- registry.events JMS topic. Each reader keeps its own position in the log.

CREATE TABLE event_position (
    reader   varchar(32) PRIMARY KEY,
    last_seq bigint      NOT NULL
);
-- notifications start with what happens from now on, not with the history
INSERT INTO event_position (reader, last_seq)
SELECT r, coalesce((SELECT max(seq) FROM audit_event), 0) FROM (VALUES ('notifications'), ('topic')) AS t (r);

CREATE TABLE webhook_subscription (
    id              uuid PRIMARY KEY,
    organization_id uuid          NOT NULL REFERENCES organization (id),
    name            varchar(63)   NOT NULL,
    url             varchar(2048) NOT NULL,
    secret          varchar(256)  NOT NULL,
    events          text          NOT NULL,            -- comma list of event types, or *
    model_groups    text          NOT NULL DEFAULT '', -- comma list, empty = every group
    enabled         boolean       NOT NULL DEFAULT true,
    row_version     integer       NOT NULL DEFAULT 1,
    created_at      timestamptz   NOT NULL,
    created_by      varchar(128)  NOT NULL,
    updated_at      timestamptz   NOT NULL,
    updated_by      varchar(128)  NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE webhook_delivery (
    id              uuid PRIMARY KEY,
    subscription_id uuid          NOT NULL REFERENCES webhook_subscription (id),
    event_seq       bigint        NOT NULL,
    event_type      varchar(64)   NOT NULL,
    payload         jsonb         NOT NULL,
    state           varchar(16)   NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    created_at      timestamptz   NOT NULL,
    finished_at     timestamptz,
    UNIQUE (subscription_id, event_seq)                -- one delivery per event and subscription, whatever happens
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at);

CREATE TABLE webhook_delivery_attempt (
    delivery_id uuid        NOT NULL REFERENCES webhook_delivery (id),
    attempt     integer     NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms integer     NOT NULL,
    http_status integer,
    error       text,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE TABLE mail_message (
    id              uuid PRIMARY KEY,
    event_seq       bigint        NOT NULL,
    recipient       varchar(320)  NOT NULL,
    subject         varchar(998)  NOT NULL,
    body            text          NOT NULL,
    state           varchar(16)   NOT NULL CHECK (state IN ('PENDING', 'SENT', 'DEAD')),
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      text,
    created_at      timestamptz   NOT NULL,
    sent_at         timestamptz,
    UNIQUE (event_seq, recipient)
);
CREATE INDEX mail_message_due ON mail_message (next_attempt_at) WHERE state = 'PENDING';

-- the jobs' gauges (/metrics) count the open jobs often: keep those counts off the finished history
CREATE INDEX evaluation_run_open ON evaluation_run (state) WHERE state IN ('QUEUED', 'RUNNING');
CREATE INDEX deployment_open ON deployment (state) WHERE state IN ('REQUESTED', 'IN_PROGRESS');
CREATE INDEX webhook_delivery_dead ON webhook_delivery (state) WHERE state = 'DEAD';
CREATE INDEX mail_message_dead ON mail_message (state) WHERE state = 'DEAD';
