package org.modelregistry.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What semantic search costs (issue 18), against the run command's server started with
 * {@code REGISTRY_BENCHMARK_SEED_ENABLED=true} on a fresh data directory:
 *
 * <ol>
 *   <li>seeds {@code bench.semantic.models} (100,000) models of {@code bench.semantic.versions} (10) versions each,
 *       and rebuilds the search index (the seeder writes no audit records), which queues every missing vector;
 *   <li><b>embedding throughput</b>: the rows of {@code search_embedding} counted every 5 s until every model has one
 *       (or {@code bench.semantic.embed.minutes}, 30, pass): models a second between 10 % and 90 % of them;
 *   <li><b>lexical updates never held back</b>: meanwhile, every 2 s a model with a word of its own is registered and
 *       the time until a {@code mode=lexical} search finds it is measured, during the embedding backlog and after it;
 *   <li><b>index size</b>: the local index's files ({@code <bench.data.dir>/index/lucene}) by kind, the vector files
 *       ({@code .vec .vex .vem .veq}) apart, per 100,000 models;
 *   <li><b>latency</b>: {@code bench.semantic.rate} (20) searches a second of intent queries, lexical and hybrid in
 *       alternating phases of {@code bench.semantic.seconds} (30), twice each, in the same run: p50/p99 of each and
 *       hybrid p99 / lexical p99 (goal: at most 2).
 * </ol>
 *
 * <p>The model's load time is the server's own log line ({@code Embedding model ... loaded in <n> ms}). Command in
 * docs/performance.md#semantic-search.
 */
public final class SemanticCostBenchmark {

    private static final Logger LOG = Logger.getLogger(SemanticCostBenchmark.class.getName());
    private static final String API = System.getProperty("bench.url", "http://127.0.0.1:9080") + "/api/v1";

    private static final List<String> INTENTS = List.of(
            "detect fraudulent card transactions",
            "predict which customers will cancel their subscription",
            "forecast product demand for the next quarter",
            "spot tumours in chest x-ray images",
            "translate support tickets from german to english",
            "flag anomalous network traffic",
            "recommend articles a reader will like",
            "estimate the risk that a borrower defaults",
            "read text from scanned invoices",
            "tell whether a review is positive or negative",
            "predict when a pump will fail",
            "transcribe call centre recordings",
            "models for image classification in pytorch",
            "a small model for tabular risk scoring",
            "large language model for summarising contracts");

