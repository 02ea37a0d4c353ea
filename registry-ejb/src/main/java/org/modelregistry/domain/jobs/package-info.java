/**
 * The jobs domain: the outbox of a kind of job ({@link org.modelregistry.domain.jobs.JobTable}), a job taken from it
 * for publishing ({@link org.modelregistry.domain.jobs.JobTicket}), the gauges of waiting and running jobs
 * ({@link org.modelregistry.domain.jobs.JobGauge}) and the repository of outboxes. Generic over the contexts whose jobs
 * it carries: they describe their tables, it knows none of them.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.domain.jobs;
