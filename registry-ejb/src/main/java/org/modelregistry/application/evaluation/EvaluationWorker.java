package org.modelregistry.application.evaluation;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;

/**
 * Takes evaluation runs off the {@code registry.evaluations} queue (server.xml's jmsActivationSpec) and has
 * {@link EvaluationExecutor} do them. Outside a transaction: the message is acknowledged once the run is done; an
 * exception has it redelivered (with the broker's back-off, and to the dead letter queue after the last attempt).
 */
@MessageDriven(name = "EvaluationWorker")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EvaluationWorker implements MessageListener {

    @EJB
    EvaluationExecutor executor;

    @Override
    public void onMessage(Message message) {
        try {
            executor.process(UUID.fromString(message.getBody(String.class)));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable evaluation message", e);
        }
    }
}
