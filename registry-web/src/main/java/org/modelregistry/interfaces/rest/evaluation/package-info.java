/**
 * The evaluation REST resources: thin JAX-RS classes that parse the request, call the evaluation services and map the
 * answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, audit, jobs.
 */
package org.modelregistry.interfaces.rest.evaluation;
