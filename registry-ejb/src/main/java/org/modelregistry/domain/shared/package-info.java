/**
 * Small building blocks every aggregate uses, owned by no context.
 *
 * <ul>
 *   <li>{@code AuditedEntity}: id, provenance (created/updated at and by) and the {@code @Version} column that
 *       clients see as the revision and ETag; {@code Revisions}: a stale {@code If-Match} revision is a 412;
 *       {@code Actors}: the principal's name as recorded.
 *   <li>{@code Uuid7}: time-ordered ids, so that keyset pages are {@code id > :after ORDER BY id}.
 *   <li>{@code FieldErrors}: collects every broken rule of a request for one 422; {@code MergePatch}: RFC 7386 over
 *       an object's editable fields.
 *   <li>{@code CanonicalJson} and {@code Digests}: one canonical JSON text and its SHA-256 (policy inputs, reviewed
 *       content, request fingerprints).
 *   <li>{@code Signatures} and {@code WebhookCall}: HMAC-SHA256 signatures of outgoing calls and one call ready to
 *       send.
 *   <li>{@code LogSafe}: escapes caller-supplied values before they reach a log line.
 * </ul>
 */
package org.modelregistry.domain.shared;
