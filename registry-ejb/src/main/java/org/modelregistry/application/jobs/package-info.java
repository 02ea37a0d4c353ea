/**
 * The jobs application services: the outbox relay to the broker ({@link org.modelregistry.application.jobs.JobRelay})
 * over the {@link org.modelregistry.application.jobs.JobSource}s the contexts declare, the {@link
 * org.modelregistry.application.jobs.JobPublisher} it sends through, the wake-up of waiting jobs after a commit
 * ({@link org.modelregistry.application.jobs.JobWake}) and job metrics ({@link
 * org.modelregistry.application.jobs.JobMetrics}, from the contexts' {@link
 * org.modelregistry.application.jobs.JobGauges}). It knows no context: they implement its interfaces, and their
 * consumers in {@code infrastructure.messaging.jms} read the messages of their own types.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.application.jobs;
