package org.modelregistry.api.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * The stored content of an artifact, with what a server needs to serve it: a source to stream it (whole or a byte
 * range) and, when the blob store hands large content out directly, a short-lived URL to redirect the client to
 * ({@code null} otherwise). Both are given only to a caller who passed the access check.
 */
public record ArtifactContent(
        Source source, String sha256, long size, String mediaType, String fileName, URI directUrl) {

    /** Opens the stored bytes. */
    @FunctionalInterface
    public interface Source {
        /** {@code length} bytes from {@code offset}; everything from {@code offset} when {@code length} < 0. */
        InputStream open(long offset, long length) throws IOException;
    }

    /** The whole content. */
    public InputStream open() throws IOException {
        return source.open(0, -1);
    }

    /** Where the client may fetch the content itself, if the store offers that for this artifact. */
    public Optional<URI> redirect() {
        return Optional.ofNullable(directUrl);
    }
}
