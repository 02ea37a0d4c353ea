/**
 * Where uploaded artifact content lives: a content-addressed blob store (local disk by default).
 *
 * <ul>
 *   <li>{@code BlobStore}: the interface, staging (streamed, digest computed on the way) then commit or discard;
 *       {@code LocalBlobStore}: {@code <root>/sha256/<2 hex>/<64 hex>}, staged in {@code <root>/staging} on the same
 *       file system so that committing is an atomic rename; {@code BlobStoreProducer} chooses the implementation.
 *   <li>{@code BlobTooLargeException}: the stream went past the configured maximum, nothing stored.
 *   <li>{@code AtomicFiles}: small files (the search index's state, recent searches, audit checkpoints and archives)
 *       written whole or not at all.
 * </ul>
 */
package org.modelregistry.infrastructure.storage;
