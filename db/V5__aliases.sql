-- Aliases: named pointers to versions (champion, staging, production...), and every move they ever made, so that
-- "which version was production on 3 March, and who approved it?" has an answer.

-- Where an alias points now is its latest move: the history is the only table.
CREATE TABLE model_alias_history (
    id          uuid PRIMARY KEY,
    model_id    uuid         NOT NULL REFERENCES model (id),
    alias       varchar(63)  NOT NULL,
    version_id  uuid REFERENCES model_version (id),  -- null: the alias was removed
    version     varchar(128),
    moved_at    timestamptz  NOT NULL,
    moved_by    varchar(128) NOT NULL,
    approval_id uuid REFERENCES approval (id)
);
CREATE INDEX model_alias_history_at ON model_alias_history (model_id, alias, moved_at DESC, id DESC);
