-- Owners are principals, not free strings: each owner row carries the id of the user or service account it names.
-- The application only lets principals of the model's organization become owners (OwnerDirectory) and stores the
-- account's own spelling of the name; this trigger records that account's id with every row written, so the row
-- keeps naming the account it was written for. principal_id is null only for a single sign-on principal (no account
-- here) and for names of earlier releases that matched no account.
ALTER TABLE model_owner ADD COLUMN principal_id uuid;

CREATE FUNCTION model_owner_principal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.owner LIKE 'svc+%' THEN
        NEW.principal_id := (SELECT s.id FROM service_account s WHERE 'svc+' || s.name = NEW.owner);
    ELSIF NEW.owner NOT LIKE 'sso:%' THEN
        NEW.principal_id := (SELECT u.id FROM app_user u WHERE lower(u.username) = lower(NEW.owner));
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER model_owner_principal BEFORE INSERT OR UPDATE OF owner ON model_owner
    FOR EACH ROW EXECUTE FUNCTION model_owner_principal();

-- owners written before: the account's id, and its own spelling of the name
UPDATE model_owner o SET owner = u.username
FROM app_user u WHERE lower(u.username) = lower(o.owner) AND o.owner NOT LIKE 'svc+%' AND o.owner <> u.username;
UPDATE model_owner SET owner = owner WHERE principal_id IS NULL;
