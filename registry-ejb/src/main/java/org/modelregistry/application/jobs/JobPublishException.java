package org.modelregistry.application.jobs;

/** The broker took only the first {@link #sent()} messages of a {@link JobPublisher#publish} (it is away). */
public class JobPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int sent;

    public JobPublishException(int sent, Throwable cause) {
        super(sent + " job messages sent before the broker failed", cause);
        this.sent = sent;
    }

    public int sent() {
        return sent;
    }
}
