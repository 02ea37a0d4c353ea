package org.modelregistry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The test Liberty server (made by liberty:create with the test settings), driven through its own bin/server: the
 * EAR this module built goes to dropins, exactly as the run command deploys it. The integration tests share one
 * start for the whole test JVM ({@link RegistryDeployment}); CrashIT also kills and restarts it.
 */
final class LibertyServer {

    static final Path WLP = Path.of(System.getProperty("registry.it.wlp.dir", "target/liberty/wlp"));
    static final String NAME = System.getProperty("registry.it.server", "registry-it");
    private static final Path EAR = Path.of(System.getProperty("registry.it.ear", "target/registry.ear"));
    private static final Path DIR = WLP.resolve("usr/servers/" + NAME);
    private static final Path DROPIN = DIR.resolve("dropins/registry.ear");

    private LibertyServer() {}

    /** Deploys the EAR and starts the server, then waits until the registry answers. */
    static void start() {
        try {
            Files.createDirectories(DROPIN.getParent());
            Files.copy(EAR, DROPIN, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("start");
        try {
            awaitReady();
        } catch (RuntimeException | Error e) {
            // a server that never became ready is stopped, or it outlives the build and holds its ports
            stop();
            throw e;
        }
    }

    /**
     * Sets a bootstrap property of the test server (it wins over environment variables and server.xml defaults)
     * and returns its previous value, so a test can point the server elsewhere and back.
     */
    static String bootstrap(String key, String value) {
        Path file = DIR.resolve("bootstrap.properties");
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            String previous = null;
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(key + "=")) {
                    previous = lines.get(i).substring(key.length() + 1);
                    lines.set(i, key + "=" + value);
                    found = true;
                }
            }
            if (!found) {
                lines.add(key + "=" + value);
            }
            Files.write(file, lines);
            return previous;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a bootstrap property {@link #bootstrap} added (one the server did not have before). */
    static void unsetBootstrap(String key) {
        Path file = DIR.resolve("bootstrap.properties");
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            lines.removeIf(line -> line.startsWith(key + "="));
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and removes the EAR. */
    static void stop() {
        try {
            run("stop");
        } finally {
            try {
                Files.deleteIfExists(DROPIN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kills the server's JVM with SIGKILL and waits until it is gone. */
    static void kill() {
        try {
            long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + NAME + ".pid"))
                    .trim());
            ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow();
            if (!jvm.destroyForcibly()) {
                throw new IllegalStateException("SIGKILL not sent to " + pid);
            }
            jvm.onExit().join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again (after {@link #kill}) with the EAR still in dropins. */
    static void restart() {
        run("start");
        try {
            awaitReady();
        } catch (RuntimeException | Error e) {
            // a server that never became ready is stopped, or it outlives the build and holds its ports
            stop();
            throw e;
        }
    }

    private static void run(String action) {
        ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME)
                .redirectErrorStream(true)
                .redirectOutput(WLP.resolve("usr/servers/" + NAME + "-" + action + ".out")
                        .toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("server " + action + " took more than 180 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() ->
                        Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "").status() == 200
                                && Api.get(Api.BASE_URL + "/api/v1/system/ping", Api.NO_AUTH, "")
                                                .status()
                                        < 500);
    }
}
