package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Content-addressed storage of artifact content, keyed by SHA-256. Content is first staged (streamed to a
 * temporary place while its digest is computed, never held whole in memory), then either committed under its
 * digest or discarded, so that content that fails a check is never stored. Local disk by default
 * ({@link LocalBlobStore}), or an S3-compatible object store ({@link S3BlobStore}).
 */
public interface BlobStore {

    /** Content that has been received and hashed but is not yet visible under its digest. */
    interface StagedBlob extends AutoCloseable {
        String sha256();

        long size();

        /** Makes the content readable under its digest (a no-op if identical content is already stored). */
        void commit() throws IOException;

        /** Discards the staged content unless it was committed. */
        @Override
        void close();
    }

    /**
     * Streams {@code content} into staging.
     *
     * @throws BlobTooLargeException as soon as more than {@code maxBytes} have been read; nothing is kept
     */
    StagedBlob stage(InputStream content, long maxBytes) throws IOException;

    /**
     * Reads committed content: {@code length} bytes from {@code offset}, or everything from {@code offset} when
     * {@code length} is negative. The caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException if no content is stored under the digest
     */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** Reads the whole of committed content. */
    default InputStream open(String sha256) throws IOException {
        return open(sha256, 0, -1);
    }

    boolean exists(String sha256) throws IOException;

    /**
     * A short-lived URL from which a client may fetch the content directly, when the store offers one for content of
     * this size; empty when the registry serves the bytes itself. Ask only after the caller's access check.
     */
    default Optional<URI> downloadUrl(String sha256, long size, String fileName, String mediaType) {
        return Optional.empty();
    }

    /** Where the content lives, for logs and the readiness report: never a credential. */
    String describe();

    /**
     * Checks that the store can be used now (directory writable, bucket reachable with the credentials).
     *
     * @throws IOException with a reason that names the setting to look at, and never a credential
     */
    void probe() throws IOException;
}
