-- Policy engine: rules written in CEL that gate lifecycle transitions. A policy is versioned: every change writes an
-- immutable revision, and every evaluation names the revision it ran, so an auditor can re-read the exact rule that
-- allowed (or blocked) a transition years later.

CREATE TABLE policy (
    id              uuid PRIMARY KEY,
    organization_id uuid REFERENCES organization (id),   -- null: applies to every organization
    name            varchar(63)   NOT NULL,
    description     text,
    risk_tiers      varchar(64)   NOT NULL DEFAULT '',   -- comma list, empty = every tier
    model_groups    text          NOT NULL DEFAULT '',   -- comma list, empty = every group
    transitions     varchar(128)  NOT NULL,              -- comma list of target states the policy gates
    severity        varchar(16)   NOT NULL CHECK (severity IN ('BLOCKING', 'ADVISORY')),
    expression      text          NOT NULL,
    message         text          NOT NULL,
    enabled         boolean       NOT NULL DEFAULT true,
    policy_version  integer       NOT NULL,
    created_at      timestamptz   NOT NULL,
    created_by      varchar(128)  NOT NULL,
    updated_at      timestamptz   NOT NULL,
    updated_by      varchar(128)  NOT NULL,
    row_version     bigint        NOT NULL DEFAULT 0
);
-- one name per scope (global names are unique among global policies, organization names within it)
CREATE UNIQUE INDEX policy_name_unique ON policy (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'), name);

CREATE TABLE policy_revision (
    policy_id       uuid          NOT NULL REFERENCES policy (id),
    policy_version  integer       NOT NULL,
    risk_tiers      varchar(64)   NOT NULL,
    model_groups    text          NOT NULL,
    transitions     varchar(128)  NOT NULL,
    severity        varchar(16)   NOT NULL,
    expression      text          NOT NULL,
    message         text          NOT NULL,
    enabled         boolean       NOT NULL,
    changed_at      timestamptz   NOT NULL,
    changed_by      varchar(128)  NOT NULL,
    PRIMARY KEY (policy_id, policy_version)
);

-- One row per policy per evaluated transition (or dry run is not stored). attempt_id groups the rows of one attempt.
CREATE TABLE policy_evaluation (
    id              uuid PRIMARY KEY,
    attempt_id      uuid          NOT NULL,
    policy_id       uuid          NOT NULL,
    policy_name     varchar(63)   NOT NULL,
    policy_version  integer       NOT NULL,
    severity        varchar(16)   NOT NULL,
    model_id        uuid          NOT NULL,
    version_id      uuid          NOT NULL,
    from_state      varchar(20)   NOT NULL,
    to_state        varchar(20)   NOT NULL,
    environment     varchar(63),
    input_digest    varchar(64)   NOT NULL,
    result          varchar(8)    NOT NULL CHECK (result IN ('PASS', 'FAIL', 'ERROR')),
    message         text,
    allowed         boolean       NOT NULL,               -- did the attempt as a whole go through
    evaluated_at    timestamptz   NOT NULL,
    evaluated_by    varchar(128)  NOT NULL,
    request_id      varchar(64)
);
CREATE INDEX policy_evaluation_version ON policy_evaluation (version_id, evaluated_at, id);

-- Shipped defaults (global, editable through /api/v1/policies).
INSERT INTO policy (id, name, description, risk_tiers, model_groups, transitions, severity, expression, message,
                    policy_version, created_at, created_by, updated_at, updated_by)
VALUES
('00000000-0000-7000-8000-0000000000a1', 'licence-allow-list',
 'Every artifact declares an SPDX licence from the organisation''s allow-list.', '', '', 'IN_REVIEW,APPROVED',
 'BLOCKING',
 'artifacts.all(a, has(a.license) && a.license in [''Apache-2.0'', ''MIT'', ''BSD-2-Clause'', ''BSD-3-Clause'', ''MPL-2.0'', ''CC0-1.0'', ''CC-BY-4.0'', ''LicenseRef-Proprietary''])',
 'Every artifact needs a licence on the allow-list (Apache-2.0, MIT, BSD-2-Clause, BSD-3-Clause, MPL-2.0, CC0-1.0, CC-BY-4.0, LicenseRef-Proprietary)',
 1, now(), 'system', now(), 'system'),
('00000000-0000-7000-8000-0000000000a2', 'model-card-for-high-risk',
 'HIGH and CRITICAL models document themselves with a MODEL_CARD artifact before approval and deployment.',
 'HIGH,CRITICAL', '', 'APPROVED,DEPLOYED', 'BLOCKING',
 'artifacts.exists(a, a.type == ''MODEL_CARD'')',
 'HIGH and CRITICAL risk models need a MODEL_CARD artifact', 1, now(), 'system', now(), 'system'),
('00000000-0000-7000-8000-0000000000a3', 'evaluation-before-approval',
 'HIGH and CRITICAL models have a passing evaluation when they are approved (advisory until evaluations run in the registry).',
 'HIGH,CRITICAL', '', 'APPROVED', 'ADVISORY',
 'evaluations.exists(e, e.status == ''PASSED'')',
 'HIGH and CRITICAL risk models should have a passing evaluation', 1, now(), 'system', now(), 'system'),
('00000000-0000-7000-8000-0000000000a4', 'evaluation-before-deployment',
 'HIGH and CRITICAL models are deployed only with a passing evaluation.',
 'HIGH,CRITICAL', '', 'DEPLOYED', 'BLOCKING',
 'evaluations.exists(e, e.status == ''PASSED'')',
 'HIGH and CRITICAL risk models need a passing evaluation before deployment', 1, now(), 'system', now(), 'system'),
('00000000-0000-7000-8000-0000000000a5', 'weights-have-digest',
 'MODEL_WEIGHTS artifacts carry a sha256, so that what is deployed is what was reviewed.', '', '', 'IN_REVIEW,APPROVED',
 'BLOCKING',
 'artifacts.all(a, a.type != ''MODEL_WEIGHTS'' || has(a.sha256))',
 'MODEL_WEIGHTS artifacts need a sha256', 1, now(), 'system', now(), 'system'),
('00000000-0000-7000-8000-0000000000a6', 'production-change-window',
 'No deployment to production outside the change window (registry.policy.change-window).', '', '', 'DEPLOYED',
 'BLOCKING',
 '!has(request.environment) || request.environment != ''production'' || request.inChangeWindow',
 'Deployments to production happen inside the change window only', 1, now(), 'system', now(), 'system');

INSERT INTO policy_revision (policy_id, policy_version, risk_tiers, model_groups, transitions, severity, expression,
                             message, enabled, changed_at, changed_by)
SELECT id, policy_version, risk_tiers, model_groups, transitions, severity, expression, message, enabled, created_at,
       created_by
FROM policy;
