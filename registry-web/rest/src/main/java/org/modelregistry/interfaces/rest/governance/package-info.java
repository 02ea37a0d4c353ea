/**
 * The governance REST resources: thin JAX-RS classes that parse the request, call the governance services and map the
 * answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.interfaces.rest.governance;
