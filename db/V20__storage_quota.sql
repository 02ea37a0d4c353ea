-- Per-organization storage quota for artifact content. NULL: the installation's default
-- (registry.storage.quota-bytes); 0: unlimited. Usage is counted from the sizes of stored artifacts.
ALTER TABLE organization ADD COLUMN storage_quota_bytes bigint CHECK (storage_quota_bytes >= 0);
-- The usage sum walks the stored artifacts of an organization's models.
CREATE INDEX artifact_stored_model ON artifact (model_id) WHERE stored;
