package org.modelregistry.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;

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
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    public static final String DATABASE = "registry";
    /** Owns the schema; Flyway migrates as this role. */
    public static final String USER = "registry";
    /** The application's login: what it needs, and on the audit tables no more than SELECT/INSERT. */
    public static final String APP_USER = "registry_app";

    static final String SUPERUSER_SECRET = "db-superuser-password";
    static final String OWNER_SECRET = "db-owner-password";
    static final String APP_SECRET = "db-app-password";
    private static final String HBA_HEADER = "# model-registry: every connection authenticates with SCRAM-SHA-256";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String ownerPassword;
    private final String appPassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String ownerPassword, String appPassword) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.ownerPassword = ownerPassword;
        this.appPassword = appPassword;
    }

    /**
     * @param durable false only for tests: skips fsync, as zonky does by default
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
        long t0 = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false) // never delete the user's data on stop
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // the server outlives a test launcher's JVM: its log goes to a file, not to a pipe of ours
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's own connections (readiness, the set-up below) sign in as the superuser
                .setConnectConfig("password", superuser)
                .setRegisterShutdownHook(false); // run stops Liberty first, then the database; tests stop it explicitly
        if (durable) {
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDirectory, owner, app);
        db.ensureDatabase(superuser);
        db.requirePasswords(hba);
        LOG.info(() -> String.format(
                "PostgreSQL ready on 127.0.0.1:%d in %d ms (data: %s, durable: %s)",
                port, (System.nanoTime() - t0) / 1_000_000, dataDirectory, durable));
        return db;
    }

    /**
     * Creates the roles and the database on first start and sets every role's password on each start (so an
     * existing cluster of an earlier version, made without passwords or without the application's role, gets them).
     * The application's role gets no rights here: the application grants them after migrating (SchemaMigrator).
     */
    private void ensureDatabase(String superuserPassword) throws IOException {
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
    private void requirePasswords(Path hba) throws IOException {
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
        return postgres.getPort();
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
