/**
 * The audit application services: the EJBs that own transactions for the hash-chained audit log: the service and its
 * access rules ({@code AuditServiceBean}), verification ({@code AuditVerifier}, {@code AuditFacts}), checkpoints
 * ({@code AuditCheckpoints}), monthly archives ({@code AuditArchives}), linking ({@code AuditChainer}), writing
 * records ({@code AuditTrail}, {@code AttemptLog}) and the settings ({@code AuditSettings}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, search.
 */
package org.modelregistry.application.audit;
