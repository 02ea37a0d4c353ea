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
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    public static final String DATABASE = "registry";
    public static final String USER = "registry";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param durable false only for tests: skips fsync, as zonky does by default
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
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
                .setRegisterShutdownHook(false); // run stops Liberty first, then the database; tests stop it explicitly
        if (durable) {
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDirectory);
        db.ensureDatabase();
        LOG.info(() -> String.format("PostgreSQL ready on 127.0.0.1:%d in %d ms (data: %s, durable: %s)", port,
                (System.nanoTime() - t0) / 1_000_000, dataDirectory, durable));
        return db;
    }

    /** Creates the registry's role and database on first start; later starts find them. */
    private void ensureDatabase() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                s.execute("CREATE ROLE " + USER + " LOGIN");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IOException("could not prepare the registry database", e);
        }
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

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
