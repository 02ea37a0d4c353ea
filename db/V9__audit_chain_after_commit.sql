-- Chaining moves off the commit path. A request's transaction now only inserts its audit record (seq, prev_hash
-- and hash NULL: "pending"); a chainer in the server (and every verification, checkpoint and evidence export) links
-- the committed pending records into the chain moments later, one chainer at a time under the head row's lock.
-- Registrations no longer queue behind each other for the chain head until their commit.
--
-- Records stay append-only: their content can never change, and the chain columns can be set once, from NULL, by
-- the chainer. Rows written before V6 (chain_version 1, seq NULL) stay unchained as before.

DROP TRIGGER audit_event_chain ON audit_event;
DROP FUNCTION audit_event_chain();
DROP TRIGGER audit_event_append_only ON audit_event;

CREATE INDEX audit_event_pending ON audit_event (occurred_at, id) WHERE seq IS NULL AND chain_version = 2;

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.chain_version = 2 AND NEW.seq IS NOT NULL
       AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.object_type, NEW.object_id, NEW.organization_id,
            NEW.request_id, NEW.details, NEW.client_address, NEW.outcome, NEW.chain_version)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.occurred_at, OLD.actor, OLD.action, OLD.object_type, OLD.object_id, OLD.organization_id,
            OLD.request_id, OLD.details, OLD.client_address, OLD.outcome, OLD.chain_version) THEN
        RETURN NEW; -- the chainer linking a pending record, once
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();

-- Links up to max_records committed pending records into the chain, oldest first; returns how many it linked.
CREATE FUNCTION audit_chain_pending(max_records integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    previous varchar(64);
    r audit_event;
    linked integer := 0;
    next_seq bigint;
    next_hash varchar(64);
BEGIN
    -- one chainer at a time, until commit
    SELECT hash INTO previous FROM audit_chain_head FOR UPDATE;
    FOR r IN SELECT * FROM audit_event WHERE seq IS NULL AND chain_version = 2
             ORDER BY occurred_at, id LIMIT max_records
    LOOP
        next_seq := nextval('audit_event_seq');
        r.seq := next_seq;
        next_hash := encode(sha256(convert_to(coalesce(previous, '') || '|' || audit_event_canonical(r), 'UTF8')),
                            'hex');
        UPDATE audit_event SET seq = next_seq, prev_hash = previous, hash = next_hash
        WHERE id = r.id AND occurred_at = r.occurred_at;
        previous := next_hash;
        linked := linked + 1;
    END LOOP;
    IF linked > 0 THEN
        UPDATE audit_chain_head SET seq = next_seq, hash = previous;
    END IF;
    RETURN linked;
END
$$;
