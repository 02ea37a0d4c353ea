package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Server-side request forgery and secrets at rest, tried as an organization ADMIN would: webhooks and targets
 * pointed at internal addresses in every spelling, an internal service's answer read back through the calls, a
 * huge answer, a target moved to another host with its token, and the database read for plain secrets. The only
 * loopback port the IT server may call here is this test's receiver ({@code registry.outbound.allow}).
 */
class OutboundIT extends RegistryDeployment {

    private static final int PORT = Integer.getInteger("registry.it.outbound.port");
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final long HUGE = 5L * 1024 * 1024;
    private static final String INTERNAL_ANSWER = "DATABASE_PASSWORD=hunter2-internal";

    /** The request heads the receiver saw, by path. */
    private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    /** Paths whose answer the registry stopped reading before the receiver could send it all. */
    private static final List<String> CUT_OFF = new CopyOnWriteArrayList<>();

    private static ServerSocket receiver;
    private static String admin;
    private static String deployer;

    @BeforeAll
    static void start() throws IOException {
        receiver = new ServerSocket(PORT, 50, InetAddress.getByName("127.0.0.1"));
        Thread accept = new Thread(
                () -> {
                    while (!receiver.isClosed()) {
                        try {
                            Socket s = receiver.accept();
                            new Thread(() -> answer(s)).start();
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "outbound-receiver");
        accept.setDaemon(true);
        accept.start();
        admin = Api.member("ADMIN");
        deployer = Api.member("DEPLOYER");
    }

    @AfterAll
    static void stop() throws IOException {
        receiver.close();
    }

    /**
     * A receiver written on a plain socket, so that the test sees what a client did with its answer: /huge announces
     * 5 MB and sends the first 64 KiB, waits, then tries the rest; /internal answers 500 with a secret in its body.
     */
    private static void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.write(c);
            }
            String request = head.toString(StandardCharsets.ISO_8859_1);
            String path = request.split(" ")[1];
            SEEN.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request);
            OutputStream out = s.getOutputStream();
            if (path.equals("/huge")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + HUGE + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                out.write(chunk);
                out.flush();
                Thread.sleep(3000); // a client reading it whole would still be waiting (and time out)
                try {
                    for (long sent = chunk.length; sent < HUGE; sent += chunk.length) {
                        out.write(chunk);
                    }
                    out.flush();
                } catch (IOException closedByTheClient) {
                    CUT_OFF.add(path);
                }
            } else if (path.equals("/internal")) {
                byte[] body = INTERNAL_ANSWER.getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } else {
                out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the registry closed the connection
        }
    }

    private static Reply createTarget(String url, String token) {
        return Api.post(
                "/deployment-targets",
                "{\"organization\":\"default\",\"name\":\"" + unique("t")
                        + "\",\"environment\":\"staging\",\"url\":\"" + url
                        + "\",\"secret\":\"outbound-secret-0123456789\""
                        + (token == null ? "" : ",\"token\":\"" + token + "\"") + "}",
                "Authorization",
                admin);
    }

    private static Reply createWebhook(String url, String secret, String group) {
        return Api.post(
                "/webhooks",
                "{\"name\":\"" + unique("hook") + "\",\"url\":\"" + url + "\",\"secret\":\"" + secret
                        + "\",\"events\":[\"*\"],\"groups\":[\"" + group + "\"]}",
                "Authorization",
                admin);
    }

