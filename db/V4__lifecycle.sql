-- Lifecycle: who submitted a version for review and which review round it is in; the approvals of each round.

ALTER TABLE model_version ADD COLUMN review_round integer NOT NULL DEFAULT 0;
ALTER TABLE model_version ADD COLUMN submitted_by varchar(128);
ALTER TABLE model_version ADD CONSTRAINT model_version_state_known CHECK (state IN ('DRAFT', 'IN_REVIEW',
    'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'DEPLOYED', 'DEPRECATED', 'RETIRED'));

CREATE TABLE approval (
    id           uuid PRIMARY KEY,
    version_id   uuid          NOT NULL REFERENCES model_version (id),
    model_id     uuid          NOT NULL REFERENCES model (id),
    review_round integer       NOT NULL,
    reviewer     varchar(128)  NOT NULL,
    decision     varchar(20)   NOT NULL CHECK (decision IN ('APPROVE', 'REQUEST_CHANGES', 'REJECT')),
    comment      text,
    decided_at   timestamptz   NOT NULL,
    expires_at   timestamptz,
    -- one decision per reviewer and round (four-eyes counts distinct people)
    CONSTRAINT approval_once_per_round UNIQUE (version_id, review_round, reviewer)
);
CREATE INDEX approval_version ON approval (version_id, review_round);
