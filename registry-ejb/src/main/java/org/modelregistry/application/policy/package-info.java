/**
 * The policy application services: the EJBs that own transactions for CEL policies, their revisions, and the gate that
 * evaluates them on lifecycle transitions.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, governance, audit.
 */
package org.modelregistry.application.policy;
