package org.modelregistry.infrastructure.messaging.jms;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.application.deployment.DeploymentExecutor;
import org.modelregistry.application.deployment.DeploymentJobs;

/**
 * The last word on a deployment whose every delivery failed: the broker moved its message to the dead letter queue
 * {@code registry.deployments.dead} (jmsActivationSpec {@code registry/registry-ejb/DeadDeploymentConsumer}), and the
 * deployment ends FAILED (recorded and audited) instead of waiting. A dead letter it cannot read (one this server
 * refused, of a newer version) is logged and dropped: it says nothing this server can act on, and the outbox
 * publishes its deployment again.
 */
@MessageDriven(name = "DeadDeploymentConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadDeploymentConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeadDeploymentConsumer.class.getName());

    @EJB
    DeploymentExecutor executor;

    @Override
    public void onMessage(Message message) {
        try {
            JobMessage job = JobMessages.read(message, DeploymentJobs.TYPE);
            int deliveries = JobMessages.deliveries(message);
            executor.failDeadLetter(
                    job.id(),
                    "the target could not be called: every delivery of the job failed"
                            + (deliveries > 0 ? " (" + deliveries + " deliveries)" : "") + "; see the calls");
        } catch (JMSException | IllegalStateException | IllegalArgumentException e) {
            LOG.warning(() -> "Dropped the unreadable dead letter " + JobMessages.id(message) + ": " + e.getMessage());
        }
    }
}
