package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed storage of artifact content, keyed by SHA-256. Content is first staged (streamed to a
 * temporary place while its digest is computed, never held whole in memory), then either committed under its
 * digest or discarded, so that content that fails a check is never stored. Local disk by default; an
 * S3-compatible store can implement the same interface.
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
     * @throws BlobTooLargeException as soon as more than {@code maxBytes} have been read
     */
    StagedBlob stage(InputStream content, long maxBytes) throws IOException;

    /** The file that holds committed content, if present. */
    Path locate(String sha256) throws IOException;

    boolean exists(String sha256);
}
