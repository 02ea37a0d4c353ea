package org.modelregistry.infrastructure.messaging.jms;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;
import org.modelregistry.application.deployment.DeploymentExecutor;
import org.modelregistry.application.deployment.DeploymentJobs;

/**
 * Takes deployments off {@code registry.deployments} (jmsActivationSpec
 * {@code registry/registry-ejb/DeploymentConsumer}) and has {@link DeploymentExecutor} call their targets. A call
 * that failed after its retries throws, so that the broker delivers the message again after its redelivery delay,
 * and after the last delivery moves it to {@code registry.deployments.dead}; so does a message it cannot read.
 */
@MessageDriven(name = "DeploymentConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeploymentConsumer implements MessageListener {

    @EJB
    DeploymentExecutor executor;

    @Override
    public void onMessage(Message message) {
        UUID id = JobMessages.read(message, DeploymentJobs.TYPE).id();
        if (!executor.process(id)) {
            throw new IllegalStateException("deployment " + id + ": the target call failed; delivered again later");
        }
    }
}
