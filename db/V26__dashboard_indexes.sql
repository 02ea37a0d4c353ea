-- The console's dashboard: what waits for review and what failed lately, read without scanning the tables. Each index
-- holds only the rows the dashboard asks for (versions in review; failed runs, deployments and policy blocks), so it
-- stays small however large the catalog grows, and a query walks it newest first and stops at its limit.

CREATE INDEX model_version_in_review ON model_version (updated_at DESC, id DESC) WHERE state = 'IN_REVIEW';

CREATE INDEX evaluation_run_failed ON evaluation_run (finished_at DESC, id DESC)
    WHERE state IN ('FAILED', 'ERROR') AND finished_at IS NOT NULL;

CREATE INDEX deployment_failed ON deployment (finished_at DESC, id DESC)
    WHERE state = 'FAILED' AND finished_at IS NOT NULL;

CREATE INDEX policy_evaluation_blocked ON policy_evaluation (evaluated_at DESC, id DESC)
    WHERE severity = 'BLOCKING' AND result <> 'PASS' AND NOT allowed;
