/**
 * The deployment REST resources: thin JAX-RS classes that parse the request, call the deployment services and map the
 * answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, governance, policy, audit,
 * jobs.
 */
package org.modelregistry.interfaces.rest.deployment;
