package org.modelregistry.infrastructure.storage;

import java.io.IOException;

/** The streamed content went past the configured maximum; nothing was stored. */
public class BlobTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long maxBytes;

    public BlobTooLargeException(long maxBytes) {
        super("content exceeds " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
