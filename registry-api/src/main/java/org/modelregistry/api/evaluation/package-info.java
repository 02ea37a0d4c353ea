/**
 * Evaluation suites and the runs that apply them to versions.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, audit, jobs.
 */
package org.modelregistry.api.evaluation;
