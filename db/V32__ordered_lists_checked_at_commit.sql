-- A model's owners and tags are ordered lists (JPA @OrderColumn on model_owner and model_tag). When a list is
-- reordered or an element is replaced, EclipseLink renumbers and inserts rows before it deletes the old ones, so one
-- (model_id, ordinal) is briefly held by two rows inside the transaction: PATCH {"tags":["b","a"]} on ["a","b"], or
-- ["t","u"] on ["a"], answered 409. Checked at commit instead, the key still holds for every committed list.
-- (EclipseLink deletes and renumbers by value, and a model's owners and tags are distinct, so no statement of the
-- transaction can touch another row than the one it means while two rows share an ordinal.)
ALTER TABLE model_owner
    DROP CONSTRAINT model_owner_pkey,
    ADD CONSTRAINT model_owner_pkey PRIMARY KEY (model_id, ordinal) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE model_tag
    DROP CONSTRAINT model_tag_pkey,
    ADD CONSTRAINT model_tag_pkey PRIMARY KEY (model_id, ordinal) DEFERRABLE INITIALLY DEFERRED;
