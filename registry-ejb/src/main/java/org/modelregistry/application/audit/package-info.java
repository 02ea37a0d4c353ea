/**
 * The audit application services: the EJBs that own transactions for the hash-chained audit log, its checkpoints,
 * monthly archives and verification.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy.
 */
package org.modelregistry.application.audit;
