package org.modelregistry.client;

/** Content whose SHA-256 is not the one expected: a corrupt or altered transfer. Nothing is kept of it. */
public final class DigestMismatchException extends RegistryClientException {

    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    public DigestMismatchException(String what, String expected, String actual) {
        super(what + ": sha256 is " + actual + ", expected " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
