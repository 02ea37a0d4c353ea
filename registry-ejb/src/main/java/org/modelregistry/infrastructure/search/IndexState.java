package org.modelregistry.infrastructure.search;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.modelregistry.infrastructure.storage.AtomicFiles;

/**
 * Where the index stands: the last audit sequence number applied ({@code position}), the generation of the documents
 * being written, and the index format. A local (Lucene) index keeps them in {@code state.properties} beside it; a
 * shared one in the {@code search_position} row of its backend, which the server applying a batch holds.
 */
final class IndexState {

    /**
     * Bump when {@link CatalogDocument} or {@link AuditDocument} changes: a server finding an older index rebuilds it
     * (3: models carry their sentence embedding, and the audit records are indexed too; issue 18. 4: the embedding
     * is the field {@code vector}, compared by dot product).
     */
    static final int FORMAT = 4;

    private final DataSource dataSource;
    private final SearchBackend backend;
    private final Path directory;
    private volatile long position;
    private volatile long generation;

    IndexState(DataSource dataSource, SearchBackend backend, Path directory) {
        this.dataSource = dataSource;
        this.backend = backend;
        this.directory = directory;
    }

    /**
     * Reads the stored state; returns whether it is of the current format. A fresh index starts at the log's end: the
     * rebuild reads everything before it.
     */
    boolean load() {
        Properties state = read();
        boolean current = state != null && Integer.toString(FORMAT).equals(state.getProperty("format"));
        position = current ? Long.parseLong(state.getProperty("position", "0")) : maxSeq();
        generation = current ? Long.parseLong(state.getProperty("generation", "0")) : 0;
        return current;
    }

    long position() {
        return position;
    }

    void position(long applied) {
        position = applied;
    }

    long generation() {
        return generation;
    }

    void generation(long current) {
        generation = current;
    }

    /**
     * Takes the shared position row for this batch (the caller's transaction holds it) and reads it; false when
     * another server holds it or it does not exist.
     */
    boolean lockShared(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT position, generation FROM search_position" + " WHERE backend = ? FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, backend.kind());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                position = rs.getLong(1);
                generation = rs.getLong(2);
                return true;
            }
        }
    }

    /** Stores the position in the shared row, in the transaction that holds it. */
    void saveShared(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE search_position SET position = ?" + " WHERE backend = ?")) {
            ps.setLong(1, position);
            ps.setString(2, backend.kind());
            ps.executeUpdate();
        }
    }

    private Properties read() {
        if (backend.shared()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT format, position, generation FROM search_position WHERE backend = ?")) {
                ps.setString(1, backend.kind());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Properties p = new Properties();
                    p.setProperty("format", Integer.toString(rs.getInt(1)));
                    p.setProperty("position", Long.toString(rs.getLong(2)));
                    p.setProperty("generation", Long.toString(rs.getLong(3)));
                    return p;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the shared search position", e);
            }
        }
        Path file = directory.resolve("state.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return p;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the state: the shared row (inserted if missing), or {@code state.properties} whole or not at all. */
    synchronized void save() {
        if (backend.shared()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO search_position (backend, position, generation, format) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (backend) DO UPDATE SET position = EXCLUDED.position,"
                                    + " generation = EXCLUDED.generation, format = EXCLUDED.format")) {
                ps.setString(1, backend.kind());
                ps.setLong(2, position);
                ps.setLong(3, generation);
                ps.setInt(4, FORMAT);
                ps.executeUpdate();
                return;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the shared search position", e);
            }
        }
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("position", Long.toString(position));
        p.setProperty("generation", Long.toString(generation));
        try {
            var text = new StringWriter();
            p.store(text, "search index: format, last applied audit seq, generation");
            AtomicFiles.write(directory.resolve("state.properties"), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search index state in " + directory, e);
        }
    }

    /** The last sequence number in the audit log (0 when it is empty). */
    long maxSeq() {
        try (Connection c = dataSource.getConnection()) {
            return maxSeq(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
