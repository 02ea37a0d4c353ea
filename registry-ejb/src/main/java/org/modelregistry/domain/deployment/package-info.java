/**
 * Deployment targets' calls: payload formats of CI/CD systems, signatures, per-target circuit breakers.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, governance, policy, audit,
 * jobs.
 */
package org.modelregistry.domain.deployment;