    private static void assertRefusedNaming(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("field")))
                .as(r.body())
                .contains(field);
    }

    /** A LOW risk model with an APPROVED version 1.0.0; returns its id. */
    private static String approvedModel() {
        String model = Api.createModel(unique("outbound"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        assertThat(Api.post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}").status())
                .isEqualTo(200);
        assertThat(Api.post(path + "/approvals", "{\"decision\":\"APPROVE\"}", "Authorization", Api.member("REVIEWER"))
                        .status())
                .isEqualTo(201);
        return model;
    }

    private static JsonObject deployAndWait(String targetName, Predicate<JsonObject> done) {
        Reply queued = Api.post(
                "/models/" + approvedModel() + "/versions/1.0.0/deployments",
                "{\"target\":\"" + targetName + "\"}",
                "Authorization",
                deployer);
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        JsonObject[] last = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = get(queued.header("Location"), "Authorization", admin)
                            .json();
                    return done.test(last[0]);
                });
        return last[0];
    }

    private static boolean called(JsonObject deployment) {
        return !deployment.getJsonArray("calls").isEmpty();
    }

    @Test
    void webhooksToInternalAddressesAreRefusedInEverySpelling() {
        String group = unique("g");
        for (String url : List.of(
                "http://127.0.0.1:15432/",
                "http://localhost:15432/",
                "http://2130706433:15432/",
                "http://0x7f.1:15432/",
                "http://0177.0.0.1:15432/",
                "http://[::1]:15432/",
                "http://[::ffff:127.0.0.1]:15432/",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/",
                "http://0.0.0.0:9080/",
                "http://127.0.0.1:" + System.getProperty("registry.it.base.url").replaceAll(".*:", "")
                        + "/api/v1/users")) {
            assertRefusedNaming(createWebhook(url, "outbound-secret-0123456789", group), "url");
        }
        assertThat(createWebhook(BASE + "/events", "outbound-secret-0123456789", group)
                        .status())
                .as("the allow-listed receiver")
                .isEqualTo(201);
    }

    @Test
    void targetsToMetadataAndLoopbackAreRefusedOnCreateAndOnPatch() {
        assertRefusedNaming(createTarget("http://169.254.169.254/latest/meta-data/", null), "url");
        assertRefusedNaming(createTarget("http://[::ffff:a9fe:a9fe]/latest/meta-data/", null), "url");
        assertRefusedNaming(createTarget("http://localhost:15432/", null), "url");
        assertRefusedNaming(createTarget("http://0x7f.1:15432/", null), "url");
        Reply ok = createTarget(BASE + "/ok", null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertRefusedNaming(
                Api.patch(
                        "/deployment-targets/" + ok.json().getString("id"),
                        "{\"url\":"
                                + "\"http://169.254.169.254/latest/meta-data/iam/\",\"secret\":\"another-secret-0123456789\"}",
                        "Authorization",
                        admin),
                "url");
    }

    /** Deploys to a new target calling the receiver at {@code path}; returns the deployment once it made a call. */
    private static JsonObject deployToNewTarget(String path) {
        Reply target = createTarget(BASE + path, null);
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        return deployAndWait(target.json().getString("name"), OutboundIT::called);
    }

    @Test
    void anInternalServicesAnswerIsNeverReadBack() {
        JsonObject d = deployToNewTarget("/internal");
        JsonObject call = d.getJsonArray("calls").getJsonObject(0);
        assertThat(call.getInt("httpStatus")).isEqualTo(500);
        assertThat(call.getString("detail")).isEqualTo("HTTP 500");
        assertThat(d.toString()).doesNotContain("hunter2");

        String group = unique("g");
        Reply hook = createWebhook(BASE + "/internal", "outbound-secret-0123456789", group);
        assertThat(hook.status()).as(hook.body()).isEqualTo(201);
        Api.createVersion(Api.createModel(group, "LOW").getString("id"), "1.0.0"); // a version.created event
        String deliveries = "/webhooks/" + hook.json().getString("id") + "/deliveries";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> get(deliveries, "Authorization", admin).jsonAny().asJsonArray().stream()
                        .anyMatch(x -> !x.asJsonObject().getJsonArray("log").isEmpty()));
        JsonArray log = get(deliveries, "Authorization", admin).jsonAny().asJsonArray().stream()
                .map(x -> x.asJsonObject().getJsonArray("log"))
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(log.getJsonObject(0).getString("error")).isEqualTo("HTTP 500");
        assertThat(get(deliveries, "Authorization", admin).body()).doesNotContain("hunter2");
    }

    @Test
    void aHugeAnswerIsNotReadWhole() {
        JsonObject call = deployToNewTarget("/huge").getJsonArray("calls").getJsonObject(0);
        assertThat(call.getString("outcome"))
                .as("answered before the receiver sent the rest")
                .isEqualTo("ACCEPTED");
        assertThat(call.getString("detail")).isEqualTo("HTTP 200; answer too large, not read");
        assertThat(call.getInt("durationMs")).isLessThan(3000);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CUT_OFF.contains("/huge"));
    }

    @Test
    void movingATargetToAnotherHostDropsItsTokenAndTheDatabaseHoldsNoPlainSecret() throws Exception {
        String token = "ghp_" + unique("PRODUCTION-TOKEN");
        Reply created = createTarget(BASE + "/first", token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        try (Connection c = Api.db();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT secret, token FROM" + " deployment_target WHERE id = CAST(? AS uuid)")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString("token"))
                        .startsWith("sb1:")
                        .doesNotContain(token)
                        .doesNotContain(token.substring(4));
                assertThat(rs.getString("secret")).startsWith("sb1:").doesNotContain("outbound-secret");
            }
        }
        JsonObject first = deployAndWait(created.json().getString("name"), OutboundIT::called);
        assertThat(Api.post(
                                "/deployments/" + first.getString("id") + "/status",
                                "{\"state\":\"SUCCEEDED\"}",
                                "Authorization",
                                deployer)
                        .status())
                .isEqualTo(200);
        assertThat(SEEN.get("/first")).anyMatch(h -> h.contains("Authorization: Bearer " + token));

        // another host (localhost is not 127.0.0.1, even if both reach the same receiver here)
        String moved = "http://localhost:" + PORT + "/second";
        assertRefusedNaming(
                Api.patch("/deployment-targets/" + id, "{\"url\":\"" + moved + "\"}", "Authorization", admin),
                "secret");
        Reply patched = Api.patch(
                "/deployment-targets/" + id,
                "{\"url\":\"" + moved + "\",\"secret\":" + "\"a-new-secret-for-the-new-host\"}",
                "Authorization",
                admin);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().getBoolean("tokenSet")).isFalse();
        assertThat(Api.count(
                        "SELECT count(*) FROM audit_event WHERE object_id = CAST(? AS uuid) AND action ="
                                + " 'deployment-target.updated' AND details -> 'credentialsCleared' @> '[\"token\"]'",
                        id))
                .isEqualTo(1);
        deployAndWait(created.json().getString("name"), OutboundIT::called);
        assertThat(SEEN.get("/second"))
                .isNotEmpty()
                .noneMatch(h -> h.toLowerCase().contains("authorization:"));

        Reply hook = createWebhook(BASE + "/events", "webhook-plain-secret-42", unique("g"));
        assertThat(Api.count(
                        "SELECT count(*) FROM webhook_subscription WHERE id = CAST(? AS uuid) AND secret LIKE"
                                + " 'sb1:%' AND secret NOT LIKE '%webhook-plain-secret%' AND secrets_sealed",
                        hook.json().getString("id")))
                .isEqualTo(1);
    }
}
