package org.modelregistry.infrastructure.messaging.jms;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.modelregistry.application.evaluation.EvaluationExecutor;
import org.modelregistry.application.evaluation.EvaluationJobs;

/**
 * Takes evaluation runs off {@code registry.evaluations} (server.xml's jmsActivationSpec
 * {@code registry/registry-ejb/EvaluationConsumer}) and has {@link EvaluationExecutor} do them. Outside a
 * transaction: the message is acknowledged once the run is done; an exception, or a message it cannot read, has it
 * redelivered (with the broker's back-off, and to the dead letter queue after the last attempt).
 */
@MessageDriven(name = "EvaluationConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EvaluationConsumer implements MessageListener {

    @EJB
    EvaluationExecutor executor;

    @Override
    public void onMessage(Message message) {
        executor.process(JobMessages.read(message, EvaluationJobs.TYPE).id());
    }
}
