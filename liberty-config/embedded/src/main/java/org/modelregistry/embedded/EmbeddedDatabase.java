package org.modelregistry.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (binaries from Maven Central through zonky) listening on 127.0.0.1 only, with its data
 * in a directory that outlives the build. Durable unless asked otherwise: zonky's test defaults (fsync off,
 * asynchronous commit) are turned back on, since users keep real data in it.
 *
 * <p>Nobody connects without a password: every role (the superuser, the schema owner {@value #USER} that runs the
 * migrations, the application's {@value #APP_USER}) has a generated password kept in {@code <data dir>/keys/}
 * (mode 600), and pg_hba.conf asks for SCRAM-SHA-256 on every connection. zonky's initdb trusts every local
 * connection; a cluster made that way (a new one, or one of an earlier version of the registry) is switched over on
 * its first start here: passwords set, pg_hba.conf rewritten, configuration reloaded, before anything else connects.
 *
 * <p>The postmaster then runs as a child of this JVM, so that the launcher's {@link Supervisor} sees it die and
 * starts it again on the same directory and port (PostgreSQL recovers from its write-ahead log by itself).
 */
public final class EmbeddedDatabase implements AutoCloseable, Supervisor.Service {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    public static final String DATABASE = "registry";
    /** Owns the schema; Flyway migrates as this role. */
    public static final String USER = "registry";
    /** The application's login: what it needs, and on the audit tables no more than SELECT/INSERT. */
    public static final String APP_USER = "registry_app";

    static final String SUPERUSER_SECRET = "db-superuser-password";
    static final String OWNER_SECRET = "db-owner-password";
    static final String APP_SECRET = "db-app-password";
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path)))
            .findFirst();
    private static final String HBA_HEADER = "# model-registry: every connection authenticates with SCRAM-SHA-256";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> config;
    private final Path log;
    private final String superuserPassword;
    private final String ownerPassword;
    private final String appPassword;
    private volatile Process postmaster;

    private EmbeddedDatabase(
            Path binaries,
            Path dataDirectory,
            int port,
            Map<String, String> config,
            Path log,
            String superuserPassword,
            String ownerPassword,
            String appPassword) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.config = Map.copyOf(config);
        this.log = log;
        this.superuserPassword = superuserPassword;
        this.ownerPassword = ownerPassword;
        this.appPassword = appPassword;
    }

    /**
     * @param durable false only for tests: skips fsync (commits are still written before they are acknowledged, so
     *     a killed postmaster loses none; only a crash of the machine could)
     * @param secrets where the passwords are kept ({@code <data dir>/keys})
     * @param ownerPassword the owner's password to set (null: the stored or a generated one); likewise appPassword
     */
    static EmbeddedDatabase start(
            Path dataDirectory, int port, boolean durable, Secrets secrets, String ownerPassword, String appPassword)
            throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        Path hba = dataDirectory.resolve("pg_hba.conf");
        boolean secured = Files.isRegularFile(hba) && Files.readString(hba).startsWith(HBA_HEADER);
        if (secured && !secrets.exists(SUPERUSER_SECRET)) {
            throw new IOException("The PostgreSQL in " + dataDirectory + " asks for passwords, but its superuser's "
                    + SUPERUSER_SECRET + " is missing from the keys directory: restore it from the backup");
        }
        String superuser = secrets.get(SUPERUSER_SECRET, null);
        String owner = secrets.get(OWNER_SECRET, ownerPassword);
        String app = secrets.get(APP_SECRET, appPassword);
        Path log = dataDirectory.resolveSibling("postgres.log");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.put("max_connections", "100");
        config.put("password_encryption", "scram-sha-256");
        config.put("timezone", "UTC");
        // an acknowledged commit is in the WAL before the answer, tests included: a killed postmaster loses none
        config.put("synchronous_commit", "on");
        config.put("fsync", durable ? "on" : "off");
        config.put("full_page_writes", durable ? "on" : "off");
        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false) // never delete the user's data on stop
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                // zonky's own connections (readiness, the set-up below) sign in as the superuser
                .setConnectConfig("password", superuser)
                .setRegisterShutdownHook(false); // run stops Liberty first, then the database; tests stop it explicitly
        config.forEach(builder::setServerConfig);
        // zonky unpacks the binaries, runs initdb on a new directory and starts a postmaster through pg_ctl, which
        // detaches it: the roles and pg_hba.conf are set up on that one, then it hands over to a postmaster that is
        // this JVM's own child, so that its death is seen at once and it can be started again (a detached one that
        // is killed stays a zombie, and PostgreSQL will not start while its pid file names a live-looking process)
        EmbeddedPostgres pg = builder.start();
        Path binaries = binaries(pg);
        try {
            ensureDatabase(pg, superuser, owner, app);
            requirePasswords(pg, hba, dataDirectory);
        } finally {
            pg.close();
        }
        EmbeddedDatabase db = new EmbeddedDatabase(binaries, dataDirectory, port, config, log, superuser, owner, app);
        db.start();
        LOG.info(() -> String.format(
                "PostgreSQL ready on 127.0.0.1:%d in %d ms (data: %s, durable: %s)",
                port, (System.nanoTime() - t0) / 1_000_000, dataDirectory, durable));
        return db;
    }

    /** The directory zonky unpacked the PostgreSQL binaries into (it has no public accessor for it). */
    private static Path binaries(EmbeddedPostgres pg) throws IOException {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("pgDir");
            field.setAccessible(true);
            return ((File) field.get(pg)).toPath();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot find the PostgreSQL binaries zonky unpacked (was zonky upgraded?)", e);
        }
    }

    /**
     * Starts the postmaster as a child process and waits until it answers. After a crash PostgreSQL recovers from
     * its write-ahead log by itself before it accepts connections.
     */
    @Override
    public synchronized void start() throws IOException {
        List<String> command = new ArrayList<>();
        if (SETSID.isPresent()) {
            // a session of its own: Ctrl-C in the terminal reaches the launcher, which stops Liberty first and
            // PostgreSQL last, instead of reaching the postmaster directly (setsid execs: the pid stays the same)
            command.add(SETSID.get());
        }
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: PostgreSQL refuses to run as root, so run it as nobody in a user namespace of its own
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                binaries.resolve("bin/postgres").toString(),
                "-D",
                dataDirectory.toString(),
                "-p",
                Integer.toString(port)));
        config.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        postmaster = started;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IOException(
                        "PostgreSQL exited with code " + started.exitValue() + " while starting; see " + log);
            }
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2",
                            "postgres",
                            superuserPassword);
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return;
            } catch (SQLException notYet) {
                last = notYet; // refused, or "the database system is starting up" during crash recovery
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL was starting", e);
            }
        }
        throw new IOException("PostgreSQL did not accept connections within 120 s; see " + log, last);
    }

    /** False once the postmaster has exited. */
    @Override
    public boolean running() {
        Process p = postmaster;
        return p != null && p.isAlive();
    }

    /** How the postmaster ended. */
    @Override
    public String exit() {
        Process p = postmaster;
        if (p == null || p.isAlive()) {
            return "running";
        }
        return "postmaster " + p.pid() + " exited with code " + p.exitValue();
    }

    /**
     * Creates the roles and the database on first start and sets every role's password on each start (so an
     * existing cluster of an earlier version, made without passwords or without the application's role, gets them).
     * The application's role gets no rights here: the application grants them after migrating (SchemaMigrator).
     */
    private static void ensureDatabase(
            EmbeddedPostgres postgres, String superuserPassword, String ownerPassword, String appPassword)
            throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD " + literal(superuserPassword));
            for (String role : new String[] {USER, APP_USER}) {
                String password = role.equals(USER) ? ownerPassword : appPassword;
                s.execute((exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role) ? "ALTER" : "CREATE")
                        + " ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                        + " PASSWORD " + literal(password));
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IOException("could not prepare the registry database", e);
        }
        try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement s = c.createStatement()) {
            // only the owner creates objects (PostgreSQL before 15 let every role create in public)
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new IOException("could not prepare the registry database", e);
        }
    }

    /** pg_hba.conf: SCRAM-SHA-256 for every connection, over TCP and the local socket alike. */
    private static void requirePasswords(EmbeddedPostgres postgres, Path hba, Path dataDirectory) throws IOException {
        String rules = HBA_HEADER + " (written by the registry's launcher at every start)\n"
                + "local   all   all                  scram-sha-256\n"
                + "host    all   all   127.0.0.1/32   scram-sha-256\n"
                + "host    all   all   ::1/128        scram-sha-256\n";
        if (Files.isRegularFile(hba) && Files.readString(hba).equals(rules)) {
            return;
        }
        Files.writeString(hba, rules);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not reload the PostgreSQL configuration", e);
        }
        LOG.info(() -> "PostgreSQL in " + dataDirectory + " now asks every connection for a password (SCRAM-SHA-256)");
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String ownerPassword() {
        return ownerPassword;
    }

    public String appPassword() {
        return appPassword;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the postmaster with a fast shutdown (SIGINT: sessions are ended, then a checkpoint), killing it only when
     * it has not stopped within 30 s.
     */
    @Override
    public synchronized void stop() throws IOException {
        Process p = postmaster;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warning(() -> "PostgreSQL " + p.pid() + " did not stop within 30 s: killing it");
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
