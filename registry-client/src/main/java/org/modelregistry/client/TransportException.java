package org.modelregistry.client;

/**
 * The registry could not be reached or kept failing (connection refused or dropped, 429, 5xx) after every retry
 * the policy allowed; {@link #status()} is the last HTTP status, or 0 when no answer came.
 */
public final class TransportException extends RegistryClientException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public TransportException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
