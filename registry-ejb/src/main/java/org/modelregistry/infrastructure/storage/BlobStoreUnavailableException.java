package org.modelregistry.infrastructure.storage;

import java.io.IOException;

/** The object store failed or could not be reached (not the client's upload): worth trying again later. */
public class BlobStoreUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
