/**
 * The catalog REST resources: thin JAX-RS classes that parse the request, call the catalog services and map the answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): search.
 */
package org.modelregistry.interfaces.rest.catalog;
