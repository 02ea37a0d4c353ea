-- Tamper-evident audit log: every audit event written from now on is numbered and hash-chained by the database
-- itself (each row stores the SHA-256 of its predecessor's hash and its own canonical text), under an advisory lock
-- so that concurrent transactions chain in commit order. Rows can never be updated or deleted (a trigger refuses).
-- Rows written before this migration stay unchained (seq is NULL); verification reports them apart.

CREATE SEQUENCE audit_event_seq;
ALTER TABLE audit_event ADD COLUMN seq bigint;
ALTER TABLE audit_event ADD COLUMN prev_hash varchar(64);
ALTER TABLE audit_event ADD COLUMN hash varchar(64);
CREATE UNIQUE INDEX audit_event_chain_order ON audit_event (seq);

-- The text a row's hash covers; verification recomputes it the same way.
CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT e.seq::text || '|' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|'
        || e.actor || '|' || e.action || '|' || e.object_type || '|' || e.object_id::text || '|'
        || coalesce(e.organization_id::text, '') || '|' || coalesce(e.request_id, '') || '|' || e.details::text
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    previous varchar(64);
BEGIN
    -- one chain writer at a time, until commit: the next one sees this row as its predecessor
    PERFORM pg_advisory_xact_lock(7342001);
    SELECT hash INTO previous FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
    NEW.seq := nextval('audit_event_seq');
    NEW.prev_hash := previous;
    NEW.hash := encode(sha256(convert_to(coalesce(previous, '') || '|' || audit_event_canonical(NEW), 'UTF8')), 'hex');
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
