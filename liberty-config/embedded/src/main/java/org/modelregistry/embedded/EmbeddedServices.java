package org.modelregistry.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the embedded defaults and, in {@code run} mode, Liberty beside them; stops everything together.
 *
 * <pre>
 * run   &lt;wlp dir&gt; &lt;server name&gt;   start PostgreSQL (unless REGISTRY_DB_URL points elsewhere) and an Artemis
 *                                  broker (unless REGISTRY_JMS_HOST does), run Liberty in the
 *                                  foreground with the connection settings in its environment, stop both on exit
 * start &lt;data dir&gt; &lt;port&gt; [jms port]  run a throw-away PostgreSQL (and Artemis broker) for integration
 * tests
 *                                  (the build runs it in the background)
 * await &lt;port&gt; &lt;seconds&gt;           wait until something accepts connections on 127.0.0.1:port
 * stop  &lt;data dir&gt;                 stop the PostgreSQL whose pid file is in the data directory
 * </pre>
 *
 * Settings come from environment variables (or the same names as system properties, lower case with dots):
 * REGISTRY_DATA_DIR (default ~/.model-registry), REGISTRY_EMBEDDED_DB_PORT (default 15432), REGISTRY_DB_URL,
 * REGISTRY_EMBEDDED_JMS_PORT (default 61616), REGISTRY_JMS_HOST / REGISTRY_JMS_PORT (an external broker),
 * REGISTRY_JMS_AUDIT_LOG (true: keep the embedded broker's audit log; default false).
 * Both embedded services are supervised ({@link Supervisor}): one that stops on its own is started again.
 * The embedded services' passwords are generated into {@code <data dir>/keys/} (db-superuser-password,
 * db-owner-password, db-app-password, broker-password, keystore-password; mode 600) unless REGISTRY_DB_OWNER_PASSWORD,
 * REGISTRY_DB_PASSWORD, REGISTRY_JMS_PASSWORD or keystore_password give them; Liberty gets them in its environment.
 */
public final class EmbeddedServices {

    private static final Logger LOG = Logger.getLogger(EmbeddedServices.class.getName());

    /** The environment variable Liberty reads its default keystore's password from. */
    static final String KEYSTORE_ENV = "keystore_password";

