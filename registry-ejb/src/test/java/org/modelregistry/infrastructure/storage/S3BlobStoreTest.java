package org.modelregistry.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link S3BlobStore} against a real S3-compatible server (s3proxy) on loopback. */
class S3BlobStoreTest {

    private static final int PART = 5 << 20; // S3's smallest part size
    private static final int MB = 1 << 20;

    @TempDir
    static Path dir;

    private static final Logger LOG = Logger.getLogger(S3BlobStoreTest.class.getName());

    private static S3ProxyServer server;

    /** A failed test shows the server's side too: a transport failure of the client says little by itself. */
    @RegisterExtension
    static final TestWatcher SERVER_SIDE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (server != null) {
                LOG.warning(() -> context.getDisplayName() + " failed; " + server.diagnostics());
            }
        }
    };

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A store on a new bucket of its own, with the given prefix and presign threshold. */
    private static S3BlobStore store(String prefix, long presignFrom, long copyLimit, Duration ttl) {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
        S3BlobStore store =
                new S3BlobStore(location(bucket, prefix, S3ProxyServer.SECRET_KEY, presignFrom), PART, copyLimit, ttl);
        store.client().createBucket(b -> b.bucket(bucket));
        return store;
    }

    private static S3BlobStore store() {
        return store("registry/blobs", -1, S3BlobStore.DEFAULT_COPY_LIMIT, S3BlobStore.DEFAULT_PRESIGN_TTL);
    }

    private static S3Location location(String bucket, String prefix, String secret, long presignFrom) {
        return new S3Location(
                bucket, prefix, server.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY, secret, true, presignFrom);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] read(S3BlobStore store, String sha, long offset, long length) throws IOException {
        try (InputStream in = store.open(sha, offset, length)) {
            return in.readAllBytes();
        }
    }

    /** Every key in the bucket, staging included. */
    private static List<String> keys(S3BlobStore store) {
        S3Client s3 = store.client();
        String bucket = bucketOf(store);
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static int pendingUploads(S3BlobStore store) {
        return store.client()
                .listMultipartUploads(b -> b.bucket(bucketOf(store)))
                .uploads()
                .size();
    }

    private static String bucketOf(S3BlobStore store) {
        return store.describe().substring("s3://".length()).split("[/ ]")[0];
    }

    @Test
    void streamsALargeUploadInPartsAndPublishesItUnderItsDigestOnlyOnCommit() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(12 * MB + 123, 1);
        String sha = sha256(content);
        try (BlobStore.StagedBlob staged = store.stage(new ByteArrayInputStream(content), 100L * MB)) {
            assertThat(staged.sha256()).isEqualTo(sha);
            assertThat(staged.size()).isEqualTo(content.length);
            assertThat(store.exists(sha)).isFalse(); // staged, not visible under its digest
            assertThat(keys(store)).singleElement().asString().startsWith("registry/blobs/staging/");
            staged.commit();
        }
        assertThat(store.exists(sha)).isTrue();
        assertThat(keys(store)).containsExactly("registry/blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
        assertThat(read(store, sha, 0, -1)).isEqualTo(content);
        assertThat(pendingUploads(store)).isZero();
    }

    @Test
    void readsByteRanges() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(3 * MB, 2);
        String sha = commit(store, content);
        assertThat(read(store, sha, 10, 100)).isEqualTo(Arrays.copyOfRange(content, 10, 110));
        assertThat(read(store, sha, content.length - 7, -1))
                .isEqualTo(Arrays.copyOfRange(content, content.length - 7, content.length));
        assertThat(read(store, sha, 5, 0)).isEmpty();
        // a reader that stops early (a client that went away) closes without reading the rest
        try (InputStream in = store.open(sha, 0, -1)) {
            assertThat(in.readNBytes(16)).isEqualTo(Arrays.copyOf(content, 16));
        }
        assertThatThrownBy(() -> store.open("0".repeat(64), 0, -1)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open("../" + sha.substring(3), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentThatIsNotCommittedLeavesNothingBehind() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(7 * MB, 3); // multipart: two parts
        try (BlobStore.StagedBlob staged = store.stage(new ByteArrayInputStream(content), 100L * MB)) {
            assertThat(staged.sha256()).isEqualTo(sha256(content)); // e.g. refused: not the declared digest
        }
        assertThat(keys(store)).isEmpty();
        assertThat(pendingUploads(store)).isZero();
        assertThat(store.exists(sha256(content))).isFalse();
    }

    @Test
    void contentPastTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(12 * MB, 4);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content), 6L * MB))
                .isInstanceOf(BlobTooLargeException.class);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(random(1000, 5)), 999))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(keys(store)).isEmpty();
        assertThat(pendingUploads(store)).isZero();
    }

    @Test
    void uploadingIdenticalContentAgainStoresItOnce() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(MB, 6);
        String sha = commit(store, content);
        assertThat(commit(store, content)).isEqualTo(sha);
        assertThat(keys(store)).containsExactly("registry/blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
        assertThat(read(store, sha, 0, -1)).isEqualTo(content);
    }

    @Test
    void concurrentIdenticalUploadsAllSucceedAndStoreOneObject() throws Exception {
        S3BlobStore store = store();
        byte[] content = random(6 * MB, 7);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<String> upload = () -> commit(store, content);
                results.add(pool.submit(upload));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(sha256(content));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(keys(store)).hasSize(1);
        assertThat(read(store, sha256(content), 0, -1)).isEqualTo(content);
    }

    @Test
    void contentLargerThanOneCopyIsPublishedPartByPart() throws Exception {
        S3BlobStore store = store("", -1, PART, S3BlobStore.DEFAULT_PRESIGN_TTL);
        byte[] content = random(11 * MB + 5, 8);
        String sha = commit(store, content);
        assertThat(keys(store)).containsExactly("sha256/" + sha.substring(0, 2) + "/" + sha);
        assertThat(read(store, sha, 0, -1)).isEqualTo(content);
        assertThat(pendingUploads(store)).isZero();
    }

    @Test
    void largeContentGetsAPresignedUrlThatWorksWithRangesAndExpires() throws Exception {
        S3BlobStore store = store("p", 1000, S3BlobStore.DEFAULT_COPY_LIMIT, Duration.ofSeconds(2));
        byte[] small = random(999, 9);
        byte[] large = random(4000, 10);
        assertThat(store.downloadUrl(commit(store, small), small.length, "s.bin", "application/octet-stream"))
                .isEmpty();
        String sha = commit(store, large);
        URI url = store.downloadUrl(sha, large.length, "weights v1.bin", "application/x-weights")
                .orElseThrow();
        assertThat(url.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole =
                http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(large);
        assertThat(whole.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"weights_v1.bin\"; filename*=UTF-8''weights%20v1.bin");
        HttpResponse<byte[]> part = http.send(
                HttpRequest.newBuilder(url).header("Range", "bytes=100-199").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(large, 100, 200));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 403);
    }

    @Test
    void theProbeNamesTheSettingToFixAndNeverACredential() throws Exception {
        S3BlobStore good = store();
        good.probe();
        String bucket = bucketOf(good);
        String wrongSecret = "wrong-secret-7d1e0b";
        try (S3BlobStore refused = new S3BlobStore(location(bucket, "", wrongSecret, -1))) {
            assertThatThrownBy(refused::probe)
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageStartingWith("registry.storage.s3.access-key / secret-key")
                    .hasMessageNotContaining(wrongSecret)
                    .hasMessageNotContaining(S3ProxyServer.ACCESS_KEY);
            assertThatThrownBy(() -> refused.stage(new ByteArrayInputStream(new byte[10]), 100))
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageNotContaining(wrongSecret)
                    .hasMessageNotContaining(S3ProxyServer.ACCESS_KEY);
            assertThat(refused.describe()).doesNotContain(wrongSecret).doesNotContain(S3ProxyServer.ACCESS_KEY);
        }
        try (S3BlobStore missing = new S3BlobStore(location("no-such-bucket", "", S3ProxyServer.SECRET_KEY, -1))) {
            assertThatThrownBy(missing::probe)
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageStartingWith("registry.storage.url: bucket no-such-bucket does not exist");
        }
        S3Location nowhere =
                new S3Location(bucket, "", URI.create("http://127.0.0.1:9"), "us-east-1", "a", "b", true, -1);
        try (S3BlobStore unreachable = new S3BlobStore(nowhere)) {
            assertThatThrownBy(unreachable::probe)
                    .isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageStartingWith(
                            "registry.storage.s3.endpoint: cannot reach the object store at" + " http://127.0.0.1:9");
        }
    }

    private static String commit(S3BlobStore store, byte[] content) throws IOException {
        try (BlobStore.StagedBlob staged = store.stage(new ByteArrayInputStream(content), 100L * MB)) {
            staged.commit();
            return staged.sha256();
        }
    }
}
