/**
 * Safe retries of creates: the Idempotency-Key store. {@code IdempotencyServiceBean} stores the key in the same
 * transaction as the create it guards (a twin request blocks on the key, then replays the stored response);
 * {@code IdempotencyRecord} is the first response, kept for {@code registry.idempotency.ttl-hours}.
 */
package org.modelregistry.infrastructure.idempotency;
