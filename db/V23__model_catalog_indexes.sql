-- The console's model catalog pages by (sort key, id) within the caller's organization (one organization: the
-- first set) or across all of them (a registry administrator: the second set). Each index serves both directions
-- (a backward scan for descending), so a page is an index walk that stops after its rows, at any depth.
-- The risk tier sorts by severity: the expression is the one JpaModelRepository.catalog orders by.
CREATE INDEX model_catalog_name ON model (organization_id, name, id);
CREATE INDEX model_catalog_group ON model (organization_id, model_group, id);
CREATE INDEX model_catalog_risk ON model (organization_id,
    (CASE risk_tier WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END), id);
CREATE INDEX model_catalog_updated ON model (organization_id, updated_at, id);

CREATE INDEX model_catalog_all_name ON model (name, id);
CREATE INDEX model_catalog_all_group ON model (model_group, id);
CREATE INDEX model_catalog_all_risk ON model (
    (CASE risk_tier WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END), id);
CREATE INDEX model_catalog_all_updated ON model (updated_at, id);
