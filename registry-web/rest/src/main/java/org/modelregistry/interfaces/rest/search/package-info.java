/**
 * The search REST resources: thin JAX-RS classes that parse the request, call the search services and map the answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.rest.search;
