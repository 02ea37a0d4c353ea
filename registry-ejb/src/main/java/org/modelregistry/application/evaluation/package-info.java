/**
 * The evaluation application services: the EJBs that own transactions for evaluation suites, evaluation runs and their
 * per-check results.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.application.evaluation;
