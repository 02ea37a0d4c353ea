-- Secrets at rest (docs/security.md): target tokens and signing secrets and webhook signing secrets are stored
-- encrypted (AES-256-GCM, "sb1:<key id>:<base64url>", a key outside the database), which is longer than the
-- plain values were. Rows written before this version hold plain values (secrets_sealed false) until the registry
-- encrypts them at its next start (SecretsAtRest).

ALTER TABLE deployment_target
    ALTER COLUMN secret TYPE text,
    ALTER COLUMN token TYPE text,
    ADD COLUMN secrets_sealed boolean NOT NULL DEFAULT false;

ALTER TABLE webhook_subscription
    ALTER COLUMN secret TYPE text,
    ADD COLUMN secrets_sealed boolean NOT NULL DEFAULT false;
