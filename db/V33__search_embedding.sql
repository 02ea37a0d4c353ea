-- Sentence embeddings of models (issue 18), computed after commit by the search index's embedding worker and kept
-- here so that every server of a cluster, and a restarted one, reuses them instead of embedding the same text again.
-- One row per model and embedding model (name@version): a change of model embeds again instead of mixing vectors of
-- two models. text_sha256 is the hash of the text that was embedded: a row whose hash no longer matches the model's
-- text is stale and is embedded again. Vectors are normalized (cosine similarity is their dot product).
CREATE TABLE search_embedding (
    model_id     uuid        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    model_name   text        NOT NULL,
    text_sha256  text        NOT NULL,
    vector       real[]      NOT NULL,
    embedded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, model_name)
);
