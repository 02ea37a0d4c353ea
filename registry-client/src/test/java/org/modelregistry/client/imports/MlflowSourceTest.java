package org.modelregistry.client.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.client.DigestMismatchException;

/** {@link MlflowSource} against an MLflow server played by the JDK's HTTP server. */
class MlflowSourceTest {

    private HttpServer server;
    private final List<String> queries = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile byte[] file = new byte[0];
    private volatile String reprDigest;

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/2.0/mlflow/registered-models/search", e -> {
            String q = URLDecoder.decode(String.valueOf(e.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
            queries.add(q);
            authorizations.add(e.getRequestHeaders().getFirst("Authorization"));
            String answer = q.contains("page_token=p2")
                    ? "{\"registered_models\":[{\"name\":\"c\"}]}"
                    : "{\"registered_models\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"next_page_token\":\"p2\"}";
            send(e, status, status == 200 ? answer : body);
        });
        server.createContext("/api/2.0/mlflow/model-versions/search", e -> {
            queries.add(URLDecoder.decode(e.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            send(e, status, body);
        });
        server.createContext("/api/2.0/mlflow-artifacts/artifacts/", e -> {
            if (reprDigest != null) {
                e.getResponseHeaders().add("Repr-Digest", reprDigest);
            }
            e.sendResponseHeaders(200, file.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(file);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(HttpExchange e, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private MlflowSource source() {
        return MlflowSource.of("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void followsPageTokensAndSendsTheCredentials() {
        MlflowSource s = source().withBasic("alice", "secret");
        var first = s.searchModels(null);
        var second = s.searchModels(first.nextPageToken());
        assertThat(first.items()).extracting(MlflowJson.RegisteredModel::name).containsExactly("a", "b");
        assertThat(second.items()).extracting(MlflowJson.RegisteredModel::name).containsExactly("c");
        assertThat(second.nextPageToken()).isNull();
        assertThat(queries.get(1)).contains("page_token=p2").contains("max_results=100");
        assertThat(authorizations.get(0))
                .isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(source().withToken("t0k").searchModels(null).items()).hasSize(2);
        assertThat(authorizations.get(2)).isEqualTo("Bearer t0k");
    }

    @Test
    void searchesTheVersionsOfOneModelByName() {
        body = "{\"model_versions\":[{\"name\":\"it's\",\"version\":\"1\"}]}";
        assertThat(source().searchVersions("it's", null).items()).hasSize(1);
        assertThat(queries.get(0)).contains("filter=name = \"it's\"");
        source().searchVersions("fraud", "tok");
        assertThat(queries.get(1)).contains("filter=name = 'fraud'").contains("page_token=tok");
    }

    @Test
    void refusedCredentialsAreRefusedWithMlflowsMessage() {
        status = 401;
        body = "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Wrong credentials\"}";
        assertThatThrownBy(() -> source().searchModels(null))
                .isInstanceOfSatisfying(
                        ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.REFUSED))
                .hasMessageContaining("answered 401: UNAUTHENTICATED: Wrong credentials");
    }

    @Test
    void aServerErrorOrNoServerIsUnreachable() throws IOException {
        status = 503;
        body = "busy";
        assertThatThrownBy(() -> source().searchModels(null))
                .isInstanceOfSatisfying(
                        ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.UNREACHABLE));
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> MlflowSource.of("http://127.0.0.1:" + closed).searchModels(null))
                .isInstanceOfSatisfying(
                        ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.UNREACHABLE))
                .hasMessageContaining("cannot reach the MLflow server at http://127.0.0.1:" + closed);
        assertThatThrownBy(() -> MlflowSource.of("ftp://x")).hasMessageContaining("--url");
    }

    @Test
    void downloadsAreStreamedHashedAndCheckedAgainstTheDeclaredDigest() throws Exception {
        file = "weights".getBytes(StandardCharsets.UTF_8);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(file);
        reprDigest = "sha-256=:" + Base64.getEncoder().encodeToString(sha) + ":";
        MlflowSource.Download d = source().download("g/m/1/model.bin", temp.resolve("a"));
        assertThat(d.sha256()).isEqualTo(HexFormat.of().formatHex(sha));
        assertThat(d.size()).isEqualTo(7);
        assertThat(Files.readAllBytes(temp.resolve("a"))).isEqualTo(file);

        file = "tampered".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> source().download("g/m/1/model.bin", temp.resolve("b")))
                .isInstanceOf(DigestMismatchException.class);
    }
}
