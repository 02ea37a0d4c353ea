-- Wake on commit: the writers' transactions signal the kinds of work they leave behind with NOTIFY, which PostgreSQL
-- delivers at commit (never for a rollback) to every server's listener (CommitSignals), so the relays and followers
-- run at once instead of polling the tables many times a second. Identical notifications of one transaction are
-- delivered once, so a transaction that queues a thousand jobs wakes each server once. The servers still poll
-- slowly (registry.wake.safety-poll-ms) in case a notification is lost, e.g. while a listener reconnects.

CREATE FUNCTION registry_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;

-- a job waits to be published: queued by a request, or put back to wait by the reaper (expired lease), a restarted
-- server or a retry. A job whose message could not be sent (the broker is away) goes back to unpublished without
-- changing state: that does not wake anyone, or the relays would spin while the broker is down.
CREATE TRIGGER evaluation_run_queued AFTER INSERT ON evaluation_run
    FOR EACH ROW WHEN (NEW.state = 'QUEUED' AND NEW.published_at IS NULL)
    EXECUTE FUNCTION registry_wake('registry_jobs');
CREATE TRIGGER evaluation_run_requeued AFTER UPDATE OF state ON evaluation_run
    FOR EACH ROW WHEN (NEW.state = 'QUEUED' AND OLD.state <> 'QUEUED' AND NEW.published_at IS NULL)
    EXECUTE FUNCTION registry_wake('registry_jobs');
CREATE TRIGGER deployment_requested AFTER INSERT ON deployment
    FOR EACH ROW WHEN (NEW.state = 'REQUESTED' AND NEW.published_at IS NULL)
    EXECUTE FUNCTION registry_wake('registry_jobs');
CREATE TRIGGER deployment_rerequested AFTER UPDATE OF state ON deployment
    FOR EACH ROW WHEN (NEW.state = 'REQUESTED' AND OLD.state <> 'REQUESTED' AND NEW.published_at IS NULL)
    EXECUTE FUNCTION registry_wake('registry_jobs');

-- a change was recorded: the chainer (one server of the cluster) links it
CREATE TRIGGER audit_event_wake AFTER INSERT ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION registry_wake('registry_audit');

-- records were linked (the head moves only then): search indexes and notifications follow them
CREATE TRIGGER audit_chain_head_wake AFTER UPDATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION registry_wake('registry_chained');
