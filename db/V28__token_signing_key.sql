-- The registry's signing key (access tokens, evidence bundles, audit checkpoints), shared by every server of a
-- cluster: a token one server issues is accepted by the others. Kept sealed with the secrets key
-- (registry.secrets.key, AES-GCM bound to this table, column and row), which every server of a cluster must then
-- share; the database never holds the key in clear. Until now each server kept its key in <data dir>/keys: the
-- first server to start after this migration moves its key here, so tokens issued before stay valid.
CREATE TABLE signing_key (
    id uuid PRIMARY KEY,
    -- exactly one row signs: a second server starting at the same moment finds the first one's row
    purpose text NOT NULL UNIQUE CHECK (purpose = 'tokens'),
    kid text NOT NULL,
    jwk_sealed text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
