package org.modelregistry.infrastructure.storage;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the tests: s3proxy with its filesystem backend, on 127.0.0.1 and a free port, in a
 * child JVM (its all-in-one jar brings its own AWS SDK, Guava and logback, which would clash with the registry's on
 * one class path). Requests must be signed with {@link #ACCESS_KEY} / {@link #SECRET_KEY}.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "registry-test-access";
    static final String SECRET_KEY = "registry-test-secret-5f3c9a";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3ProxyServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts the server with its data in {@code dir}; returns once it accepts connections. */
    static S3ProxyServer start(Path dir) throws IOException {
        String jar = System.getProperty("registry.test.s3proxy.jar", "target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + " (made by the test-s3proxy copy)");
        }
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", data.toString());
        Path properties = dir.resolve("s3proxy.properties");
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, "test S3 server");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java, "-Xmx512m", "-cp", jar, "org.gaul.s3proxy.Main", "--properties", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        S3ProxyServer server =
                new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port), dir.resolve("s3proxy.log"));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": "
                                    + Files.readString(dir.resolve("s3proxy.log")));
                        }
                        return accepts(port);
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Whether the server still runs, whether it accepts connections, and the end of its log: for a failed test. */
    String diagnostics() {
        String tail;
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            tail = "(cannot read " + log + ": " + e + ")";
        }
        return "s3proxy at " + endpoint + ": " + (process.isAlive() ? "running" : "exited with " + process.exitValue())
                + ", " + (accepts(endpoint.getPort()) ? "accepts connections" : "refuses connections")
                + "; the end of its log:\n" + tail;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
