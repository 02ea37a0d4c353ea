package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.createModel;
import static org.modelregistry.it.Api.createVersion;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.put;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Artifact content on an S3-compatible object store, through the real server: s3proxy (filesystem backend) runs on a
 * reserved loopback port, the server is pointed at a bucket prefix there (registry.storage.url and
 * registry.storage.s3.*, as server.xml variables in a configDropins override, which MicroProfile Config reads above
 * the JVM's system properties) and restarted. Uploads are streamed in parts, downloads honour Range (small content
 * through the registry, large content by a redirect to a presigned URL after the access check), and an upload that
 * fails its digest or the size cap leaves no object in the bucket. Neither the secret key nor the access key ever
 * shows in the server's log or in a problem body. Starts and stops the server itself and removes the override.
 */
class S3StorageIT {

    private static final String BUCKET = "registry-it";
    private static final String PREFIX = "blobs/v1";
    private static final String ACCESS_KEY = "s3it-access-key-4b1f";
    private static final String SECRET_KEY = "s3it-secret-key-9e27c0";
    private static final long MAX_UPLOAD = 100L << 20;
    private static final int PRESIGN_FROM = 1 << 20;
    private static final Path OVERRIDE =
            LibertyServer.WLP.resolve("usr/servers/" + LibertyServer.NAME + "/configDropins/overrides/s3-it.xml");

    private static final Logger LOG = Logger.getLogger(S3StorageIT.class.getName());

