-- Retention of the audit log: a month can be archived (exported, signed, to the data directory) at any time after it
-- has ended, and its partition dropped only when it is archived and older than the retention period
-- (registry.audit.retention, default 10 years). Nothing is ever dropped silently: each drop is an audit record.
--
-- Dropping a month leaves holes in the chain. So that the rest stays verifiable, the drop keeps, for every remaining
-- record whose predecessor was in the month, the predecessor's hash (audit_bridge), and for every checkpoint taken
-- before, how many of the checkpoint's records the month held (audit_archive_count).

CREATE TABLE audit_archive (
    month       date PRIMARY KEY,
    file        text         NOT NULL,
    sha256      varchar(64)  NOT NULL,
    records     bigint       NOT NULL,
    first_seq   bigint,
    last_seq    bigint,
    manifest    text         NOT NULL,
    archived_at timestamptz  NOT NULL,
    archived_by varchar(128) NOT NULL,
    dropped_at  timestamptz,
    dropped_by  varchar(128)
);

CREATE TABLE audit_bridge (
    seq        bigint PRIMARY KEY,
    prev_hash  varchar(64) NOT NULL,
    month      date        NOT NULL REFERENCES audit_archive (month)
);

CREATE TABLE audit_archive_count (
    checkpoint_seq bigint NOT NULL,
    month          date   NOT NULL REFERENCES audit_archive (month),
    records        bigint NOT NULL,
    PRIMARY KEY (checkpoint_seq, month)
);
