package org.modelregistry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelregistry.client.FakeRegistry.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.governance.DecisionRequest;
import org.modelregistry.api.governance.TransitionRequest;

/** The client against a registry played by the JDK's HTTP server: retries, keys, tokens, transfers, problems. */
class RegistryClientTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final UUID MODEL = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID ARTIFACT = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final String VERSION_PATH = "models/" + MODEL + "/versions/1.0.0";
    private static final String MODEL_JSON = "{\"id\":\"" + MODEL + "\",\"group\":\"g\",\"name\":\"m\",\"revision\":1}";

    @TempDir
    Path dir;

    private FakeRegistry server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRegistry().on("POST auth/token", FakeRegistry.token("t", 3600));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RegistryClient client(RetryPolicy retry) {
        return RegistryClient.builder(server.url())
                .credentials(Credentials.password("alice", "secret".toCharArray()))
                .retry(retry)
                .build();
    }

    private static RetryPolicy fast() {
        return new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void a503IsRetriedAfterTheDelayItsRetryAfterAsks() {
        server.on("GET models/" + MODEL, (ex, body, n) -> {
            if (n == 1) {
                ex.getResponseHeaders().add("Retry-After", "1");
                json(ex, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
            } else {
                json(ex, 200, MODEL_JSON);
            }
        });
        long start = System.nanoTime();
        ModelDto model = client(fast()).getModel(MODEL);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(model.name()).isEqualTo("m");
        assertThat(server.seen("GET models/" + MODEL)).hasSize(2);
        assertThat(took).as("Retry-After: 1 replaces the 10 ms back-off").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterDateIsReadAndCappedByTheMaximumDelay() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20));
        assertThat(policy.delay(1, inAnHour)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delay(1, "7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(3, "soon")).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aCreateWhoseConnectionDroppedIsSentAgainWithTheSameIdempotencyKey() {
        server.on("POST models", (ex, body, n) -> {
            if (n == 1) {
                throw new IOException("dropped"); // no answer: the connection closes under the client
            }
            json(ex, 201, MODEL_JSON);
        });
        ModelDto created = client(fast()).createModel(new CreateModelRequest(null, "g", "m", null, null, null, null));
        assertThat(created.id()).isEqualTo(MODEL);
        List<FakeRegistry.Seen> posts = server.seen("POST models");
        assertThat(posts).hasSize(2);
        String key = posts.get(0).header("Idempotency-Key");
        assertThat(key).isNotBlank();
        assertThat(posts.get(1).header("Idempotency-Key")).isEqualTo(key);
        assertThat(new String(posts.get(1).body())).contains("\"group\":\"g\"").doesNotContain("null");
    }

    @Test
    void aTransitionWithoutAKeyIsNotSentTwiceAfterADroppedConnectionButIsAfterA429() {
        server.on("POST " + VERSION_PATH + "/transitions", (ex, body, n) -> {
            throw new IOException("dropped");
        });
        RegistryClient client = client(fast());
        assertThatThrownBy(() ->
                        client.transitionVersion(MODEL, "1.0.0", new TransitionRequest(VersionState.IN_REVIEW, null)))
                .isInstanceOf(TransportException.class);
        assertThat(server.seen("POST " + VERSION_PATH + "/transitions")).hasSize(1);

        server.on("POST " + VERSION_PATH + "/approvals", (ex, body, n) -> {
            ex.getResponseHeaders().add("Retry-After", "0");
            json(ex, 429, "{\"title\":\"Too Many Requests\",\"status\":429}");
        });
        assertThatThrownBy(() -> client.decideApproval(MODEL, "1.0.0", null))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(429));
        assertThat(server.seen("POST " + VERSION_PATH + "/approvals"))
                .as("429 means the server did nothing: any request may be sent again")
                .hasSize(4);
    }

    @Test
    void aProblemDocumentBecomesATypedExceptionNamingItsFields() {
        server.on(
                "POST models",
                (ex, body, n) -> json(
                        ex,
                        422,
                        "{\"type\":\"https://registry/problems/invalid-input\",\"title\":\"Invalid input\",\"status\":422,"
                                + "\"detail\":\"1 field is invalid\",\"requestId\":\"r-1\","
                                + "\"errors\":[{\"field\":\"name\",\"message\":\"must be a DNS label\"}]}"));
        server.on("GET models/" + MODEL, (ex, body, n) -> json(ex, 403, "{\"title\":\"Forbidden\",\"status\":403}"));
        RegistryClient client = client(RetryPolicy.none());
        assertThatThrownBy(
                        () -> client.createModel(new CreateModelRequest(null, "g", "Bad Name", null, null, null, null)))
                .isInstanceOfSatisfying(ProblemException.InvalidInput.class, p -> {
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.type()).endsWith("invalid-input");
                    assertThat(p.errors())
                            .singleElement()
                            .satisfies(e -> assertThat(e.field()).isEqualTo("name"));
                    assertThat(p.requestId()).isEqualTo("r-1");
                    assertThat(p.getMessage()).contains("name must be a DNS label");
                });
        assertThatThrownBy(() -> client.getModel(MODEL)).isInstanceOf(ProblemException.Forbidden.class);
        assertThatThrownBy(() -> client.getModel(UUID.randomUUID())).isInstanceOf(ProblemException.NotFound.class);
    }

    @Test
    void anApprovalIsReadThoughItsRecordHasTwoConstructors() {
        server.on(
                "POST " + VERSION_PATH + "/approvals",
                (ex, body, n) -> json(
                        ex,
                        201,
                        "{\"decision\":\"APPROVE\",\"reviewRound\":1,\"reviewer\":\"bob\",\"version\":\"1.0.0\","
                                + "\"versionState\":\"APPROVED\",\"heldBy\":[]}"));
        ApprovalDto a =
                client(RetryPolicy.none()).decideApproval(MODEL, "1.0.0", new DecisionRequest(Decision.APPROVE, null));
        assertThat(a.versionState()).isEqualTo(VersionState.APPROVED);
        assertThat(a.reviewer()).isEqualTo("bob");
        assertThat(new String(server.seen("POST " + VERSION_PATH + "/approvals")
                        .get(0)
                        .body()))
                .isEqualTo("{\"decision\":\"APPROVE\"}");
    }

    @Test
    void theTokenIsRenewedBeforeItExpiresAndOnceWhenTheServerRefusesIt() {
        MutableClock clock = new MutableClock();
        server.on("POST auth/token", FakeRegistry.token("t", 120));
        server.on("GET models/" + MODEL, (ex, body, n) -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth.equals("Bearer t3")) {
                json(ex, 200, MODEL_JSON);
            } else if (auth.equals("Bearer t2")) { // say, the signing key was rotated
                json(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            } else {
                json(ex, 200, MODEL_JSON);
            }
        });
        RegistryClient client = RegistryClient.builder(server.url())
                .credentials(Credentials.apiKey("key-1"))
                .clock(clock)
                .retry(RetryPolicy.none())
                .build();
        client.getModel(MODEL);
        client.getModel(MODEL);
        assertThat(server.seen("POST auth/token"))
                .as("one token for both calls")
                .hasSize(1);
        assertThat(new String(server.seen("POST auth/token").get(0).body())).isEqualTo("{\"apiKey\":\"key-1\"}");

        clock.advance(Duration.ofSeconds(100)); // within the 30 s margin of its expiry
        client.getModel(MODEL);
        assertThat(server.seen("POST auth/token"))
                .as("t2 fetched before expiry, refused, t3 fetched")
                .hasSize(3);
        assertThat(server.seen("GET models/" + MODEL).stream().map(s -> s.header("Authorization")))
                .containsExactly("Bearer t1", "Bearer t1", "Bearer t2", "Bearer t3");
    }

    @Test
    void aSavedTokenPastItsExpiryIsNotSent() {
        RegistryClient client = RegistryClient.builder(server.url())
                .credentials(Credentials.token("old", Instant.now().minusSeconds(5)))
                .build();
        assertThatThrownBy(() -> client.getModel(MODEL))
                .isInstanceOf(ProblemException.Unauthorized.class)
                .hasMessageContaining("expired");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void anUploadIsStreamedHashedAndCheckedAgainstWhatTheRegistryStored() throws Exception {
        byte[] content = randomBytes(300_000);
        Path file = Files.write(dir.resolve("model.bin"), content);
        String sha = EvidenceBundle.sha256(content);
        AtomicReference<String> stored = new AtomicReference<>();
        server.on("PUT " + VERSION_PATH + "/artifacts/" + ARTIFACT + "/content", (ex, body, n) -> {
            stored.set(ex.getRequestHeaders().getFirst("Content-Length"));
            json(ex, 200, artifactJson(EvidenceBundle.sha256(body), body.length));
        });
        ArtifactDto dto =
                client(fast()).uploadArtifactContent(MODEL, "1.0.0", ARTIFACT, file, null, ProgressListener.NONE);
        assertThat(dto.sha256()).isEqualTo(sha);
        assertThat(stored.get()).isEqualTo(String.valueOf(content.length));

        server.on(
                "PUT " + VERSION_PATH + "/artifacts/" + ARTIFACT + "/content",
                (ex, body, n) -> json(ex, 200, artifactJson("00".repeat(32), body.length)));
        assertThatThrownBy(() -> client(fast())
                        .uploadArtifactContent(MODEL, "1.0.0", ARTIFACT, file, null, ProgressListener.NONE))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(sha);
    }

    @Test
    void aDownloadCutOffMidwayIsResumedWithRangeAndItsDigestChecked() throws Exception {
        byte[] content = randomBytes(1_000_000);
        String sha = EvidenceBundle.sha256(content);
        server.on(
                "GET " + VERSION_PATH + "/artifacts/" + ARTIFACT,
                (ex, body, n) -> json(ex, 200, artifactJson(sha, content.length)));
        server.on("GET " + VERSION_PATH + "/artifacts/" + ARTIFACT + "/content", (ex, body, n) -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range == null) { // the first answer stops after 400,000 of its 1,000,000 bytes
                ex.sendResponseHeaders(200, content.length);
                OutputStream out = ex.getResponseBody();
                out.write(content, 0, 400_000);
                out.flush();
                throw new IOException("connection dropped by the test");
            }
            int from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            ex.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            ex.sendResponseHeaders(206, content.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content, from, content.length - from);
            }
        });
        Path target = dir.resolve("out.bin");
        DownloadResult r =
                client(fast()).downloadArtifactContent(MODEL, "1.0.0", ARTIFACT, target, ProgressListener.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(r.sha256()).isEqualTo(sha);
        assertThat(r.requests()).isEqualTo(2);
        List<FakeRegistry.Seen> gets = server.seen("GET " + VERSION_PATH + "/artifacts/" + ARTIFACT + "/content");
        assertThat(gets).hasSize(2);
        long resumedAt = Long.parseLong(gets.get(1).header("Range").replaceAll("\\D", ""));
        assertThat(resumedAt).isPositive().isLessThan(content.length);
        assertThat(gets.get(1).header("If-Range")).isEqualTo("\"" + sha + "\"");
        assertThat(dir.resolve("out.bin.part")).doesNotExist();
    }

    @Test
    void aPartialFileOfAnEarlierRunIsContinuedAndContentThatDoesNotMatchItsDigestIsNotKept() throws Exception {
        byte[] content = randomBytes(100_000);
        String sha = EvidenceBundle.sha256(content);
        server.on(
                "GET " + VERSION_PATH + "/artifacts/" + ARTIFACT,
                (ex, body, n) -> json(ex, 200, artifactJson(sha, content.length)));
        server.on("GET " + VERSION_PATH + "/artifacts/" + ARTIFACT + "/content", (ex, body, n) -> {
            int from = Integer.parseInt(ex.getRequestHeaders()
                    .getFirst("Range")
                    .replace("bytes=", "")
                    .replace("-", ""));
            ex.sendResponseHeaders(206, content.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content, from, content.length - from);
            }
        });
        Path target = dir.resolve("weights.bin");
        Files.write(dir.resolve("weights.bin.part"), Arrays.copyOf(content, 30_000));
        DownloadResult r =
                client(fast()).downloadArtifactContent(MODEL, "1.0.0", ARTIFACT, target, ProgressListener.NONE);
        assertThat(r.resumedFrom()).isEqualTo(30_000);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);

        Files.delete(target);
        byte[] wrong = Arrays.copyOf(content, 30_000);
        wrong[7] ^= 1; // a corrupt partial file: the whole-file digest catches it
        Files.write(dir.resolve("weights.bin.part"), wrong);
        assertThatThrownBy(() ->
                        client(fast()).downloadArtifactContent(MODEL, "1.0.0", ARTIFACT, target, ProgressListener.NONE))
                .isInstanceOfSatisfying(
                        DigestMismatchException.class,
                        e -> assertThat(e.expected()).isEqualTo(sha));
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("weights.bin.part")).doesNotExist();
    }

    private static String artifactJson(String sha, long size) {
        return JSONB.toJson(new ArtifactDto(
                ARTIFACT,
                MODEL,
                "1.0.0",
                ArtifactType.MODEL_WEIGHTS,
                "model.bin",
                null,
                sha,
                size,
                null,
                "application/octet-stream",
                true,
                null,
                "alice",
                null,
                1));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
