-- Reviewed content stays reviewed: what a submission put up for review (risk tier, owners, submitter, the digest of
-- the version's content, the policies in force) is kept per review round, approvals record the digest they approved,
-- and a version that was once APPROVED keeps its content frozen for good (a change means a new version).

ALTER TABLE model_version ADD COLUMN content_frozen boolean NOT NULL DEFAULT false;
-- the content digest the version was approved with (null before its first approval, and for versions approved before
-- this migration until the registry first checks them, see ReviewedContent)
ALTER TABLE model_version ADD COLUMN approved_digest varchar(64);

-- versions approved before this migration: every state past APPROVED, or a recorded move to APPROVED
UPDATE model_version v SET content_frozen = true
WHERE v.state IN ('APPROVED', 'DEPLOYED', 'DEPRECATED', 'RETIRED')
   OR EXISTS (SELECT 1 FROM audit_event e
              WHERE e.object_id = v.id AND e.action IN ('version.decision', 'version.transition')
                AND (e.details ->> 'state' = 'APPROVED' OR e.details ->> 'to' = 'APPROVED'));

CREATE TABLE review_snapshot (
    id             uuid PRIMARY KEY,
    version_id     uuid         NOT NULL REFERENCES model_version (id),
    model_id       uuid         NOT NULL REFERENCES model (id),
    review_round   integer      NOT NULL,
    risk_tier      varchar(16)  NOT NULL,
    owners         jsonb        NOT NULL,
    submitted_by   varchar(128) NOT NULL,
    content_digest varchar(64)  NOT NULL,
    -- [{"id", "name", "version"}] of the enabled policies that gate the approval of this version
    policies       jsonb        NOT NULL,
    taken_at       timestamptz  NOT NULL,
    CONSTRAINT review_snapshot_once_per_round UNIQUE (version_id, review_round)
);

ALTER TABLE approval ADD COLUMN content_digest varchar(64);
