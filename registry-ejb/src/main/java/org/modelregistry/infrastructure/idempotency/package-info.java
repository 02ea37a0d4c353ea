/** Safe retries of creates: the Idempotency-Key store. */
package org.modelregistry.infrastructure.idempotency;
