/**
 * The checks an evaluation run performs (the jobs issue runs them on message-driven beans): each is a pure function of
 * what it is given, so that a rerun after a crash gives the same result.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, audit, jobs.
 */
package org.modelregistry.domain.evaluation;
