/**
 * The jobs REST resources. There are none: jobs are started through the resources of the contexts they belong to
 * (evaluations, deployments), and their state is on {@code /metrics} and in the administrators' readiness report
 * ({@code interfaces.rest.system}). The package keeps the context map the same shape in every module.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.rest.jobs;
