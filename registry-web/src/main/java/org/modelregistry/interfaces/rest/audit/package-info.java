/**
 * The audit REST resources: thin JAX-RS classes that parse the request, call the audit services and map the answer.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy.
 */
package org.modelregistry.interfaces.rest.audit;
