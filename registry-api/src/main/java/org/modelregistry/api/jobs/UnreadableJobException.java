package org.modelregistry.api.jobs;

/**
 * A job message this server cannot act on: malformed, of a type its queue does not carry, or of a newer version. An
 * {@link IllegalArgumentException}, as an unreadable id was before messages had a shape, so that consumers treat it
 * the same way: refused, redelivered by the broker, and finally dead-lettered.
 */
public class UnreadableJobException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnreadableJobException(String message) {
        super(message);
    }
}
