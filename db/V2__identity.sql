-- Identity: users of the registry, their roles per organization, and the registry-wide administrators.
-- Passwords are stored only as PBKDF2 hashes (PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>, the format of
-- Jakarta Security's Pbkdf2PasswordHash).

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    username      varchar(64)  NOT NULL,
    display_name  varchar(200),
    email         varchar(320),
    password_hash varchar(512),
    active        boolean      NOT NULL DEFAULT true,
    registry_admin boolean     NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL,
    created_by    varchar(128) NOT NULL,
    updated_at    timestamptz  NOT NULL,
    updated_by    varchar(128) NOT NULL,
    row_version   bigint       NOT NULL
);
-- user names are unique regardless of case
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));

CREATE TABLE membership (
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organization_id uuid        NOT NULL REFERENCES organization (id),
    role            varchar(16) NOT NULL CHECK (role IN ('VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'DEPLOYER', 'AUDITOR', 'ADMIN')),
    PRIMARY KEY (user_id, organization_id, role)
);
CREATE INDEX membership_organization ON membership (organization_id, role);
