-- The audit log becomes a table partitioned by month (old months can be archived and, past the retention period,
-- dropped as a whole), every record gains the client's address and its outcome (SUCCESS, or DENIED/FAILED for
-- refused attempts, which are recorded too), and the chain head moves into a one-row table whose row lock
-- serializes chain writers (one lookup instead of a search across partitions).
--
-- Records written before this migration keep chain_version 1 (their hash covers the fields of V6); new records
-- have chain_version 2, whose canonical text also covers client_address and outcome.

DROP TRIGGER audit_event_chain ON audit_event;
DROP TRIGGER audit_event_append_only ON audit_event;
DROP FUNCTION audit_event_chain();
DROP FUNCTION audit_event_canonical(audit_event);
ALTER TABLE audit_event RENAME TO audit_event_legacy;
ALTER INDEX audit_event_pkey RENAME TO audit_event_legacy_pkey;
DROP INDEX audit_event_object;
DROP INDEX audit_event_time;
DROP INDEX audit_event_chain_order;

CREATE TABLE audit_event (
    id              uuid         NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    actor           varchar(128) NOT NULL,
    action          varchar(64)  NOT NULL,
    object_type     varchar(64)  NOT NULL,
    object_id       uuid         NOT NULL,
    organization_id uuid,
    request_id      varchar(64),
    details         jsonb        NOT NULL DEFAULT '{}'::jsonb,
    seq             bigint,
    prev_hash       varchar(64),
    hash            varchar(64),
    client_address  varchar(64),
    outcome         varchar(16)  NOT NULL DEFAULT 'SUCCESS' CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')),
    chain_version   smallint     NOT NULL DEFAULT 2,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX audit_event_chain_order ON audit_event (seq);
CREATE INDEX audit_event_object ON audit_event (object_id, occurred_at);
CREATE INDEX audit_event_org_page ON audit_event (organization_id, id);
CREATE INDEX audit_event_actor ON audit_event (actor, id);

CREATE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END
$$;

-- Creates the monthly partitions from the month of `first` to `months_ahead` months after the current one, each
-- with a trigger refusing TRUNCATE (row triggers do not see it). Safe to call from several servers at once.
CREATE FUNCTION audit_event_ensure_partitions(first timestamptz, months_ahead integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    m timestamp;
    name text;
    created integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(7342002);
    FOR m IN SELECT generate_series(date_trunc('month', first AT TIME ZONE 'UTC'),
                                    date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead),
                                    interval '1 month')
    LOOP
        name := 'audit_event_' || to_char(m, 'YYYY_MM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', name,
                           (m AT TIME ZONE 'UTC'), ((m + interval '1 month') AT TIME ZONE 'UTC'));
            EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I'
                           || ' FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()', name);
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

SELECT audit_event_ensure_partitions(coalesce((SELECT min(occurred_at) FROM audit_event_legacy), now()), 12);

INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id, organization_id, request_id, details,
                         seq, prev_hash, hash, client_address, outcome, chain_version)
SELECT id, occurred_at, actor, action, object_type, object_id, organization_id, request_id, details, seq, prev_hash,
       hash, NULL, 'SUCCESS', 1
FROM audit_event_legacy;
DROP TABLE audit_event_legacy;

CREATE TABLE audit_chain_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq       bigint,
    hash      varchar(64)
);
INSERT INTO audit_chain_head (seq, hash)
SELECT (SELECT seq FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1),
       (SELECT hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1);

-- The text a record's hash covers; verification recomputes it the same way.
CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT e.seq::text || '|' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|'
        || e.actor || '|' || e.action || '|' || e.object_type || '|' || e.object_id::text || '|'
        || coalesce(e.organization_id::text, '') || '|' || coalesce(e.request_id, '') || '|' || e.details::text
        || CASE WHEN e.chain_version >= 2
                THEN '|' || coalesce(e.client_address, '') || '|' || e.outcome ELSE '' END
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous varchar(64);
BEGIN
    -- the head row stays locked until commit: the next writer sees this record as its predecessor
    SELECT hash INTO previous FROM audit_chain_head FOR UPDATE;
    NEW.seq := nextval('audit_event_seq');
    NEW.prev_hash := previous;
    NEW.chain_version := 2;
    NEW.hash := encode(sha256(convert_to(coalesce(previous, '') || '|' || audit_event_canonical(NEW), 'UTF8')), 'hex');
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse();
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse();

-- Signed checkpoints (head seq, head hash, record count) as also written to the data directory and the log.
CREATE TABLE audit_checkpoint (
    seq         bigint PRIMARY KEY,
    hash        varchar(64)  NOT NULL,
    records     bigint       NOT NULL,
    created_at  timestamptz  NOT NULL,
    jws         text         NOT NULL
);
