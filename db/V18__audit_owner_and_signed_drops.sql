-- The application may now log in as a role of its own that on the audit log can only read and append (granted by
-- the application after migrating, see DatabaseRoles; docs/operations.md). Two functions still have to change
-- audit tables on its behalf, and each does only its one job with the schema owner's rights: linking committed
-- records into the chain (the append-only trigger still lets it set the chain columns once, from NULL) and creating
-- the monthly partitions of the coming year. Their search_path is fixed so that no caller can slip in objects of
-- its own.
ALTER FUNCTION audit_chain_pending(integer) SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION audit_event_ensure_partitions(timestamptz, integer) SECURITY DEFINER SET search_path = public, pg_temp;

-- Every fact verification takes from these tables is now covered by a signature made with a key the database does
-- not hold (<data dir>/keys): the archive's manifest (month, file digest, records, first and last seq) as before,
-- and, for a dropped month, a statement signed at the drop listing the bridges (seq, predecessor's hash) and the
-- per-checkpoint record counts kept for it. A row that no valid signature covers makes verification fail.
ALTER TABLE audit_archive ADD COLUMN drop_statement text;
