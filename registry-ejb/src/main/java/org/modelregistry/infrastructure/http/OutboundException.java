package org.modelregistry.infrastructure.http;

/**
 * An outbound call that did not get an answer. Its message is one of a few fixed phrases, never the remote side's
 * words or a library's exception text: what is stored and shown of a failed call must not let anyone read an
 * internal service through the registry.
 */
public class OutboundException extends Exception {

    /** Why the call failed, with the phrase that is stored for it. */
    public enum Failure {
        NOT_ALLOWED("address not allowed by the outbound policy"),
        UNRESOLVED("host not found"),
        REFUSED("connection refused"),
        TIMEOUT("timed out"),
        TLS("TLS handshake failed"),
        BAD_ANSWER("not an HTTP answer"),
        TOO_LARGE("answer too large"),
        FAILED("connection failed");

        private final String phrase;

        Failure(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    private final Failure failure;

    public OutboundException(Failure failure) {
        super(failure.phrase(), null, false, false); // no stack trace: these are expected and frequent
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
