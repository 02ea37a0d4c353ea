package org.modelregistry.infrastructure.messaging.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Message;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.api.jobs.UnreadableJobException;
import org.modelregistry.application.deployment.DeploymentExecutor;
import org.modelregistry.application.evaluation.EvaluationExecutor;

/** The consumers hand the job of a message of their type, new shape or old, to their service, and refuse others. */
class JobConsumersTest {

    private static final UUID ID = UUID.fromString("0b7e1c52-5d0e-4c8f-a7a4-8f1f7f8e2d31");

    private final List<String> calls = new ArrayList<>();

    @Test
    void anEvaluationMessageInEitherShapeRunsTheEvaluation() {
        EvaluationConsumer consumer = evaluations();

        consumer.onMessage(text(JobMessage.of("evaluation", ID, 2).toJson(), 1));
        consumer.onMessage(text(ID.toString(), 1)); // waiting in the journal since before the upgrade

        assertThat(calls).containsExactly("process " + ID, "process " + ID);
    }

    @Test
    void aMessageOfAnotherTypeOrANewerVersionIsRefusedSoThatTheBrokerDeadLettersIt() {
        EvaluationConsumer consumer = evaluations();

        assertThatThrownBy(() -> consumer.onMessage(
                        text(JobMessage.of("deployment", ID, 1).toJson(), 1)))
                .isInstanceOf(UnreadableJobException.class);
        assertThatThrownBy(() -> consumer.onMessage(text(new JobMessage("evaluation", 2, ID, 1).toJson(), 1)))
                .isInstanceOf(UnreadableJobException.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void aDeploymentWhoseCallFailedIsDeliveredAgain() {
        DeploymentConsumer consumer = new DeploymentConsumer();
        consumer.executor = deployments(false);

        assertThatThrownBy(() -> consumer.onMessage(text(ID.toString(), 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delivered again later");
        assertThat(calls).containsExactly("process " + ID);
    }

    @Test
    void aDeadLetterFailsItsDeploymentAndAnUnreadableOneIsDropped() {
        DeadDeploymentConsumer consumer = new DeadDeploymentConsumer();
        consumer.executor = deployments(true);

        consumer.onMessage(text(JobMessage.of("deployment", ID, 5).toJson(), 5));
        consumer.onMessage(text(ID.toString(), 0));
        consumer.onMessage(text(new JobMessage("deployment", 9, ID, 1).toJson(), 5));
        consumer.onMessage(text("not a job", 5));

        assertThat(calls)
                .containsExactly(
                        "fail " + ID
                                + " the target could not be called: every delivery of the job failed (5 deliveries);"
                                + " see the calls",
                        "fail " + ID
                                + " the target could not be called: every delivery of the job failed; see the calls");
    }

    private EvaluationConsumer evaluations() {
        EvaluationConsumer consumer = new EvaluationConsumer();
        consumer.executor = new EvaluationExecutor() {
            @Override
            public void process(UUID runId) {
                calls.add("process " + runId);
            }
        };
        return consumer;
    }

    private DeploymentExecutor deployments(boolean succeeds) {
        return new DeploymentExecutor() {
            @Override
            public boolean process(UUID deploymentId) {
                calls.add("process " + deploymentId);
                return succeeds;
            }

            @Override
            public boolean failDeadLetter(UUID id, String message) {
                calls.add("fail " + id + " " + message);
                return true;
            }
        };
    }

    /** A text message as the broker delivers it, {@code deliveries} its JMSXDeliveryCount (0: none). */
    private static Message text(String body, int deliveries) {
        Map<String, Object> properties = deliveries > 0 ? Map.of("JMSXDeliveryCount", deliveries) : Map.of();
        return (Message) Proxy.newProxyInstance(
                Message.class.getClassLoader(), new Class<?>[] {Message.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "getBody" -> body;
                        case "propertyExists" -> properties.containsKey((String) args[0]);
                        case "getIntProperty" -> properties.get((String) args[0]);
                        case "getJMSMessageID" -> "ID:test";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