    private EmbeddedServices() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: run <wlp dir> <server> | start <data dir> <port> | stop <data dir>");
        }
        switch (args[0]) {
            case "run" -> run(Path.of(args[1]), args[2]);
            case "start" ->
                startForTests(
                        Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
            case "await" -> await(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "stop" -> stop(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static String setting(String env, String defaultValue) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(env.toLowerCase().replace('_', '.'));
        }
        return v == null || v.isBlank() ? defaultValue : v;
    }

    private static void run(Path wlp, String server) throws Exception {
        Path dataDir = Path.of(setting("REGISTRY_DATA_DIR", System.getProperty("user.home") + "/.model-registry"))
                .toAbsolutePath();
        Files.createDirectories(dataDir);
        Secrets secrets = new Secrets(dataDir.resolve("keys"));
        Supervisor db = null;
        Supervisor broker = null;
        List<String> env = new ArrayList<>();
        if (setting("REGISTRY_JMS_HOST", null) == null) {
            String password = secrets.get(EmbeddedBroker.SECRET, setting("REGISTRY_JMS_PASSWORD", null));
            int port = Integer.parseInt(setting("REGISTRY_EMBEDDED_JMS_PORT", "61616"));
            broker = supervise(
                    "The Artemis broker", new EmbeddedBroker(dataDir.resolve("broker"), port, password, auditLog()));
            env.add("REGISTRY_JMS_HOST=127.0.0.1");
            env.add("REGISTRY_JMS_PORT=" + port);
            env.add("REGISTRY_JMS_USER=" + EmbeddedBroker.USER);
            env.add("REGISTRY_JMS_PASSWORD=" + password);
        } else {
            LOG.info(
                    () -> "REGISTRY_JMS_HOST is set: using the external broker at " + setting("REGISTRY_JMS_HOST", ""));
        }
        String externalUrl = setting("REGISTRY_DB_URL", null);
        if (externalUrl == null) {
            int port = Integer.parseInt(setting("REGISTRY_EMBEDDED_DB_PORT", "15432"));
            EmbeddedDatabase database = EmbeddedDatabase.start(
                    dataDir.resolve("postgres"),
                    port,
                    true,
                    secrets,
                    setting("REGISTRY_DB_OWNER_PASSWORD", null),
                    setting("REGISTRY_DB_PASSWORD", null));
            db = watch("PostgreSQL", database);
            env.add("REGISTRY_DB_URL=" + database.jdbcUrl());
            // the application connects with its own narrow role and migrates as the schema owner
            env.add("REGISTRY_DB_USER=" + EmbeddedDatabase.APP_USER);
            env.add("REGISTRY_DB_PASSWORD=" + database.appPassword());
            env.add("REGISTRY_DB_OWNER_USER=" + EmbeddedDatabase.USER);
            env.add("REGISTRY_DB_OWNER_PASSWORD=" + database.ownerPassword());
        } else {
            LOG.info(() -> "REGISTRY_DB_URL is set: using the external PostgreSQL at " + externalUrl);
        }
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", server).inheritIO();
        Map<String, String> penv = pb.environment();
        penv.put("REGISTRY_DATA_DIR", dataDir.toString());
        if (setting("REGISTRY_METRICS_PASSWORD", null) == null) {
            penv.put("REGISTRY_METRICS_PASSWORD", metricsPassword(dataDir));
        }
        Path serverDir = wlp.resolve("usr/servers").resolve(server);
        if (!definesKeystorePassword(serverDir.resolve("server.env"))) {
            String password = keystorePassword(secrets, System.getenv(KEYSTORE_ENV));
            setAsideUnreadableKeystore(serverDir.resolve("resources/security/key.p12"), password);
            penv.put(KEYSTORE_ENV, password);
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            penv.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process liberty = pb.start();
        Supervisor database = db;
        Supervisor jms = broker;
        Thread stopper = new Thread(() -> stopAll(liberty, database, jms), "registry-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit = liberty.waitFor();
        LOG.info(() -> "Liberty exited with " + exit);
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is already stopping everything
        }
        stopAll(liberty, database, jms);
    }

    /** REGISTRY_JMS_AUDIT_LOG=true keeps the embedded broker's audit log (off: a line per session and message). */
    static boolean auditLog() {
        String value = setting("REGISTRY_JMS_AUDIT_LOG", System.getProperty("registry.jms.audit-log", "false"))
                .trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "registry.jms.audit-log (REGISTRY_JMS_AUDIT_LOG) must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Starts the service, then keeps it running. */
    private static Supervisor supervise(String name, Supervisor.Service service) throws Exception {
        return new Supervisor(name, service, Supervisor.Policy.DEFAULT).start();
    }

    /** Keeps an already started service running. */
    private static Supervisor watch(String name, Supervisor.Service service) {
        return new Supervisor(name, service, Supervisor.Policy.DEFAULT).watch();
    }

    /**
     * The password of Liberty's default keystore (its HTTPS port's self-signed certificate), generated once into
     * {@code <data dir>/keys/keystore-password} unless {@code keystore_password} is set. Without one Liberty makes no
     * default SSL configuration, and the bearer-token check (mpJwt), which depends on it, never starts: every request
     * with a token is refused with a 401. {@code server create} writes a password into the server's server.env, but
     * the run server's directory need not come from it (the build copies files into it first), and a password kept
     * with the data survives {@code mvn clean}, which remakes the keystore under it.
     */
    static String keystorePassword(Secrets secrets, String given) throws IOException {
        return secrets.get("keystore-password", given);
    }

    /** Whether the server's server.env (written by {@code server create}) gives the keystore's password itself. */
    static boolean definesKeystorePassword(Path serverEnv) throws IOException {
        return Files.isRegularFile(serverEnv)
                && Files.readAllLines(serverEnv).stream()
                        .anyMatch(line -> line.trim().startsWith(KEYSTORE_ENV + "="));
    }

    /**
     * A keystore that the password does not open (made for another data directory, whose password it was) is moved
     * aside, so that Liberty makes a new one with this password rather than failing to read it, which would again
     * leave the server without its bearer-token check. Returns whether it was moved.
     */
    static boolean setAsideUnreadableKeystore(Path keystore, String password) throws IOException {
        if (!Files.isRegularFile(keystore)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
            return false;
        } catch (GeneralSecurityException | IOException unreadable) {
            Path aside = keystore.resolveSibling(
                    keystore.getFileName() + ".unreadable-" + Instant.now().getEpochSecond());
            Files.move(keystore, aside);
            LOG.warning(() -> keystore + " does not open with the data directory's keystore-password (it was made"
                    + " with another); moved to " + aside + ", Liberty makes a new self-signed one");
            return true;
        }
    }

    /**
     * The password of the "metrics" user (HTTP basic authentication on /metrics): generated once into
     * {@code <data dir>/keys/metrics-password} (readable by its owner only) unless REGISTRY_METRICS_PASSWORD is set.
     */
    static String metricsPassword(Path dataDir) throws IOException {
        return new Secrets(dataDir.resolve("keys")).get("metrics-password", null);
    }

    private static void stopAll(Process liberty, Supervisor db, Supervisor broker) {
        if (liberty.isAlive()) {
            liberty.destroy(); // SIGTERM: Liberty stops its applications cleanly
            try {
                if (!liberty.waitFor(60, TimeUnit.SECONDS)) {
                    liberty.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop("The Artemis broker", broker);
        stop("PostgreSQL", db);
    }

    private static void stop(String name, Supervisor service) {
        if (service == null) {
            return;
        }
        try {
            service.close();
            LOG.info(() -> name + " stopped");
        } catch (Exception e) {
            LOG.log(Level.WARNING, name + " did not stop cleanly", e);
        }
    }

    /**
     * The postmaster does not outlive the JVM that started it, so this one stays up until it is stopped. The build
     * gives the passwords (registry.db.owner.password, registry.db.password, registry.jms.password) so that the test
     * server and the tests know them before this starts; they are kept in {@code <data dir>/../keys} as in run mode.
     * Both services are supervised as in run mode (SupervisedRestartIT kills them).
     */
    private static void startForTests(Path dataDir, int port, int jmsPort) throws Exception {
        stop(dataDir); // a server left over from an interrupted run would hold the port and the directory
        Secrets secrets = new Secrets(dataDir.toAbsolutePath().resolveSibling("keys"));
        EmbeddedDatabase database = EmbeddedDatabase.start(
                dataDir.toAbsolutePath(),
                port,
                false,
                secrets,
                setting("REGISTRY_DB_OWNER_PASSWORD", null),
                setting("REGISTRY_DB_PASSWORD", null));
        Supervisor db = watch("PostgreSQL", database);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(
                launcherPidFile(dataDir),
                self.pid() + " "
                        + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        Supervisor broker = null;
        if (jmsPort > 0) {
            // lives as long as this JVM, which the build destroys when it ends
            Path brokerDir = dataDir.toAbsolutePath().resolveSibling("broker");
            String password = secrets.get(EmbeddedBroker.SECRET, setting("REGISTRY_JMS_PASSWORD", null));
            broker = supervise("The Artemis broker", new EmbeddedBroker(brokerDir, jmsPort, password, auditLog()));
            Supervisor supervised = broker;
            Thread restarts = new Thread(() -> restartOnRequest(supervised, brokerDir), "test-broker-restarts");
            restarts.setDaemon(true);
            restarts.start();
        }
        Supervisor jms = broker;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop("The test broker", jms);
                            stop("The test PostgreSQL", db);
                        },
                        "test-services-stop"));
        LOG.info(() -> "Test PostgreSQL at " + database.jdbcUrl());
        new CountDownLatch(1).await();
    }

    /**
     * For the integration tests only (the {@code start} mode): a file {@code broker-restart} beside the broker's
     * directory, holding a number of seconds, stops the broker, keeps it down that long (the supervisor holds off)
     * and starts it again on the same journal; {@code broker-restarted} then holds how many restarts were done.
     * BrokerRestartIT uses it.
     */
    private static void restartOnRequest(Supervisor broker, Path brokerDir) {
        Path request = brokerDir.resolveSibling("broker-restart");
        Path done = brokerDir.resolveSibling("broker-restarted");
        int restarts = 0;
        try {
            // a count left by an earlier build in the same data directory would never be reached again
            Files.deleteIfExists(done);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot reset " + done, e);
        }
        while (true) {
            try {
                if (Files.exists(request)) {
                    int seconds = Integer.parseInt(Files.readString(request).trim());
                    Files.delete(request);
                    LOG.info(() -> "Test broker: stopping for " + seconds + " s on request");
                    broker.hold();
                    Thread.sleep(seconds * 1000L);
                    broker.release();
                    restarts++;
                    Files.writeString(done, Integer.toString(restarts));
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Test broker restart failed", e);
            }
        }
    }

    private static Path launcherPidFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolveSibling("launcher.pid");
    }

    private static void await(int port, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                LOG.info(() -> "127.0.0.1:" + port + " accepts connections");
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + seconds + " s", notYet);
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Stops the test launcher of {@code dataDir} (its shutdown stops the broker and PostgreSQL, which its supervisor
     * would otherwise start again), then any postmaster still named by the pid file in {@code dataDir}, waiting for
     * each to exit.
     */
    static void stop(Path dataDir) throws IOException {
        Path launcherFile = launcherPidFile(dataDir);
        if (Files.isRegularFile(launcherFile)) {
            String[] recorded = Files.readString(launcherFile).trim().split(" ");
            long launcherPid = Long.parseLong(recorded[0]);
            ProcessHandle.of(launcherPid)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    // the same process, not one that got its pid since: it started at the recorded instant
                    .filter(p -> recorded.length > 1
                            && p.info()
                                    .startInstant()
                                    .map(start ->
                                            Long.toString(start.toEpochMilli()).equals(recorded[1]))
                                    .orElse(false))
                    .ifPresent(p -> {
                        p.destroy(); // SIGTERM: its shutdown hook stops the broker and PostgreSQL
                        try {
                            p.onExit().get(60, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            p.destroyForcibly();
                        }
                        LOG.info(() -> "Stopped the test launcher " + launcherPid + " of " + dataDir);
                    });
            Files.deleteIfExists(launcherFile);
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy(); // SIGTERM: smart shutdown
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
            LOG.info(() -> "Stopped PostgreSQL " + pid + " of " + dataDir);
        });
    }
}
