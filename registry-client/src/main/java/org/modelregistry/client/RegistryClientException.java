package org.modelregistry.client;

/** Anything the client reports: a problem document, a transport failure, a digest that does not match. */
public class RegistryClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistryClientException(String message) {
        super(message);
    }

    public RegistryClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
