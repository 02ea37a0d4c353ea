/**
 * The policy REST resources: thin JAX-RS classes that parse the request, call the policy services and map the answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.rest.policy;
