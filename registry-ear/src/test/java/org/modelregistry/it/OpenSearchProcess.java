package org.modelregistry.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real OpenSearch 2.19 node with its k-NN plugin on 127.0.0.1, in a JVM of its own (liberty-config/opensearch: its
 * Lucene, Jackson, Netty and log4j stay off this JVM's class path). It starts with an empty data directory, and it
 * stops when {@link #stop} is called or when this JVM goes, however it goes (it watches its standard input).
 */
final class OpenSearchProcess {

    private static final Path MODULE =
            Path.of(System.getProperty("registry.it.opensearch.module", "../liberty-config/opensearch/target"));
    private static final Logger LOG = Logger.getLogger(OpenSearchProcess.class.getName());
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private final boolean knn;
    private Process process;

    OpenSearchProcess(Path home, int httpPort, int transportPort) {
        this(home, httpPort, transportPort, true);
    }

    /** {@code knn} false: a node without the k-NN plugin (no vector fields). */
    OpenSearchProcess(Path home, int httpPort, int transportPort, boolean knn) {
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.knn = knn;
    }

    /**
     * Starts a node in {@code <it data dir>/<name>} ({@code knn}: with the k-NN plugin) on the build's OpenSearch
     * ports, points the test server at it (server.xml variables in the override file {@code settings}: {@link
     * #backendSettings}) and starts the server.
     */
    static OpenSearchProcess startWithServer(String name, boolean knn, String settings) throws IOException {
        OpenSearchProcess node = startNode(name, knn);
        LibertyServer.overrideVariables(settings, node.backendSettings());
        LibertyServer.start();
        return node;
    }

    /** Starts a node in {@code <it data dir>/<name>} ({@code knn}: with the k-NN plugin) on the build's ports. */
    static OpenSearchProcess startNode(String name, boolean knn) throws IOException {
        OpenSearchProcess node = new OpenSearchProcess(
                Path.of(System.getProperty("registry.it.data.dir", "target/it-data"))
                        .resolve(name),
                Integer.getInteger("registry.it.opensearch.port", 19200),
                Integer.getInteger("registry.it.opensearch.transport.port", 19300),
                knn);
        Duration up = node.start();
        LOG.info(() -> "OpenSearch node up in " + up.toMillis() + " ms");
        return node;
    }

    /** The registry's settings of this node: the backend, its hosts and protocol (no version: it asks the node). */
    Map<String, String> backendSettings() {
        return Map.of(
                "registry.search.backend", "elasticsearch",
                "registry.search.elasticsearch.hosts", host(),
                "registry.search.elasticsearch.protocol", "http");
    }

    /** Stops the server, puts its settings back and stops the node: each step even when the one before failed. */
    static void stopWithServer(OpenSearchProcess node, String settings) throws InterruptedException {
        try {
            LibertyServer.stop();
        } finally {
            try {
                LibertyServer.overrideVariables(settings, null);
            } finally {
                if (node != null) {
                    node.stop();
                }
            }
        }
    }

    /** The node's REST address, {@code 127.0.0.1:<port>} (what registry.search.elasticsearch.hosts takes). */
    String host() {
        return "127.0.0.1:" + httpPort;
    }

    /** Starts the node and waits until the cluster is yellow or better; returns the time that took. */
    Duration start() throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(home);
        String classPath = MODULE.resolve("classes")
                + File.pathSeparator
                + MODULE.resolve("opensearch-knn").resolve("*") // the k-NN plugin's jars
                + File.pathSeparator
                + Files.readString(MODULE.resolve("opensearch-node.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dopensearch.node.watch-stdin=true",
                "-Dopensearch.node.knn=" + knn,
                "-cp",
                classPath,
                "org.modelregistry.opensearch.OpenSearchNode",
                home.toString(),
                Integer.toString(httpPort),
                Integer.toString(transportPort)));
        long started = System.nanoTime();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolveSibling(home.getFileName() + ".out").toFile())
                .start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the OpenSearch node exited with " + process.exitValue()
                                + "; see " + home.resolveSibling(home.getFileName() + ".out"));
                    }
                    return get("/_cluster/health?wait_for_status=yellow&timeout=1s")
                                    .statusCode()
                            == 200;
                });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** GET on the node's REST API. */
    HttpResponse<String> get(String path) {
        return send(request(path).timeout(Duration.ofSeconds(10)).build());
    }

    /** DELETE on the node's REST API. */
    HttpResponse<String> delete(String path) {
        return send(request(path).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + host() + path));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the node (SIGTERM closes it cleanly) and waits until its JVM is gone. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        process = null;
    }
}