    private static Process s3proxy;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        int port = Integer.getInteger("registry.it.s3.port", 19000);
        s3proxy = startS3Proxy(port);
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        writeOverride(Map.of(
                "registry.storage.url",
                "s3://" + BUCKET + "/" + PREFIX,
                "registry.storage.s3.endpoint",
                "http://127.0.0.1:" + port,
                "registry.storage.s3.region",
                "us-east-1",
                "registry.storage.s3.access-key",
                ACCESS_KEY,
                "registry.storage.s3.secret-key",
                SECRET_KEY,
                "registry.storage.s3.path-style",
                "true",
                "registry.storage.s3.presign-downloads",
                String.valueOf(PRESIGN_FROM),
                "registry.storage.max-upload-bytes",
                String.valueOf(MAX_UPLOAD)));
        try {
            LibertyServer.start();
        } catch (RuntimeException | Error e) {
            Files.deleteIfExists(OVERRIDE);
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            LibertyServer.stop();
        } finally {
            Files.deleteIfExists(OVERRIDE); // the next tests run on the local store again
            if (s3 != null) {
                s3.close();
            }
            if (s3proxy != null) {
                s3proxy.destroy();
                if (!s3proxy.waitFor(10, TimeUnit.SECONDS)) {
                    s3proxy.destroyForcibly();
                }
            }
        }
    }

    @Test
    void theReadinessReportShowsTheBucketAndNoCredential() {
        Reply r = get("/system/readiness");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject storage = r.json().getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("storage"))
                .findFirst()
                .orElseThrow();
        assertThat(storage.getString("status")).isEqualTo("UP");
        assertThat(storage.getJsonObject("data").getString("store")).startsWith("s3://" + BUCKET + "/" + PREFIX);
        assertThat(r.body()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
    }

    @Test
    void uploadsStreamToTheBucketAndDownloadsHonourRanges() throws Exception {
        String artifacts = draft();
        // small: served by the registry itself
        byte[] small = random(200_000, 1);
        String smallId = artifact(artifacts, "config.bin");
        Reply stored = put(artifacts + "/" + smallId + "/content", BodyPublishers.ofByteArray(small));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().getString("sha256")).isEqualTo(sha256(small));
        String url = Api.API + artifacts + "/" + smallId + "/content";
        HttpResponse<byte[]> range = Api.CLIENT.send(
                Api.request(url).header("Range", "bytes=1000-1999").build(), BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(small, 1000, 2000));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/200000");
        assertThat(range.headers().firstValue("Repr-Digest")).hasValue(reprDigest(small));

        // large: 96 MB streamed in parts through a server with a 320 MB heap (no Content-Length, so nothing is
        // known before the stream ends)
        byte[] large = random(96 << 20, 2);
        String largeId = artifact(artifacts, "weights.bin");
        long started = System.nanoTime();
        Reply big = put(artifacts + "/" + largeId + "/content", chunked(large));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(big.status()).as(big.body()).isEqualTo(200);
        LOG.info(() -> "96 MiB upload to the S3 store through the server: " + millis + " ms ("
                + (96_000L / Math.max(1, millis)) + " MiB/s)");
        String sha = sha256(large);
        assertThat(keys()).contains(contentKey(sha), contentKey(sha256(small)));
        assertThat(keys()).noneMatch(k -> k.contains("/staging/"));

        // its download is a redirect to a presigned URL, with the digest, only for a caller who may read it
        String largeUrl = Api.API + artifacts + "/" + largeId + "/content";
        HttpResponse<String> anonymous =
                Api.CLIENT.send(HttpRequest.newBuilder(URI.create(largeUrl)).build(), BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> redirect = Api.CLIENT.send(Api.request(largeUrl).build(), BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(redirect.headers().firstValue("Repr-Digest")).hasValue(reprDigest(large));
        URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(presigned.getPath()).isEqualTo("/" + BUCKET + "/" + contentKey(sha));
        assertThat(presigned.toString()).doesNotContain(SECRET_KEY);
        HttpResponse<byte[]> direct = Api.CLIENT.send(
                HttpRequest.newBuilder(presigned)
                        .header("Range", "bytes=" + (10 << 20) + "-" + ((10 << 20) + 4095))
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(206);
        assertThat(direct.body()).isEqualTo(Arrays.copyOfRange(large, 10 << 20, (10 << 20) + 4096));
        HttpResponse<byte[]> whole =
                Api.CLIENT.send(HttpRequest.newBuilder(presigned).build(), BodyHandlers.ofByteArray());
        assertThat(sha256(whole.body())).isEqualTo(sha); // what a client checks against Repr-Digest
    }

    @Test
    void anUploadThatFailsItsDigestOrTheSizeCapLeavesNoObject() throws Exception {
        String artifacts = draft();
        byte[] expected = random(3 << 20, 3);
        byte[] other = random(3 << 20, 4);
        Reply declared = post(
                artifacts,
                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"declared.bin\",\"sha256\":\"" + sha256(expected)
                        + "\",\"size\":" + expected.length + "}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String id = declared.json().getString("id");
        List<String> before = keys();
        Reply mismatch = put(artifacts + "/" + id + "/content", chunked(other));
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
        assertThat(mismatch.body()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        assertThat(get(artifacts + "/" + id).json().getBoolean("stored")).isFalse();
        assertThat(keys()).isEqualTo(before).doesNotContain(contentKey(sha256(other)));
        assertThat(pendingUploads()).isZero();

        String big = artifact(artifacts, "too-big.bin");
        Reply tooLarge = put(artifacts + "/" + big + "/content", chunked(random((int) MAX_UPLOAD + (1 << 20), 5)));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.body()).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
        assertThat(get(artifacts + "/" + big).json().getBoolean("stored")).isFalse();
        assertThat(keys()).isEqualTo(before);
        assertThat(pendingUploads()).isZero();

        // the right content still goes in afterwards
        Reply ok = put(artifacts + "/" + id + "/content", chunked(expected));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(keys()).contains(contentKey(sha256(expected)));
    }

    @Test
    void theServerLogNeverShowsTheCredentials() throws Exception {
        Path log = Path.of(System.getProperty("registry.it.server.log"));
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).contains("Artifact blob store: s3://" + BUCKET + "/" + PREFIX);
        assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
    }

    private static String draft() {
        String model = createModel(unique("s3"), "LOW").getString("id");
        createVersion(model, "1.0.0");
        return "/models/" + model + "/versions/1.0.0/artifacts";
    }

    private static String artifact(String artifacts, String name) {
        Reply r = post(artifacts, "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    /** A body sent without Content-Length (chunked), as a streaming client sends it. */
    private static HttpRequest.BodyPublisher chunked(byte[] content) {
        return BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                new ByteArrayInputStream(content, 0, content.length / 2),
                new ByteArrayInputStream(content, content.length / 2, content.length - content.length / 2)));
    }

    private static String contentKey(String sha) {
        return PREFIX + "/sha256/" + sha.substring(0, 2) + "/" + sha;
    }

    private static List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    private static int pendingUploads() {
        return s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String reprDigest(byte[] b) throws Exception {
        return "sha-256=:"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(b)) + ":";
    }

    /** The settings as server.xml variables (MicroProfile Config ordinal 500, above the JVM's -D options). */
    private static void writeOverride(Map<String, String> variables) throws IOException {
        Files.createDirectories(OVERRIDE.getParent());
        String xml = variables.entrySet().stream()
                .map(e -> "  <variable name=\"" + e.getKey() + "\" value=\"" + e.getValue() + "\"/>")
                .collect(Collectors.joining("\n", "<server>\n", "\n</server>\n"));
        Files.writeString(OVERRIDE, xml, StandardCharsets.UTF_8);
    }

    /** s3proxy (filesystem backend under target/) as a child JVM on the reserved port. */
    private static Process startS3Proxy(int port) throws Exception {
        Path dir = Path.of(System.getProperty("registry.it.s3.dir", "target/s3-it"));
        if (Files.exists(dir.resolve("data"))) { // an earlier run's bucket: every run starts from an empty store
            try (Stream<Path> old = Files.walk(dir.resolve("data"))) {
                for (Path f : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir.resolve("data"));
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", dir.resolve("data").toString());
        Path properties = dir.resolve("s3proxy.properties");
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, "S3StorageIT");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("registry.it.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        Process process = new ProcessBuilder(
                        java, "-Xmx256m", "-cp", jar, "org.gaul.s3proxy.Main", "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
                    }
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return process;
    }
}
