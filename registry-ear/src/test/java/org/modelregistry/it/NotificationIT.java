package org.modelregistry.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Notifications from committed changes only: webhook subscriptions receive signed events with retries and a delivery
 * log (WireMock plays the receivers), reviewers and owners get mail (GreenMail plays the SMTP server), and every
 * event is published to the registry.events topic of the real broker.
 */
class NotificationIT extends RegistryDeployment {

    private static final String SECRET = "notification-secret-0123456789";
    private static WireMockServer receiver;

    private static String base() {
        return "http://127.0.0.1:" + receiver.port();
    }

    private static GreenMail smtp;

    @BeforeAll
    static void start() {
        // on the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        // the port the IT server may call (registry.outbound.allow in registry-ear/pom.xml)
        receiver = new WireMockServer(
                options().bindAddress("127.0.0.1").port(Integer.getInteger("registry.it.webhook.port")));
        receiver.start();
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("registry.it.smtp.port"), "127.0.0.1", "smtp"));
        smtp.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        smtp.stop();
    }

    private static String subscribe(String path, String events, String group) {
        Reply r = Api.post(
                "/webhooks",
                "{\"name\":\"" + unique("hook") + "\",\"url\":\"" + base() + path + "\",\"secret\":\"" + SECRET
                        + "\",\"events\":" + events + ",\"groups\":[\"" + group + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(SECRET);
        return r.json().getString("id");
    }

    private static JsonArray deliveries(String hook) {
        return get("/webhooks/" + hook + "/deliveries").jsonAny().asJsonArray();
    }

    @Test
    void subscribersReceiveSignedEventsOfCommittedChangesOnly() throws Exception {
        receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(204)));
        String group = unique("notified");
        String hook = subscribe("/events", "[\"version.created\",\"version.state-changed\"]", group);
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        assertThat(Api.post("/models/" + model + "/versions", "{\"version\":\"1.0.0\"}")
                        .status())
                .as("a refused duplicate notifies nobody")
                .isEqualTo(409);
        assertThat(Api.post("/models/" + model + "/versions/1.0.0/transitions", "{\"to\":\"IN_REVIEW\"}")
                        .status())
                .isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
                                .filter(r -> r.getBodyAsString().contains(model))
                                .count()
                        >= 2);
        Thread.sleep(1000); // nothing else is coming
        // deliveries go out in parallel, so they may arrive in any order: the event id (the audit seq) orders them
        List<LoggedRequest> calls = receiver.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
                .filter(r -> r.getBodyAsString().contains(model))
                .sorted(Comparator.comparingLong(
                        r -> Long.parseLong(Json.createReader(new StringReader(r.getBodyAsString()))
                                .readObject()
                                .getString("id"))))
                .toList();
        assertThat(calls.stream().map(r -> r.getHeader("X-Registry-Event")))
                .containsExactly("version.created", "version.state-changed");
        for (LoggedRequest call : calls) {
            String[] signature = call.getHeader("X-Registry-Signature").split(",");
            assertThat(signature[1])
                    .isEqualTo("sha256=" + Api.signature(SECRET, signature[0].substring(2), call.getBody()));
        }
        JsonObject changed = Json.createReader(new StringReader(calls.get(1).getBodyAsString()))
                .readObject();
        assertThat(changed.getString("type")).isEqualTo("version.state-changed");
        assertThat(changed.getString("version")).isEqualTo("1.0.0");
        assertThat(changed.getJsonObject("model").getString("group")).isEqualTo(group);
        assertThat(changed.getJsonObject("details").getString("to")).isEqualTo("IN_REVIEW");
        assertThat(changed.getString("organization")).isEqualTo("default");

        JsonArray log = deliveries(hook);
        assertThat(log).hasSize(2);
        assertThat(log.stream().map(d -> d.asJsonObject().getString("state"))).containsOnly("DELIVERED");
        assertThat(log.getJsonObject(0).getJsonArray("log").getJsonObject(0).getInt("httpStatus"))
                .isEqualTo(204);
        assertThat(get("/webhooks/" + hook + "/deliveries", "Authorization", Api.member("VIEWER"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void failedDeliveriesAreRetriedWithBackOffUntilTheyGiveUp() {
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("again"));
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(502)));
        String group = unique("retried");
        String flaky = subscribe("/flaky", "[\"version.created\"]", group);
        String gone = subscribe("/gone", "[\"*\"]", group);
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(flaky).size() == 1
                        && deliveries(flaky).getJsonObject(0).getString("state").equals("DELIVERED"));
        JsonObject delivered = deliveries(flaky).getJsonObject(0);
        assertThat(delivered.getInt("attempts")).isEqualTo(3);
        assertThat(delivered.getJsonArray("log").stream()
                        .map(a -> a.asJsonObject().getInt("httpStatus")))
                .containsExactly(500, 503, 200);
        List<String> keys = receiver.findAll(postRequestedFor(urlEqualTo("/flaky"))).stream()
                .map(r -> r.getHeader("Idempotency-Key"))
                .distinct()
                .toList();
        assertThat(keys).as("every retry carries the delivery's key").containsExactly(delivered.getString("id"));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries(gone).stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(d -> d.getString("state").equals("DEAD")));
        JsonObject dead = deliveries(gone).stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("type").equals("version.created"))
                .findFirst()
                .orElseThrow();
        assertThat(dead.getString("state")).isEqualTo("DEAD");
        assertThat(dead.getInt("attempts"))
                .as("registry.notifications.max-attempts")
                .isEqualTo(4);
        assertThat(dead.getJsonArray("log")).hasSize(4);
        assertThat(Api.get("/webhooks/" + gone + "/deliveries?state=SOMETIMES").status())
                .isEqualTo(422);
        String unknown = "00000000-0000-7000-8000-000000000000";
        assertThat(Api.get("/webhooks/" + unknown).status()).isEqualTo(404);
        assertThat(Api.get("/webhooks/" + unknown + "/deliveries").status()).isEqualTo(404);
        assertThat(Api.patch("/webhooks/" + gone, "{\"enabled\":false}", "If-Match", "\"99\"")
                        .status())
                .as("stale If-Match")
                .isEqualTo(412);
        assertThat(Api.patch("/webhooks/" + gone, "{\"name\":\"renamed\"}").status())
                .isEqualTo(422);
        assertThat(Api.patch("/webhooks/" + gone, "{\"events\":[\"nothing.happened\"]}")
                        .status())
                .isEqualTo(422);
        Reply disabled = Api.patch("/webhooks/" + gone, "{\"enabled\":false}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("enabled")).isFalse();
        assertThat(Api.post(
                                "/webhooks",
                                "{\"name\":\"" + unique("hook") + "\",\"url\":\"" + base() + "/x\",\"secret\":\""
                                        + SECRET + "\",\"events\":[\"*\"],\"groups\":[\"a\",\"a\"]}")
                        .status())
                .as("the same group twice")
                .isEqualTo(422);
    }

    @Test
    void reviewersAndOwnersGetMail() throws Exception {
        String owner = unique("owner");
        String reviewer = unique("reviewer");
        for (String[] u : new String[][] {{owner, "CONTRIBUTOR"}, {reviewer, "REVIEWER"}}) {
            assertThat(Api.post(
                                    "/users",
                                    "{\"username\":\"" + u[0] + "\",\"email\":\"" + u[0] + "@example.test\","
                                            + "\"password\":\"mail-password-123\",\"memberships\":[{\"organization\":\"default\",\"role\":\""
                                            + u[1] + "\"}]}")
                            .status())
                    .isEqualTo(201);
        }
        String group = unique("mailed");
        Reply created = Api.post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"scorer\",\"riskTier\":\"LOW\"," + "\"owners\":[\"" + owner
                        + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String model = created.json().getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        assertThat(Api.post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                .isEqualTo(200);
        String suite = unique("mail-suite");
        assertThat(Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"q\",\"kind\":"
                                        + "\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                        .status())
                .isEqualTo(201);
        assertThat(Api.post(path + "/evaluations", "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.4}}")
                        .status())
                .isEqualTo(202);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(reviewer).size() >= 1 && mailsTo(owner).size() >= 1);
        MimeMessage review = mailsTo(reviewer).get(0);
        assertThat(review.getSubject()).isEqualTo("Review requested: " + group + "/scorer 1.0.0");
        assertThat(((String) review.getContent())).contains("/api/v1/models/" + model + "/versions/1.0.0");
        MimeMessage failed = mailsTo(owner).get(0);
        assertThat(failed.getSubject()).isEqualTo("Evaluation FAILED: " + group + "/scorer 1.0.0");
        Thread.sleep(1000);
        assertThat(mailsTo(reviewer)).as("one mail per event and person").hasSize(1);
    }

    private static List<MimeMessage> mailsTo(String user) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(user + "@example.test"));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    @Test
    void everyEventIsPublishedToTheTopic() throws Exception {
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory("tcp://127.0.0.1:" + Integer.getInteger("registry.it.jms.port"));
                JMSContext context =
                        factory.createContext("registry", System.getProperty("registry.it.jms.password"))) {
            JMSConsumer consumer = context.createConsumer(context.createTopic("registry.events"));
            String group = unique("topical");
            String model = Api.createModel(group, "LOW").getString("id");
            Api.createVersion(model, "3.0.0");
            long deadline = System.currentTimeMillis() + 20_000;
            JsonObject event = null;
            while (event == null && System.currentTimeMillis() < deadline) {
                Message m = consumer.receive(1000);
                if (m != null && m.getBody(String.class).contains(model)) {
                    event = Json.createReader(new StringReader(m.getBody(String.class)))
                            .readObject();
                    assertThat(m.getStringProperty("type")).isEqualTo("version.created");
                }
            }
            assertThat(event).as("the version.created event on registry.events").isNotNull();
            assertThat(event.getString("version")).isEqualTo("3.0.0");
        }
    }
}
