-- Catalog schema: organizations (tenants), models, versions, artifacts, plus the idempotency keys of creates and
-- the audit events that every state change writes. Owned by Flyway; EclipseLink never generates DDL.

CREATE TABLE organization (
    id           uuid PRIMARY KEY,
    slug         varchar(63)  NOT NULL UNIQUE,
    display_name varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

INSERT INTO organization (id, slug, display_name)
VALUES ('00000000-0000-7000-8000-000000000001', 'default', 'Default organization');

CREATE TABLE model (
    id              uuid PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organization (id),
    model_group     varchar(63)  NOT NULL,
    name            varchar(63)  NOT NULL,
    description     text,
    risk_tier       varchar(16)  NOT NULL CHECK (risk_tier IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    created_at      timestamptz  NOT NULL,
    created_by      varchar(128) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    updated_by      varchar(128) NOT NULL,
    row_version     bigint       NOT NULL,
    CONSTRAINT model_name_unique UNIQUE (organization_id, model_group, name)
);
-- Keyset pages walk (organization_id, id): ids are UUIDv7, so this is creation order.
CREATE INDEX model_org_page ON model (organization_id, id);
CREATE INDEX model_org_risk_page ON model (organization_id, risk_tier, id);

CREATE TABLE model_owner (
    model_id uuid         NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    ordinal  integer      NOT NULL,
    owner    varchar(128) NOT NULL,
    PRIMARY KEY (model_id, ordinal)
);
CREATE INDEX model_owner_lookup ON model_owner (owner, model_id);

CREATE TABLE model_tag (
    model_id uuid        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    ordinal  integer     NOT NULL,
    tag      varchar(63) NOT NULL,
    PRIMARY KEY (model_id, ordinal)
);
CREATE INDEX model_tag_lookup ON model_tag (tag, model_id);

CREATE TABLE model_version (
    id          uuid PRIMARY KEY,
    model_id    uuid                      NOT NULL REFERENCES model (id),
    version     varchar(128)              NOT NULL,
    -- byte-wise sortable semver precedence (see SemanticVersion.sortKey): needs the "C" collation
    version_key varchar(400) COLLATE "C"  NOT NULL,
    state       varchar(32)               NOT NULL,
    commit_sha  varchar(40) CHECK (commit_sha ~ '^[0-9a-f]{40}$'),
    metadata    jsonb                     NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    description text,
    source_uri  varchar(2048),
    created_at  timestamptz               NOT NULL,
    created_by  varchar(128)              NOT NULL,
    updated_at  timestamptz               NOT NULL,
    updated_by  varchar(128)              NOT NULL,
    row_version bigint                    NOT NULL,
    CONSTRAINT model_version_unique UNIQUE (model_id, version)
);
CREATE INDEX model_version_page ON model_version (model_id, id);
CREATE INDEX model_version_precedence ON model_version (model_id, version_key, id);
CREATE INDEX model_version_state ON model_version (model_id, state, id);

CREATE TABLE artifact (
    id            uuid PRIMARY KEY,
    model_id      uuid          NOT NULL REFERENCES model (id),
    version_id    uuid          NOT NULL REFERENCES model_version (id),
    artifact_type varchar(32)   NOT NULL,
    name          varchar(255)  NOT NULL,
    uri           varchar(2048),
    sha256        varchar(64) CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes    bigint CHECK (size_bytes >= 0),
    license       varchar(512),
    media_type    varchar(255),
    stored        boolean       NOT NULL DEFAULT false,
    created_at    timestamptz   NOT NULL,
    created_by    varchar(128)  NOT NULL,
    updated_at    timestamptz   NOT NULL,
    updated_by    varchar(128)  NOT NULL,
    row_version   bigint        NOT NULL,
    CONSTRAINT artifact_name_unique UNIQUE (version_id, name),
    CONSTRAINT artifact_stored_has_digest CHECK (NOT stored OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL))
);
CREATE INDEX artifact_page ON artifact (version_id, id);
-- "Which versions ship this file?": only artifacts with a digest are indexed.
CREATE INDEX artifact_digest ON artifact (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE idempotency_key (
    principal   varchar(128)  NOT NULL,
    idem_key    varchar(255)  NOT NULL,
    fingerprint varchar(64)   NOT NULL,
    status      integer,
    location    varchar(2048),
    body        text,
    revision    bigint,
    created_at  timestamptz   NOT NULL,
    PRIMARY KEY (principal, idem_key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (created_at);

CREATE TABLE audit_event (
    id              uuid PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL,
    actor           varchar(128) NOT NULL,
    action          varchar(64)  NOT NULL,
    object_type     varchar(64)  NOT NULL,
    object_id       uuid         NOT NULL,
    organization_id uuid,
    request_id      varchar(64),
    details         jsonb        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_event_object ON audit_event (object_type, object_id, occurred_at);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
