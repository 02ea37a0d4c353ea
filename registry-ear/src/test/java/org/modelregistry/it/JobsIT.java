package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Job messages as the broker holds them: a message in the shape of servers before typed messages (the bare run id),
 * still in the journal at an upgrade, is done; one of a newer version is refused at every delivery until the broker
 * dead-letters it, and its run waits. Each test puts a
 * QUEUED run in the outbox already marked published, so that the relay leaves it alone (for 60 s) and only the
 * message the test sends can start it.
 */
class JobsIT extends RegistryDeployment {

    private static String runs;
    private static String template;

    @BeforeAll
    static void aFinishedRun() {
        String suite = unique("shapes");
        assertThat(post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\",\"kind\":"
                                        + "\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        String model = Api.createModel(unique("shapes"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        runs = "/models/" + model + "/versions/1.0.0/evaluations/";
        Reply queued = post(runs, "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        template = queued.json().getString("id");
        assertThat(finished(template).getString("state")).isEqualTo("PASSED");
    }

    @Test
    void aBareIdLeftInTheJournalByAnOlderServerIsDone() throws Exception {
        UUID run = queuedAndPublished();

        send(run.toString());

        JsonObject done = finished(run.toString());
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("PASSED");
        assertThat(done.getInt("attempt")).isEqualTo(1);
    }

    @Test
    void aMessageOfANewerVersionIsRefusedUntilTheBrokerGivesUpAndItsRunWaits() throws Exception {
        UUID run = queuedAndPublished();

        String message = send("{\"type\":\"evaluation\",\"version\":2,\"id\":\"" + run + "\",\"attempt\":1}");

        // refused at each of the broker's 5 deliveries (1 + 2 + 4 + 8 s apart), then dead-lettered
        Path log = Path.of(System.getProperty("registry.it.server.log"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readAllLines(log).stream()
                                .filter(l -> l.contains("Refused message " + message + ": ")
                                        && l.contains("version 2, newer than 1"))
                                .count()
                        == 5);
        JsonObject waiting = get(runs + run).json();
        assertThat(waiting.getString("state")).isEqualTo("QUEUED");
        assertThat(waiting.getInt("attempt")).isZero();
    }

    /** A copy of the finished run, QUEUED and marked published: in the outbox, but not to be sent by the relay. */
    private static UUID queuedAndPublished() {
        UUID run = UUID.randomUUID();
        assertThat(Api.update(
                        "INSERT INTO evaluation_run (id, model_id, version_id, suite_id, suite_version, checks,"
                                + " metrics, dataset, state, attempt, published_at, requested_at, requested_by)"
                                + " SELECT CAST(? AS uuid), model_id, version_id, suite_id, suite_version, checks,"
                                + " metrics, dataset, 'QUEUED', 0, now(), now(), requested_by FROM evaluation_run"
                                + " WHERE id = CAST(? AS uuid)",
                        run.toString(),
                        template))
                .isEqualTo(1);
        return run;
    }

    /** Sends a text message to the evaluations queue as another server would, and returns its JMS id. */
    private static String send(String body) throws Exception {
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + Integer.getInteger("registry.it.jms.port"));
                JMSContext context =
                        factory.createContext("registry", System.getProperty("registry.it.jms.password"))) {
            TextMessage message = context.createTextMessage(body);
            context.createProducer().send(context.createQueue("registry.evaluations"), message);
            return message.getJMSMessageID();
        }
    }

    private static JsonObject finished(String id) {
        JsonObject[] run = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    run[0] = get(runs + id).json();
                    return !run[0].getString("state").equals("QUEUED")
                            && !run[0].getString("state").equals("RUNNING");
                });
        return run[0];
    }
}
