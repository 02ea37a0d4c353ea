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
 * The last word on a deployment whose every delivery failed: the broker moved its message to the dead letter queue
 * {@code registry.deployments.dead}, and the deployment ends FAILED (recorded and audited) instead of waiting.
 */
@MessageDriven(name = "DeadDeploymentWorker")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadDeploymentWorker implements MessageListener {

    @EJB
    DeploymentExecutor executor;

    @Override
    public void onMessage(Message message) {
        try {
            UUID id = UUID.fromString(message.getBody(String.class));
            int deliveries =
                    message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 0;
            executor.failDeadLetter(
                    id,
                    "the target could not be called: every delivery of the job failed"
                            + (deliveries > 0 ? " (" + deliveries + " deliveries)" : "") + "; see the calls");
        } catch (JMSException | IllegalArgumentException e) {
            // an unreadable dead letter is dropped: nothing could ever be done with it
        }
    }
}
