-- The shipped policy evaluation-before-approval (V7) said it was "advisory until evaluations run in the registry".
-- Evaluations run in the registry now (V12: suites and runs, whose results are the policy input's evaluations), and
-- the policy stays ADVISORY on purpose: evaluation-before-deployment is the one that blocks. Only the description
-- changes, and only where it still has the seeded text: an installation that rewrote it keeps its own words.
--
-- The description is not part of a policy's revisions (policy_revision keeps the rule: scope, transitions, severity,
-- expression, message, enabled), so no revision is added and policy_version stays as it is: review snapshots and
-- stored verdicts keep naming the rule they were judged by, which has not changed. row_version goes up because the
-- policy as the API shows it changes (its ETag must too), and updated_at/updated_by say who made the change, as V7
-- did for the seeded row. Runs as the schema owner; the application's login needs no new grant.
UPDATE policy
SET description = 'HIGH and CRITICAL models have a passing evaluation when they are approved (advisory: a missing one '
                  || 'is reported, not blocked; evaluation-before-deployment blocks their deployment).',
    updated_at  = now(),
    updated_by  = 'system',
    row_version = row_version + 1
WHERE id = '00000000-0000-7000-8000-0000000000a3'
  AND description = 'HIGH and CRITICAL models have a passing evaluation when they are approved (advisory until '
                    || 'evaluations run in the registry).';
