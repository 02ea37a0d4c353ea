/**
 * The audit contract: service interfaces, request and response records, enums. Owns the hash-chained audit log, its
 * checkpoints, monthly archives and verification.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.audit;
