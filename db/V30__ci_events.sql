-- CI/CD systems that report back (docs/deployments-ci-events.md): each deployment target may hold a secret its CI
-- system signs (GitHub) or sends (GitLab, Jenkins) its events with, sealed like the target's other secrets
-- (SecretKeys, bound to this table, column and row) and never returned by the API. Every event that was applied is
-- kept by its delivery id, so that a delivery seen before (a redelivery, or a replay by whoever captured it) changes
-- nothing: the unique key is what decides, also when two copies arrive at once.

ALTER TABLE deployment_target
    ADD COLUMN event_secret text;

CREATE TABLE ci_event_delivery (
    target_id     uuid         NOT NULL REFERENCES deployment_target (id),
    system        varchar(16)  NOT NULL CHECK (system IN ('GITHUB', 'GITLAB', 'JENKINS')),
    delivery_id   varchar(200) NOT NULL,
    deployment_id uuid         NOT NULL REFERENCES deployment (id),
    event         varchar(64)  NOT NULL,
    state         varchar(16)  NOT NULL,
    received_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (target_id, system, delivery_id)
);

CREATE INDEX ci_event_delivery_deployment ON ci_event_delivery (deployment_id);
