package org.modelregistry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final Path DIR = WLP.resolve("usr/servers/" + NAME);
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
        try {
            run("start");
            awaitReady();
        } catch (RuntimeException | Error e) {
            // a server that never became ready is stopped, or it outlives the build and holds its ports
            stop();
            throw e;
        }
    }

    /**
     * Deploys the EAR and starts the server without waiting for readiness: for a test that watches readiness come
     * (WarmupIT); {@link #awaitReady()} waits for it.
     */
    static void launch() {
        try {
            Files.createDirectories(DROPIN.getParent());
            Files.copy(EAR, DROPIN, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("start");
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

    /**
     * Sets server.xml variables in a file of their own under configDropins/overrides (null: removes the file). Liberty
     * gives server.xml variables to the application as MicroProfile Config properties, so a test can give the
     * registry's {@code registry.*} settings other values for a start, and take the file away to put them back.
     */
    static void overrideVariables(String file, Map<String, String> variables) {
        Path override = DIR.resolve("configDropins/overrides/" + file + ".xml");
        try {
            if (variables == null) {
                Files.deleteIfExists(override);
                return;
            }
            StringBuilder xml = new StringBuilder("<server>\n");
            variables.forEach((name, value) -> xml.append("  <variable name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"))
                    .append("\"/>\n"));
            Files.createDirectories(override.getParent());
            Files.writeString(override, xml.append("</server>\n"));
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

    /**
     * Copies the server directory to another server of this installation ({@code to}: usr/servers/<name>) without
     * what belongs to one running server (logs, work area, transaction log): ClusterIT's second server, and the
     * second registry of SecondRegistryImportIT.
     */
    static void copyServer(Path to) throws IOException {
        Path from = DIR;
        Set<String> skip = Set.of("logs", "workarea", "tranlog", "expanded", "messaging");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (skip.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
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
        kill(NAME);
    }

    /** Kills a server of this installation with SIGKILL and waits until it is gone. */
    static void kill(String server) {
        try {
            long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + server + ".pid"))
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
        try {
            run("start");
            awaitReady();
        } catch (RuntimeException | Error e) {
            // a server that never became ready is stopped, or it outlives the build and holds its ports
            stop();
            throw e;
        }
    }

    private static void run(String action) {
        run(NAME, action);
    }

    /** Runs {@code bin/server <action> <server>} (another server of this installation: ClusterIT's second one). */
    static void run(String server, String action) {
        ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, server)
                .redirectErrorStream(true)
                .redirectOutput(WLP.resolve("usr/servers/" + server + "-" + action + ".out")
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

    static void awaitReady() {
        awaitReady(Api.BASE_URL);
    }

    /** Waits until the server at {@code baseUrl} is ready and answers the API. */
    static void awaitReady(String baseUrl) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> Api.get(baseUrl + "/health/ready", Api.NO_AUTH, "").status() == 200
                        && Api.get(baseUrl + "/api/v1/system/ping", Api.NO_AUTH, "")
                                        .status()
                                < 500);
    }
}
