/**
 * The jobs domain: entities, value objects and rules for the outbox relay to the broker, the wake-up of waiting jobs,
 * leases and job metrics, with no container needed to test them.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): deployment.
 */
package org.modelregistry.domain.jobs;
