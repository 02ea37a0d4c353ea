package org.modelregistry.infrastructure.search;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.hibernate.search.util.common.data.Range;

/**
 * Keeps the {@code audit} index: writes the documents of chained audit records as the follower passes them (and all
 * of them in a rebuild), read from the committed rows with their hash recomputed; a row whose content no longer
 * hashes to its stored hash is not indexed (and logged). When a month's partition is dropped (the {@code
 * audit.partition.dropped} record), the month's documents go too.
 */
final class AuditDocuments {

    private static final Logger LOG = Logger.getLogger(AuditDocuments.class.getName());
    private static final int PAGE = 1_000;
    static final String DROPPED = "audit.partition.dropped";

    private static final String ROWS = "SELECT seq, hash, occurred_at, actor, action, object_type,"
            + " object_id::text, organization_id::text, outcome, details::text,"
            + " hash = encode(sha256(convert_to(coalesce(prev_hash, '') || '|' || audit_event_canonical(e), 'UTF8')),"
            + " 'hex') AS intact FROM audit_event e";

    private final SearchMapping mapping;

    AuditDocuments(SearchMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * Writes the documents of the chained records in (after, upTo], committed and refreshed before it returns (the
     * follower stores its position next); called by the follower with the batch it just read.
     */
    void follow(Connection c, long after, long upTo, long generation) throws SQLException {
        List<AuditDocument> docs = new ArrayList<>();
        List<YearMonth> dropped = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROWS + " WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            read(ps, generation, (d, details) -> {
                docs.add(d);
                if (DROPPED.equals(d.action)) {
                    dropped.add(month(details));
                }
            });
        }
        if (docs.isEmpty()) {
            return;
        }
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                .build()) {
            for (YearMonth month : dropped) {
                if (month != null) {
                    purge(session, month);
                }
            }
            docs.forEach(session.indexingPlan()::addOrUpdate);
        }
    }

    /** Writes the documents of every chained record, page by page; returns how many it wrote. */
    long rebuild(Connection c, long generation) throws SQLException {
        long written = 0;
        long after = 0;
        CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
        int rows;
        do {
            List<AuditDocument> page = new ArrayList<>(PAGE);
            try (PreparedStatement ps = c.prepareStatement(ROWS + " WHERE seq > ? ORDER BY seq LIMIT " + PAGE)) {
                ps.setLong(1, after);
                long[] last = {after};
                rows = read(ps, generation, (d, details) -> page.add(d), last);
                after = last[0];
            }
            List<CompletableFuture<?>> writes = new ArrayList<>(page.size());
            try (SearchSession session = mapping.createSessionWithOptions()
                    .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.async())
                    .build()) {
                for (AuditDocument d : page) {
                    writes.add(session.indexer().addOrUpdate(d).toCompletableFuture());
                }
            }
            previous.join();
            previous = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
            written += page.size();
        } while (rows == PAGE);
        previous.join();
        return written;
    }

    /** How many chained records the log holds (a rebuild's total). */
    static long countChained(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_event WHERE seq IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void purge(SearchSession session, YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<String> keys = new ArrayList<>();
        try (SearchScroll<String> scroll = session.search(AuditDocument.class)
                .select(f -> f.id(String.class))
                .where(f -> f.range().field("occurredAt").range(Range.canonical(start, end)))
                .scroll(PAGE)) {
            for (SearchScrollResult<String> chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
                keys.addAll(chunk.hits());
            }
        }
        keys.forEach(k -> session.indexingPlan().purge(AuditDocument.class, k, null));
        LOG.info(() -> "Removed " + keys.size() + " audit records of " + month + " from the search index: its"
                + " partition was dropped");
    }

    /** The month a drop record names, or null (then a rebuild removes the month's documents). */
    private static YearMonth month(String details) {
        try (var reader = Json.createReader(new StringReader(details))) {
            return YearMonth.parse(reader.readObject().getString("month"));
        } catch (JsonException | ClassCastException | NullPointerException | DateTimeParseException e) {
            return null;
        }
    }

    private interface Sink {
        void accept(AuditDocument d, String details);
    }

    private static void read(PreparedStatement ps, long generation, Sink sink) throws SQLException {
        read(ps, generation, sink, new long[1]);
    }

    /**
     * Reads the rows into documents, skipping those whose content no longer matches their hash (logged); returns how
     * many rows it read and leaves the last seq read in {@code last[0]}.
     */
    private static int read(PreparedStatement ps, long generation, Sink sink, long[] last) throws SQLException {
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
                long seq = rs.getLong(1);
                last[0] = seq;
                if (!rs.getBoolean(11)) {
                    LOG.warning(() -> "Audit record seq " + seq + " no longer matches its hash: not indexed");
                    continue;
                }
                AuditDocument d = new AuditDocument();
                d.seq = seq;
                d.key = Long.toString(seq);
                d.hash = rs.getString(2);
                d.occurredAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                d.actor = rs.getString(4);
                d.action = rs.getString(5);
                d.objectType = rs.getString(6);
                d.objectId = rs.getString(7);
                d.organizationId = rs.getString(8);
                d.outcome = rs.getString(9);
                d.who = words(d.actor, d.action);
                String details = rs.getString(10);
                d.details = text(details);
                d.generation = generation;
                sink.accept(d, details);
            }
        }
        return rows;
    }

    /** The words of an actor and an action: letters and digits, whatever joins them. */
    static String words(String actor, String action) {
        return (actor + " " + action).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /** The keys and scalar values of a record's details, as words. */
    static String text(String json) {
        StringBuilder out = new StringBuilder();
        try (var reader = Json.createReader(new StringReader(json))) {
            words(reader.readValue(), out);
        } catch (JsonException e) {
            out.append(json); // never expected (jsonb prints valid JSON); the text is still searchable
        }
        return out.toString().trim();
    }

    private static void words(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT ->
                ((JsonObject) value).forEach((k, v) -> {
                    out.append(k).append(' ');
                    words(v, out);
                });
            case ARRAY -> ((JsonArray) value).forEach(v -> words(v, out));
            case STRING -> out.append(((JsonString) value).getString()).append(' ');
            case NUMBER -> out.append(((JsonNumber) value).toString()).append(' ');
            case TRUE, FALSE -> out.append(value).append(' ');
            default -> {}
        }
    }
}
