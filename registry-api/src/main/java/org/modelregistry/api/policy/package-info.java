/**
 * The policy contract: service interfaces, request and response records, enums. Owns CEL policies, their revisions,
 * and the gate that evaluates them on lifecycle transitions.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.api.policy;
