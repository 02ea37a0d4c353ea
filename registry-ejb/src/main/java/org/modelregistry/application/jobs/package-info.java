/**
 * The jobs application services: the EJBs that own transactions for the outbox relay to the broker, the wake-up of
 * waiting jobs, leases and job metrics.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): deployment.
 */
package org.modelregistry.application.jobs;
