/**
 * The jobs contract: {@link org.modelregistry.api.jobs.JobMessage}, the typed and versioned message that carries a
 * job to the broker, in its JSON form, and {@link org.modelregistry.api.jobs.UnreadableJobException} for a message
 * a consumer refuses. Knows no context: the contexts name their own job types.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.jobs;
