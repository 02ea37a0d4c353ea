package org.modelregistry.application.deployment;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;

/**
 * Takes deployments off the {@code registry.deployments} queue and has {@link DeploymentExecutor} call their
 * targets. A call that failed after its retries throws, so that the broker delivers the message again after its
 * redelivery delay, and after the last delivery moves it to {@code registry.deployments.dead}.
 */
@MessageDriven(name = "DeploymentWorker")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeploymentWorker implements MessageListener {

    @EJB
    DeploymentExecutor executor;

    @Override
    public void onMessage(Message message) {
        String id;
        try {
            id = message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable deployment message", e);
        }
        if (!executor.process(UUID.fromString(id))) {
            throw new IllegalStateException("deployment " + id + ": the target call failed; delivered again later");
        }
    }
}
