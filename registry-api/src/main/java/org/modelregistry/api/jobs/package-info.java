/**
 * The jobs contract: service interfaces, request and response records, enums. Owns the outbox relay to the broker, the
 * wake-up of waiting jobs, leases and job metrics.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): deployment.
 */
package org.modelregistry.api.jobs;