    private SemanticCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int models = Integer.getInteger("bench.semantic.models", 100_000);
        int versions = Integer.getInteger("bench.semantic.versions", 10);
        if (System.getProperty("bench.jdbc") == null) {
            System.setProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:15432/registry?user=registry");
        }
        BenchCredentials.apply(); // the run command's database asks for the owner's password
        String jdbc = System.getProperty("bench.jdbc");
        Path lucene = Path.of(
                        System.getProperty("bench.data.dir", System.getProperty("user.home") + "/.model-registry"))
                .resolve("index/lucene");
        CatalogLoadBenchmark.signIn();
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                LOG.info(line); // at once: a long run that fails later keeps what it measured
                return super.add(line);
            }
        };

        if (models > 0) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = CatalogLoadBenchmark.send(HttpRequest.newBuilder(URI.create(API
                            + "/benchmark/seed?prefix=s" + Long.toString(System.currentTimeMillis() % 1_000_000, 36)
                            + "&models=" + models + "&versions=" + versions + "&artifacts=0&batch=20"))
                    .timeout(Duration.ofHours(2))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("seeding failed (start the server with"
                        + " REGISTRY_BENCHMARK_SEED_ENABLED=true): " + r.statusCode() + " " + r.body());
            }
            report.add(String.format(Locale.ROOT, "Seeded %s in %.0f s", r.body(), (System.nanoTime() - t0) / 1e9));
            CatalogLoadBenchmark.signIn();
            // the seeder writes no audit records: a rebuild indexes the models, and queues every missing vector
            long t1 = System.nanoTime();
            CatalogLoadBenchmark.send(HttpRequest.newBuilder(URI.create(API + "/admin/reindex"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            JsonObject status;
            do {
                TimeUnit.SECONDS.sleep(2);
                status = CatalogLoadBenchmark.json(
                        CatalogLoadBenchmark.send(HttpRequest.newBuilder(URI.create(API + "/admin/reindex"))
                                        .build())
                                .body());
            } while ("RUNNING".equals(status.getString("state")));
            report.add(String.format(
                    Locale.ROOT,
                    "Rebuild: %s, %d documents in %.0f s",
                    status.getString("state"),
                    status.getJsonNumber("indexed").longValue(),
                    (System.nanoTime() - t1) / 1e9));
        }

        try (Connection c = DriverManager.getConnection(jdbc)) {
            long total = count(c, "SELECT count(*) FROM model");
            String model = embeddingModel(c);
            // the backlog: embedded rows over time, and lexical freshness meanwhile
            ConcurrentHistogram during = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
            long deadline = System.nanoTime()
                    + TimeUnit.MINUTES.toNanos(Integer.getInteger("bench.semantic.embed.minutes", 30));
            long first10 = 0;
            long first90 = 0;
            long at10 = -1;
            long at90 = -1;
            long lastSample = 0;
            long embedded = 0;
            long startCount = -1;
            long startAt = System.nanoTime();
            long signedInAt = System.nanoTime();
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() - signedInAt > TimeUnit.MINUTES.toNanos(5)) {
                    CatalogLoadBenchmark.signIn(); // tokens last 15 minutes; the backlog may take longer
                    signedInAt = System.nanoTime();
                }
                embedded = count(c, "SELECT count(*) FROM search_embedding WHERE model_name = '" + model + "'");
                long now = System.nanoTime();
                if (startCount < 0) {
                    startCount = embedded;
                    startAt = now;
                }
                if (at10 < 0 && embedded >= total / 10) {
                    at10 = now;
                    first10 = embedded;
                }
                if (at90 < 0 && embedded >= total * 9 / 10) {
                    at90 = now;
                    first90 = embedded;
                }
                if (embedded >= total) {
                    break;
                }
                if (now - lastSample > TimeUnit.SECONDS.toNanos(2)) {
                    during.recordValue(freshness());
                    lastSample = now;
                }
                TimeUnit.SECONDS.sleep(1);
            }
            if (at10 > 0 && at90 > at10) {
                report.add(String.format(
                        Locale.ROOT,
                        "Embedding: %.0f models/s between 10 %% and 90 %% of %d models (model %s); %d embedded at the"
                                + " end",
                        (first90 - first10) / ((at90 - at10) / 1e9),
                        total,
                        model,
                        embedded));
            } else {
                report.add(String.format(
                        Locale.ROOT,
                        "Embedding: %.0f models/s over the %.0f s given (%d to %d of %d models; model %s)",
                        (embedded - startCount) / ((System.nanoTime() - startAt) / 1e9),
                        (System.nanoTime() - startAt) / 1e9,
                        startCount,
                        embedded,
                        total,
                        model));
            }
            ConcurrentHistogram after = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
            for (int i = 0; i < 20; i++) {
                after.recordValue(freshness());
            }
            report.add(String.format(
                    Locale.ROOT,
                    "A new model found by a lexical search: during the embedding backlog p50 %.0f ms p99 %.0f ms (%d);"
                            + " after it p50 %.0f ms p99 %.0f ms (%d)",
                    during.getValueAtPercentile(50) / 1000.0,
                    during.getValueAtPercentile(99) / 1000.0,
                    during.getTotalCount(),
                    after.getValueAtPercentile(50) / 1000.0,
                    after.getValueAtPercentile(99) / 1000.0,
                    after.getTotalCount()));
            report.add(indexSize(
                    lucene, count(c, "SELECT count(*) FROM search_embedding WHERE model_name = '" + model + "'")));
        }

        CatalogLoadBenchmark.signIn();
        int rate = Integer.getInteger("bench.semantic.rate", 20);
        int seconds = Integer.getInteger("bench.semantic.seconds", 30);
        Histogram lexical = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        Histogram hybrid = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        long[] errors = new long[2];
        CatalogLoadBenchmark.run(searches("lexical"), rate, 5, new ConcurrentHistogram(3)); // warm-up
        CatalogLoadBenchmark.run(searches("hybrid"), rate, 5, new ConcurrentHistogram(3));
        for (int round = 0; round < 2; round++) {
            errors[0] += CatalogLoadBenchmark.run(searches("lexical"), rate, seconds, lexical)[1];
            errors[1] += CatalogLoadBenchmark.run(searches("hybrid"), rate, seconds, hybrid)[1];
        }
        report.add(String.format(
                Locale.ROOT,
                "Search at %d/s, intent queries, alternating phases of %d s: lexical p50 %.1f ms p99 %.1f ms (%d"
                        + " errors); hybrid p50 %.1f ms p99 %.1f ms (%d errors); hybrid p99 / lexical p99 = %.2f",
                rate,
                seconds,
                lexical.getValueAtPercentile(50) / 1000.0,
                lexical.getValueAtPercentile(99) / 1000.0,
                errors[0],
                hybrid.getValueAtPercentile(50) / 1000.0,
                hybrid.getValueAtPercentile(99) / 1000.0,
                errors[1],
                (double) hybrid.getValueAtPercentile(99) / Math.max(1, lexical.getValueAtPercentile(99))));
    }

    private static Supplier<String> searches(String mode) {
        AtomicLong n = new AtomicLong();
        return () -> API + "/search?mode=" + mode + "&limit=20&q="
                + URLEncoder.encode(INTENTS.get((int) (n.getAndIncrement() % INTENTS.size())), StandardCharsets.UTF_8);
    }

    /** Registers a model with a word of its own; microseconds until a lexical search finds it. */
    private static long freshness() throws InterruptedException {
        String word = "fresh" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> created = CatalogLoadBenchmark.send(HttpRequest.newBuilder(URI.create(API + "/models"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"group\":\"bench-fresh\",\"name\":\"" + word
                        + "\",\"riskTier\":\"LOW\",\"description\":\"written to time the lexical index " + word
                        + "\"}"))
                .build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("register: " + created.statusCode() + " " + created.body());
        }
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5)) {
            JsonObject found = CatalogLoadBenchmark.json(CatalogLoadBenchmark.send(
                            HttpRequest.newBuilder(URI.create(API + "/search?mode=lexical&type=model&q=" + word))
                                    .build())
                    .body());
            if (found.getInt("total") > 0) {
                return (System.nanoTime() - t0) / 1000;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return TimeUnit.MINUTES.toMicros(5);
    }

    private static String indexSize(Path lucene, long models) {
        Map<String, Long> bytes = new TreeMap<>();
        try {
            Files.walkFileTree(lucene, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attributes) {
                    String name = f.getFileName().toString();
                    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                    boolean vector = Stream.of("vec", "vex", "vem", "veq").anyMatch(ext::equals);
                    bytes.merge(vector ? "vectors" : "other", attributes.size(), Long::sum);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // a segment merged away meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long vectors = bytes.getOrDefault("vectors", 0L);
        long other = bytes.getOrDefault("other", 0L);
        return String.format(
                Locale.ROOT,
                "Index (%s): %.1f MB in all, of which vectors %.1f MB; per 100,000 models: vectors %.1f MB (%d vectors)",
                lucene,
                (vectors + other) / 1e6,
                vectors / 1e6,
                vectors / 1e6 * 100_000 / Math.max(1, models),
                models);
    }

    private static String embeddingModel(Connection c) throws SQLException, InterruptedException {
        for (int i = 0; i < 120; i++) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT model_name FROM search_embedding GROUP BY model_name"
                            + " ORDER BY max(embedded_at) DESC LIMIT 1")) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("no model embedded within 2 minutes: is semantic search on?");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
