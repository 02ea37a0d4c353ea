package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Shedding load through the real server, started with an admission limit of 4 requests in flight, 2 per caller:
 * slow request bodies (the attacker's cheapest way to hold a slot) take slots for as long as they trickle; past a
 * caller's share that caller is refused while others are served, past the limit everyone is answered 503 with
 * {@code Retry-After} and a problem document at once, the API and the console alike, while Liberty's health and
 * metrics endpoints still answer; once the slow requests end (the client gives up, the body read fails) their slots
 * are free again. Restarts the server with these settings (server.xml variables in a configDropins file; the crash
 * execution) and removes them afterwards.
 */
class AdmissionIT {

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        SETTINGS.put("registry.admission.max-concurrent", "4");
        SETTINGS.put("registry.admission.max-per-principal", "2");
        SETTINGS.put("registry.admission.max-transfers", "2");
        SETTINGS.put("registry.admission.retry-after-seconds", "3");
    }

    private final List<Socket> slow = new ArrayList<>();

    @BeforeAll
    static void start() {
        LibertyServer.overrideVariables("admission-it", SETTINGS);
        LibertyServer.start();
    }

    @AfterAll
    static void stop() {
        try {
            LibertyServer.stop();
        } finally {
            LibertyServer.overrideVariables("admission-it", null);
        }
    }

    @AfterEach
    void giveUpTheSlowRequests() {
        for (Socket s : slow) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
        slow.clear();
        // their body reads fail, and every slot is free again (/metrics itself holds none)
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> Pattern.compile("registry_admission_in_flight\\{[^}]*pool=\"requests\"[^}]*} 0(\\.0)?\\b")
                        .matcher(PlatformIT.metricsText())
                        .find());
    }

    @Test
    void aCallerHoldingItsShareIsRefusedWhileOthersAreServed() throws Exception {
        String admin = "Bearer " + Api.adminToken();
        String other = Api.member("VIEWER");
        holdSlot(admin);
        holdSlot(admin);
        // the admin's third request, however it comes, is refused: its two slow bodies hold its share
        Awaitility.await().atMost(WAIT).until(() -> ping(admin).status() == 503);
        Reply refused = ping(admin);
        assertOverloaded(refused, "(share)");
        // the limit is not reached: anyone else is served at once
        assertThat(ping(other).status()).isEqualTo(200);
        assertThat(Api.get("/models?limit=1", "Authorization", other).status()).isEqualTo(200);
    }

    @Test
    void pastTheLimitEveryoneIsAnswered503AtOnceButHealthAndMetricsStillAnswer() throws Exception {
        // contributors may create models, so their slow bodies are read (a viewer's would be refused before)
        String first = Api.member("CONTRIBUTOR");
        String second = Api.member("CONTRIBUTOR");
        String third = Api.member("VIEWER");
        holdSlot(first);
        holdSlot(first);
        holdSlot(second);
        holdSlot(second);
        Awaitility.await().atMost(WAIT).until(() -> ping(third).status() == 503);

        long t0 = System.nanoTime();
        Reply refused = ping(third);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertOverloaded(refused, "(limit)");
        assertThat(millis).as("answered at once, not queued").isLessThan(2_000);

        // anonymous calls too: a sign-in is refused before its password is checked, the console's pages alike
        Reply signIn =
                Api.post("/auth/token", "{\"username\":\"admin\",\"password\":\"wrong-password\"}", Api.NO_AUTH, "");
        assertOverloaded(signIn, "(limit)");
        Reply console = Api.get(Api.BASE_URL + "/console/login.xhtml", Api.NO_AUTH, "");
        assertThat(console.status()).isEqualTo(503);
        assertThat(console.header("Retry-After")).isEqualTo("3");
        assertThat(console.contentType()).startsWith("application/problem+json");

        // Liberty's own endpoints are outside the web modules: never shed
        assertThat(Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status())
                .isEqualTo(200);
        String metrics = PlatformIT.metricsText();
        assertThat(metrics).containsPattern("registry_admission_in_flight\\{[^}]*pool=\"requests\"[^}]*} 4(\\.0)?\\b");
        assertThat(metrics).containsPattern("registry_admission_limit\\{[^}]*pool=\"requests\"[^}]*} 4(\\.0)?\\b");
        assertThat(metrics)
                .containsPattern("registry_admission_shed\\{[^}]*pool=\"requests\"[^}]*reason=\"limit\"[^}]*} [1-9]");
    }

    @Test
    void slowUploadsHoldTransferSlotsNotTheApisOnes() throws Exception {
        String admin = "Bearer " + Api.adminToken();
        String model = Api.createModel(Api.unique("shed"), "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String artifacts = "/models/" + model + "/versions/1.0.0/artifacts";
        String a = Api.post(artifacts, "{\"type\":\"CONFIG\",\"name\":\"a.bin\"}")
                .json()
                .getString("id");
        String b = Api.post(artifacts, "{\"type\":\"CONFIG\",\"name\":\"b.bin\"}")
                .json()
                .getString("id");
        holdSlot(admin, "PUT", "/api/v1" + artifacts + "/" + a + "/content", "application/octet-stream");
        // a caller's share of the 2 transfer slots is 1: the admin's second upload is refused at once ...
        Awaitility.await()
                .atMost(WAIT)
                .until(() ->
                        Api.put(artifacts + "/" + b + "/content", HttpRequest.BodyPublishers.ofByteArray(new byte[] {1
                                        }))
                                        .status()
                                == 503);
        // ... while the API's own slots are all still there, for the uploader too
        assertThat(ping(admin).status()).isEqualTo(200);
        assertThat(Api.get("/models/" + model).status()).isEqualTo(200);
    }

    private static void assertOverloaded(Reply reply, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("3");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("type")).endsWith("/overloaded");
        assertThat(reply.json().getString("detail")).contains(reason);
    }

    private static Reply ping(String authorization) {
        return Api.get("/system/ping", "Authorization", authorization);
    }

    private void holdSlot(String authorization) throws IOException {
        holdSlot(authorization, "POST", "/api/v1/models", "application/json");
    }

    /** Sends a request's headers and the first byte of a body that never comes: the slot is held until we close. */
    private void holdSlot(String authorization, String method, String path, String type) throws IOException {
        URI base = URI.create(Api.BASE_URL);
        Socket socket = new Socket(base.getHost(), base.getPort());
        slow.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nAuthorization: " + authorization + "\r\nContent-Type: " + type
                        + "\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
