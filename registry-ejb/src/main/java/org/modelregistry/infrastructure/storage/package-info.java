/**
 * Where uploaded artifact content lives: a content-addressed blob store, on local disk or in an S3-compatible bucket.
 *
 * <ul>
 *   <li>{@code BlobStore}: the interface, staging (streamed, digest computed on the way) then commit or discard,
 *       reads of a byte range, an optional direct (presigned) download URL, a readiness probe;
 *       {@code BlobStoreProducer} chooses the implementation from {@code StorageSettings}.
 *   <li>{@code LocalBlobStore}: {@code <root>/sha256/<2 hex>/<64 hex>}, staged in {@code <root>/staging} on the same
 *       file system so that committing is an atomic rename.
 *   <li>{@code S3BlobStore} ({@code S3Location}): {@code <prefix>/sha256/..} in a bucket, staged by a multipart
 *       upload to {@code <prefix>/staging/<uuid>} and published by a copy inside the store.
 *   <li>{@code StagedContent}: what both stores' staged uploads share (digest, size, discard unless committed).
 *   <li>{@code BlobTooLargeException}: the stream went past the configured maximum, nothing stored;
 *       {@code BlobStoreUnavailableException}: the object store failed, worth trying again.
 *   <li>{@code AtomicFiles}: small files (the search index's state, recent searches, audit checkpoints and archives)
 *       written whole or not at all.
 * </ul>
 */
package org.modelregistry.infrastructure.storage;
