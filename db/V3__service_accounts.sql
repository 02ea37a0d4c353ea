-- Service accounts: non-human principals (CI pipelines) holding API keys. A key is shown once at creation and
-- stored as its SHA-256 (keys are 256-bit random secrets, so a slow hash adds nothing); the prefix finds it.

CREATE TABLE service_account (
    id              uuid PRIMARY KEY,
    name            varchar(63)  NOT NULL UNIQUE,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    role            varchar(16)  NOT NULL CHECK (role IN ('VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'DEPLOYER', 'AUDITOR', 'ADMIN')),
    key_prefix      varchar(16)  NOT NULL UNIQUE,
    key_hash        varchar(64)  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    revoked_at      timestamptz,
    last_used_at    timestamptz,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(128) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    updated_by      varchar(128) NOT NULL,
    row_version     bigint       NOT NULL
);
CREATE INDEX service_account_organization ON service_account (organization_id);
