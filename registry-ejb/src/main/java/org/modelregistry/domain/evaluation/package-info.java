/**
 * Evaluations: suites of checks ({@code EvaluationSuite}), runs of a suite against a version with their state machine
 * ({@code EvaluationRun}, {@code EvaluationRunState}), the result of each check ({@code EvaluationCheckResult}), the
 * repository that stores them ({@code EvaluationRepository}), and the checks themselves, each a pure function of what
 * it is given, so that a rerun after a crash gives the same result.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, policy.
 */
package org.modelregistry.domain.evaluation;
