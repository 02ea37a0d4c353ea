package org.modelregistry.infrastructure.messaging.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.logging.Logger;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.api.jobs.UnreadableJobException;

/** Reads the {@link JobMessage} of a JMS message, for the consumers. */
final class JobMessages {

    private static final Logger LOG = Logger.getLogger(JobMessages.class.getName());

    private JobMessages() {}

    /**
     * The job a message carries; one it cannot read is logged and refused with an exception, so that the broker
     * delivers it again (perhaps to a newer server) and finally moves it to the dead letter queue.
     *
     * @throws IllegalStateException when the body cannot be had (not a text message)
     * @throws UnreadableJobException when the body is not a job of {@code type} this server reads
     */
    static JobMessage read(Message message, String type) {
        String body;
        try {
            body = message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable " + type + " message", e);
        }
        try {
            return JobMessage.read(body, type);
        } catch (UnreadableJobException e) {
            LOG.warning(() -> "Refused " + id(message) + ": " + e.getMessage());
            throw e;
        }
    }

    /** The count of this delivery, as the broker tells it (0 when it does not). */
    static int deliveries(Message message) throws JMSException {
        return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 0;
    }

    static String id(Message message) {
        try {
            return "message " + message.getJMSMessageID();
        } catch (JMSException e) {
            return "a message";
        }
    }
}
