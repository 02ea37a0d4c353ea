package org.modelregistry.application.notification;

/** Hands one mail to the SMTP server (registry.mail.*). */
public interface MailSender {

    /** The SMTP server refused the mail or could not be reached; the message is what it said, to be kept. */
    class NotSentException extends Exception {

        private static final long serialVersionUID = 1L;

        public NotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void send(String to, String subject, String text) throws NotSentException;
}
