-- Who holds a job's lease: <server id>/<boot id>. A server that starts again after a crash hands back at once the
-- jobs its previous life held, instead of waiting for their leases to run out.
ALTER TABLE evaluation_run ADD COLUMN lease_owner varchar(255);
ALTER TABLE deployment ADD COLUMN lease_owner varchar(255);
