package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.createModel;
import static org.modelregistry.it.Api.createVersion;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.put;
import static org.modelregistry.it.Api.unique;
import static org.modelregistry.it.ModelApiIT.fields;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Artifacts of a version, their validation, and their content in the blob store. */
class ArtifactApiIT extends RegistryDeployment {

    private static final Path BLOBS = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"), "blobs");

    private String draft() {
        String model = createModel(unique("art"), "LOW").getString("id");
        createVersion(model, "1.0.0");
        return "/models/" + model + "/versions/1.0.0/artifacts";
    }

    @Test
    void registersAnArtifactByUriWithCanonicalLicence() {
        String artifacts = draft();
        Reply r = post(
                artifacts,
                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"model.safetensors\","
                        + "\"uri\":\"s3://models/fraud/model.safetensors\",\"sha256\":\"" + "AB".repeat(32) + "\","
                        + "\"size\":1234,\"license\":\"apache-2.0 OR (mit AND bsd-3-clause)\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonObject a = r.json();
        assertThat(a.getString("license")).isEqualTo("Apache-2.0 OR (MIT AND BSD-3-Clause)");
        assertThat(a.getString("sha256")).isEqualTo("ab".repeat(32));
        assertThat(a.getBoolean("stored")).isFalse();
        assertThat(get(artifacts + "/" + a.getString("id")).json().getInt("size"))
                .isEqualTo(1234);
        assertThat(get(artifacts).json().getJsonArray("items")).hasSize(1);

        Reply withException = post(
                artifacts,
                "{\"type\":\"CODE\",\"name\":\"src.tar\","
                        + "\"license\":\"GPL-2.0-or-later WITH Classpath-exception-2.0\"}");
        assertThat(withException.status()).isEqualTo(201);
        Reply custom = post(
                artifacts,
                "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"llama.bin\"," + "\"license\":\"LicenseRef-llama3-community\"}");
        assertThat(custom.status()).isEqualTo(201);
    }

    @Test
    void refusesInvalidArtifactsNamingTheFields() {
        String artifacts = draft();
        Reply r = post(
                artifacts,
                "{\"type\":\"WEIGHTS\",\"name\":\"\",\"sha256\":\"xyz\",\"size\":-1,"
                        + "\"license\":\"Apache-2\",\"uri\":\"relative/path\",\"mediaType\":\"nonsense\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(fields(r.json())).contains("type");
        Reply r2 = post(
                artifacts,
                "{\"type\":\"CODE\",\"name\":\"/etc/passwd\",\"sha256\":\"xyz\",\"size\":-1,"
                        + "\"license\":\"Apache-2\",\"uri\":\"relative/path\",\"mediaType\":\"nonsense\"}");
        assertThat(r2.status()).isEqualTo(422);
        assertThat(fields(r2.json())).contains("name", "sha256", "size", "license", "uri", "mediaType");
        assertThat(post(artifacts, "{\"type\":\"CODE\",\"name\":\"a\",\"license\":\"MIT OR\"}")
                        .status())
                .isEqualTo(422);
        assertThat(post(artifacts, "{\"type\":\"CODE\",\"name\":\"a\",\"license\":\"MIT or Apache-2.0\"}")
                        .status())
                .isEqualTo(422);

        post(artifacts, "{\"type\":\"CODE\",\"name\":\"same\"}");
        assertThat(post(artifacts, "{\"type\":\"CODE\",\"name\":\"same\"}").status())
                .isEqualTo(409);
        assertThat(get(artifacts + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void uploadsContentAndServesItWithEtagAndRanges() throws Exception {
        String artifacts = draft();
        String id = post(artifacts, "{\"type\":\"CONFIG\",\"name\":\"config.json\",\"mediaType\":\"application/json\"}")
                .json()
                .getString("id");
        byte[] content = new byte[100_000];
        new Random(42).nextBytes(content);
        String sha = sha256(content);

        Reply uploaded = put(artifacts + "/" + id + "/content", BodyPublishers.ofByteArray(content));
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().getString("sha256")).isEqualTo(sha);
        assertThat(uploaded.json().getInt("size")).isEqualTo(content.length);
        assertThat(uploaded.json().getBoolean("stored")).isTrue();
        assertThat(Files.exists(
                        BLOBS.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha)))
                .isTrue();

        String url = Api.API + artifacts + "/" + id + "/content";
        var whole = Api.CLIENT.send(Api.request(url).build(), BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/json");

        assertThat(range(url, "bytes=0-9").body()).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        var suffix = range(url, "bytes=-5");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 5, content.length));
        var open = range(url, "bytes=99990-");
        assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
        assertThat(open.body()).hasSize(10);
        assertThat(range(url, "bytes=200000-").statusCode()).isEqualTo(416);

        var cached = Api.CLIENT.send(
                Api.request(url).header("If-None-Match", "\"" + sha + "\"").build(), BodyHandlers.ofByteArray());
        assertThat(cached.statusCode()).isEqualTo(304);

        // content is immutable
        assertThat(put(artifacts + "/" + id + "/content", BodyPublishers.ofByteArray(new byte[] {1}))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void contentRulesForReferencesAndMissingUploads() {
        String artifacts = draft();
        String byUri = post(artifacts, "{\"type\":\"DATASET\",\"name\":\"train.parquet\",\"uri\":\"s3://b/train\"}")
                .json()
                .getString("id");
        assertThat(put(artifacts + "/" + byUri + "/content", BodyPublishers.ofByteArray(new byte[] {1}))
                        .status())
                .isEqualTo(409);
        assertThat(get(artifacts + "/" + byUri + "/content").status()).isEqualTo(404);
        assertThat(put(artifacts + "/" + UUID.randomUUID() + "/content", BodyPublishers.ofByteArray(new byte[] {1}))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDigestMismatchStoresNothing() throws Exception {
        String artifacts = draft();
        byte[] content = "the real weights".getBytes(StandardCharsets.UTF_8);
        String declared = sha256("other weights".getBytes(StandardCharsets.UTF_8));
        String id = post(artifacts, "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"w.bin\",\"sha256\":\"" + declared + "\"}")
                .json()
                .getString("id");

        Reply r = put(artifacts + "/" + id + "/content", BodyPublishers.ofByteArray(content));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().getString("type")).endsWith("/digest-mismatch");
        assertThat(fields(r.json())).contains("sha256");

        String actual = sha256(content);
        assertThat(Files.exists(
                        BLOBS.resolve("sha256").resolve(actual.substring(0, 2)).resolve(actual)))
                .isFalse();
        try (Stream<Path> staging = Files.list(BLOBS.resolve("staging"))) {
            assertThat(staging.filter(p -> p.getFileName().toString().startsWith("upload-"))
                            .filter(p -> isRecent(p)))
                    .isEmpty();
        }
        JsonObject after = get(artifacts + "/" + id).json();
        assertThat(after.getBoolean("stored")).isFalse();
        assertThat(after.getString("sha256")).isEqualTo(declared);
    }

    @Test
    void streamsAnUploadLargerThanTheServerHeap() throws Exception {
        String artifacts = draft();
        long size = 400L * 1024 * 1024; // the IT server runs with -Xmx320m
        String expected = sha256(new PatternStream(size));
        String id = post(
                        artifacts,
                        "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"big.bin\",\"sha256\":\"" + expected + "\","
                                + "\"size\":" + size + "}")
                .json()
                .getString("id");

        Reply r = put(
                artifacts + "/" + id + "/content",
                BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new PatternStream(size)), size));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getString("sha256")).isEqualTo(expected);

        var download = Api.CLIENT.send(
                Api.request(Api.API + artifacts + "/" + id + "/content").build(), BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream in = download.body()) {
            assertThat(sha256(in)).isEqualTo(expected);
        }
    }

    @Test
    void refusesAnUploadAboveTheLimitBeforeReadingIt() throws Exception {
        String artifacts = draft();
        String id = post(artifacts, "{\"type\":\"DATASET\",\"name\":\"huge.bin\"}")
                .json()
                .getString("id");
        long tooLarge = Long.parseLong(System.getProperty("registry.it.max.upload", "629145600")) + 1;
        URI base = URI.create(Api.BASE_URL);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1" + artifacts + "/" + id + "/content HTTP/1.1\r\nHost: " + base.getHost()
                            + "\r\nAuthorization: Bearer " + Api.adminToken()
                            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + tooLarge
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(get(artifacts + "/" + id).json().getBoolean("stored")).isFalse();
    }

    private static boolean isRecent(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() > System.currentTimeMillis() - 60_000;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<byte[]> range(String url, String range) throws Exception {
        return Api.CLIENT.send(Api.request(url).header("Range", range).build(), BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A deterministic, incompressible-looking stream of a given length, generated on the fly. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            position += n;
            return n;
        }
    }
}
