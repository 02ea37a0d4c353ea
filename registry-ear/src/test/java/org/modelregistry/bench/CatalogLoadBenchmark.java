package org.modelregistry.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load benchmark of the catalog API on a running registry (see docs/performance.md for the command). Every figure is
 * reported beside a baseline measured in the same run on the same machine: reads beside {@code /system/ping} (the
 * cost of HTTP and JAX-RS alone), keyset page 2000 beside page 1, registration through the API beside a raw JDBC
 * insert of the same rows. Latencies are taken from each request's intended start at a fixed arrival rate, so a
 * stalled server cannot hide its queueing (no coordinated omission).
 *
 * <p>Arguments (system properties): bench.url (http://127.0.0.1:9080), bench.user (admin) and bench.password (an
 * ADMIN's, for the seeder; tokens last 15 minutes by default), bench.jdbc (JDBC URL for the raw insert
 * baseline), bench.seed.models / bench.seed.versions / bench.seed.artifacts (seed first when models &gt; 0),
 * bench.rate (200 req/s), bench.seconds (20), bench.threads (32), bench.register.seconds (20),
 * bench.register.threads (8); the reads phase's in {@link ReadCost} (bench.reads.only=true: only it), the overload
 * phase's in {@link Overload}.
 */
public final class CatalogLoadBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:9080");
    private static final String API = URL + "/api/v1";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int THREADS = Integer.getInteger("bench.threads", 32);
    private static final List<String> REPORT = new ArrayList<>();
    // volatile: a long run (the soak) signs in again while requests are in flight
    private static volatile String authorization;

    private CatalogLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchCredentials.apply();
        signIn();
        int seedModels = Integer.getInteger("bench.seed.models", 0);
        if (seedModels > 0) {
            seed(
                    seedModels,
                    Integer.getInteger("bench.seed.versions", 100),
                    Integer.getInteger("bench.seed.artifacts", 0));
        }
        JsonObject stats = stats();
        REPORT.add("Data: " + stats);
        if (Boolean.getBoolean("bench.reads.only")) {
            ReadCost.run(API, authorization, sampleModelIds(5000), REPORT);
            REPORT.forEach(System.out::println);
            return;
        }
        boolean overloadOnly = Boolean.getBoolean("bench.overload.only");
        if (!Boolean.getBoolean("bench.search.only") && !overloadOnly) {
            catalog();
            ReadCost.run(API, authorization, sampleModelIds(5000), REPORT);
        }
        Overload.run(API, authorization, () -> sampleModelIds(5000), REPORT);
        if (!overloadOnly) {
            searchLoad();
        }
        REPORT.forEach(System.out::println);
    }

    /** The catalog phases: reads at a fixed rate, registration, audit verification. */
    private static void catalog() throws Exception {

        List<String> ids = sampleModelIds(5000);
        String page2000 = cursorOfPage(2000, 5);

        Histogram ping = fixedRate("ping", () -> API + "/system/ping");
        Histogram get = fixedRate(
                "GET model by id",
                () -> API + "/models/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
        Histogram list = fixedRate("list page 1 (limit 50)", () -> API + "/models?limit=50");
        Histogram first = fixedRate("list page 1 (limit 5)", () -> API + "/models?limit=5");
        Histogram deep = page2000 == null
                ? null
                : fixedRate("list page 2000 (limit 5)", () -> API + "/models?limit=5&cursor=" + page2000);

        REPORT.add("");
        REPORT.add(String.format(
                Locale.ROOT,
                "Ratios (p99): get/ping %.2f, list50/ping %.2f%s",
                ratio(get, ping),
                ratio(list, ping),
                deep == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", page2000/page1 %.2f (p50 %.2f)",
                                ratio(deep, first),
                                (double) deep.getValueAtPercentile(50) / first.getValueAtPercentile(50))));

        registration(ids);
        auditVerification();
    }

    /** Signs in as bench.user with bench.password; later requests carry the new token (tokens expire). */
    static void signIn() {
        authorization =
                "Bearer " + token(System.getProperty("bench.user", "admin"), System.getProperty("bench.password", ""));
    }

    private static double ratio(Histogram a, Histogram b) {
        return (double) a.getValueAtPercentile(99) / Math.max(1, b.getValueAtPercentile(99));
    }

    private static String token(String user, String password) {
        HttpResponse<String> r;
        try {
            r = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(API + "/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                                    .add("username", user)
                                    .add("password", password)
                                    .build()
                                    .toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach " + API + ": " + e, e);
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " (pass -Dbench.password=...): " + r.body());
        }
        return json(r.body()).getString("access_token");
    }

    /** The request with the run's token. */
    static HttpRequest authorized(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", authorization)
                .build();
    }

    /** Sends a request with the run's token. */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(authorized(request), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void seed(int models, int versions, int artifacts) {
        String prefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(API + "/benchmark/seed?prefix=" + prefix
                        + "&models=" + models + "&versions=" + versions + "&artifacts=" + artifacts + "&batch=20"))
                .timeout(Duration.ofHours(2))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "seeding failed (start the server with registry.benchmark.seed-enabled=true): " + r.statusCode()
                            + " " + r.body());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        JsonObject seeded = json(r.body());
        REPORT.add(String.format(
                Locale.ROOT,
                "Seeded %s in %.0f s (%.0f versions/s through the domain and JPA)",
                seeded,
                s,
                seeded.getJsonNumber("versions").doubleValue() / s));
    }

    private static JsonObject stats() throws Exception {
        String jdbc = System.getProperty("bench.jdbc");
        if (jdbc == null) {
            return Json.createObjectBuilder().add("note", "no bench.jdbc given").build();
        }
        try (Connection c = DriverManager.getConnection(jdbc);
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT count(*) FROM model), (SELECT count(*) FROM model_version),"
                        + " (SELECT count(*) FROM artifact), pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            return Json.createObjectBuilder()
                    .add("models", rs.getLong(1))
                    .add("versions", rs.getLong(2))
                    .add("artifacts", rs.getLong(3))
                    .add("databaseSize", rs.getString(4))
                    .build();
        }
    }

    private static List<String> sampleModelIds(int max) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        while (ids.size() < max) {
            JsonObject page = json(send(HttpRequest.newBuilder(
                                    URI.create(API + "/models?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)))
                            .build())
                    .body());
            page.getJsonArray("items").forEach(v -> ids.add(v.asJsonObject().getString("id")));
            JsonValue next = page.get("nextCursor");
            if (next == null || next.getValueType() == JsonValue.ValueType.NULL) {
                break;
            }
            cursor = page.getString("nextCursor");
        }
        return ids;
    }

    /** Walks the keyset listing to the cursor that opens page {@code n}; null when there are fewer pages. */
    private static String cursorOfPage(int n, int limit) {
        String cursor = null;
        for (int page = 1; page < n; page++) {
            JsonObject body = json(send(HttpRequest.newBuilder(URI.create(
                                    API + "/models?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor)))
                            .build())
                    .body());
            JsonValue next = body.get("nextCursor");
            if (next == null || next.getValueType() == JsonValue.ValueType.NULL) {
                REPORT.add("Only " + page + " pages of " + limit + " models: page " + n + " skipped");
                return null;
            }
            cursor = body.getString("nextCursor");
        }
        return cursor;
    }

    /** Sends requests at RATE per second for SECONDS (after a short warm-up) and records latency from intent. */
    private static Histogram fixedRate(String name, Supplier<String> url) throws Exception {
        run(url, RATE, 3, new ConcurrentHistogram(3)); // warm-up
        ConcurrentHistogram h = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        long[] result = run(url, RATE, SECONDS, h);
        REPORT.add(String.format(
                Locale.ROOT,
                "%-26s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %6.1f req/s  errors %d",
                name,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0,
                result[0] / (double) SECONDS,
                result[1]));
        return h;
    }

    /** Sends GETs (with the run's token) at {@code rate} per second for {@code seconds}: ok and other answers. */
    static long[] run(Supplier<String> url, int rate, int seconds, Histogram h) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        paced(pool, rate, (long) rate * seconds, intended -> {
            String target = url.get();
            return () -> {
                HttpResponse<String> r =
                        send(HttpRequest.newBuilder(URI.create(target)).build());
                h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                (r.statusCode() == 200 ? ok : errors).incrementAndGet();
            };
        });
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return new long[] {ok.get(), errors.get()};
    }

    /**
     * Open loop: {@code count} arrivals at {@code rate} per second, each at its intended start
     * ({@link System#nanoTime}) whatever the answers before it do; {@code arrival} makes the task for an intended start
     * (on this thread) and {@code pool} runs it, so that latency measured from the intended start includes queueing.
     */
    static void paced(ExecutorService pool, double rate, long count, LongFunction<Runnable> arrival)
            throws InterruptedException {
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pool.execute(arrival.apply(intended));
        }
    }

    /**
     * Versions registered per second through the API, with and without their audit records (rounds alternate so
     * that both see the same machine), beside a raw JDBC insert of the same rows.
     */
    private static void registration(List<String> ids) throws Exception {
        int seconds = Integer.getInteger("bench.register.seconds", 20);
        int threads = Integer.getInteger("bench.register.threads", 8);
        int rounds = Integer.getInteger("bench.register.rounds", 4);
        String model = ids.get(0);
        long runId = System.currentTimeMillis() % 100_000;
        AtomicLong seq = new AtomicLong();
        long[] audited = new long[2];
        long[] unaudited = new long[2];
        for (int round = 0; round < rounds; round++) {
            long[] into = round % 2 == 0 ? audited : unaudited;
            long[] got = register(model, runId, seq, threads, seconds * 2 / rounds, round % 2 == 1);
            into[0] += got[0];
            into[1] += got[1];
        }
        double api = audited[0] / (double) seconds;
        double bare = unaudited[0] / (double) seconds;
        REPORT.add(String.format(
                Locale.ROOT,
                "Registration via API: %.0f versions/s (%d threads, %d failed)",
                api,
                threads,
                audited[1]));
        REPORT.add(String.format(
                Locale.ROOT,
                "  without audit records (X-Benchmark-Audit: off): %.0f versions/s"
                        + " (%d failed); audited / unaudited: %.2f",
                bare,
                unaudited[1],
                api / bare));

        String jdbc = System.getProperty("bench.jdbc");
        if (jdbc == null) {
            REPORT.add("Raw JDBC baseline skipped: no bench.jdbc");
            return;
        }
        AtomicLong inserted = new AtomicLong();
        AtomicBoolean stopJdbc = new AtomicBoolean();
        ExecutorService jdbcPool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            jdbcPool.execute(() -> {
                try (Connection c = DriverManager.getConnection(jdbc);
                        PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO model_version (id, model_id, version, version_key, state, metadata, created_at,"
                                        + " created_by, updated_at, updated_by, row_version) VALUES (?, ?::uuid, ?, ?, 'DRAFT',"
                                        + " ?::jsonb, ?, 'bench', ?, 'bench', 1)")) {
                    while (!stopJdbc.get()) {
                        long n = seq.incrementAndGet();
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                        ps.setObject(1, UUID.randomUUID());
                        ps.setString(2, model);
                        ps.setString(3, runId + ".1." + n);
                        ps.setString(4, String.format("%019d.%019d.%019d~", runId, 1, n));
                        ps.setString(5, "{\"framework\":\"pytorch\",\"accuracy\":0.91}");
                        ps.setObject(6, now);
                        ps.setObject(7, now);
                        ps.executeUpdate();
                        inserted.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        TimeUnit.SECONDS.sleep(seconds);
        stopJdbc.set(true);
        jdbcPool.shutdown();
        jdbcPool.awaitTermination(1, TimeUnit.MINUTES);
        double raw = inserted.get() / (double) seconds;
        REPORT.add(String.format(
                Locale.ROOT, "Raw JDBC insert:      %.0f versions/s (%d threads, autocommit)", raw, threads));
        REPORT.add(String.format(Locale.ROOT, "Registration API / raw JDBC: %.2f", api / raw));
    }

    /** Registers versions from {@code threads} threads for {@code seconds}; returns {created, failed}. */
    private static long[] register(
            String model, long runId, AtomicLong seq, int threads, int seconds, boolean withoutAudit)
            throws InterruptedException {
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (!stop.get()) {
                    String body = "{\"version\":\"" + runId + ".0." + seq.incrementAndGet()
                            + "\",\"metadata\":{\"framework\":\"pytorch\",\"accuracy\":0.91}}";
                    HttpRequest.Builder request = HttpRequest.newBuilder(
                                    URI.create(API + "/models/" + model + "/versions"))
                            .header("Content-Type", "application/json");
                    if (withoutAudit) {
                        request.header("X-Benchmark-Audit", "off");
                    }
                    HttpResponse<String> r = send(request.POST(HttpRequest.BodyPublishers.ofString(body))
                            .build());
                    (r.statusCode() == 201 ? created : failed).incrementAndGet();
                }
            });
        }
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return new long[] {created.get(), failed.get()};
    }

    /**
     * With bench.audit.records &gt; 0 (and bench.jdbc): writes that many audit records as pending (as requests'
     * transactions do), times linking them into the chain (POST /audit/checkpoints links first) and verifying the
     * whole chain (GET /audit/verify), beside a raw SQL pass hashing every record's canonical text.
     */
    private static void auditVerification() throws Exception {
        int records = Integer.getInteger("bench.audit.records", 0);
        String jdbc = System.getProperty("bench.jdbc");
        if (records <= 0 || jdbc == null) {
            REPORT.add("Audit verification skipped: needs bench.audit.records and bench.jdbc");
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbc);
                var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id,"
                    + " details) SELECT gen_random_uuid(), now(), 'bench', 'bench.audit', 'bench', gen_random_uuid(),"
                    + " jsonb_build_object('n', n) FROM generate_series(1, " + records + ") n");
        }
        long t0 = System.nanoTime();
        HttpResponse<String> linked = send(HttpRequest.newBuilder(URI.create(API + "/audit/checkpoints"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        double linkSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        HttpResponse<String> verified = send(
                HttpRequest.newBuilder(URI.create(API + "/audit/verify")).GET().build());
        double verifySeconds = (System.nanoTime() - t1) / 1e9;
        JsonObject v = json(verified.body());
        long t2 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc);
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')),"
                        + " 'hex')) FROM audit_event e WHERE seq IS NOT NULL")) {
            rs.next();
        }
        double rawSeconds = (System.nanoTime() - t2) / 1e9;
        REPORT.add(String.format(
                Locale.ROOT,
                "Audit: linked %d pending records in %.1f s (%d: %s)",
                records,
                linkSeconds,
                linked.statusCode(),
                linked.statusCode() == 201 ? "checkpoint taken" : linked.body()));
        REPORT.add(String.format(
                Locale.ROOT,
                "Audit verify: %d chained records in %.1f s, intact=%s; raw SQL hash"
                        + " pass %.1f s; verify / raw: %.2f",
                v.getJsonNumber("chained").longValue(),
                verifySeconds,
                v.getBoolean("intact"),
                rawSeconds,
                verifySeconds / rawSeconds));
    }

    private static final String[] WORDS = {
        "nlp",
        "vision",
        "fraud",
        "ranking",
        "speech",
        "forecast",
        "llm",
        "tabular",
        "pytorch",
        "tensorflow",
        "xgboost",
        "sklearn",
        "jax"
    };
    private static final String[] TIER_NAMES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

    /**
     * With bench.search.seconds &gt; 0: rebuilds the search index (rate, size), measures faceted searches at
     * bench.search.rate (20/s) while bench.search.register.threads (4) register versions, answers a sample of the
     * same questions with PostgreSQL (ILIKE and GROUP BY, one at a time: it cannot keep up with the rate), and
     * measures how long a new version takes to become searchable after its 201. Each line is labelled with
     * bench.search.backend ({@code lucene}, the default, or {@code opensearch}: what the server was started with), so
     * that two runs, one per backend, are reported side by side; with bench.search.opensearch.url (the node's REST
     * address) the index's size and document count are read from the node. bench.search.mode ({@code lexical},
     * {@code semantic} or {@code hybrid}; empty, the default: the server's default, hybrid) is sent with every search.
     */
    private static void searchLoad() throws Exception {
        int seconds = Integer.getInteger("bench.search.seconds", 0);
        if (seconds <= 0) {
            REPORT.add("Search skipped: set bench.search.seconds");
            return;
        }
        String backend = "[" + System.getProperty("bench.search.backend", "lucene") + "] ";
        if (!"false".equals(System.getProperty("bench.search.reindex"))) {
            long t0 = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(API + "/admin/reindex"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            JsonObject status;
            do {
                TimeUnit.SECONDS.sleep(2);
                status = json(send(HttpRequest.newBuilder(URI.create(API + "/admin/reindex"))
                                .build())
                        .body());
            } while ("RUNNING".equals(status.getString("state")));
            REPORT.add(String.format(
                    Locale.ROOT,
                    backend + "Search index rebuild: %s, %d documents in %.0f s (%.0f documents/s"
                            + " as the server measured it)",
                    status.getString("state"),
                    status.getJsonNumber("indexed").longValue(),
                    (System.nanoTime() - t0) / 1e9,
                    status.getJsonNumber("documentsPerSecond").doubleValue()));
        }
        Path index = Path.of(
                System.getProperty("bench.data.dir", System.getProperty("user.home") + "/.model-registry"), "index");
        String node = System.getProperty("bench.search.opensearch.url", "");
        if (!node.isBlank()) {
            // without the registry's token: the node is not the registry
            JsonObject total = json(CLIENT.send(
                                    HttpRequest.newBuilder(URI.create(node + "/catalog-read/_stats/docs,store"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .getJsonObject("_all")
                    .getJsonObject("primaries");
            REPORT.add(String.format(
                    Locale.ROOT,
                    backend + "Search index size: %.1f MB, %d documents (primaries, on %s)",
                    total.getJsonObject("store").getJsonNumber("size_in_bytes").longValue() / 1e6,
                    total.getJsonObject("docs").getJsonNumber("count").longValue(),
                    node));
        } else if (Files.isDirectory(index)) {
            try (var files = Files.walk(index)) {
                long bytes = files.filter(Files::isRegularFile)
                        .mapToLong(f -> f.toFile().length())
                        .sum();
                REPORT.add(String.format(Locale.ROOT, backend + "Search index size: %.1f MB (%s)", bytes / 1e6, index));
            }
        }

        int rate = Integer.getInteger("bench.search.rate", 20);
        // the search's mode: empty for the server's default (hybrid), or lexical, semantic, hybrid
        String mode = System.getProperty("bench.search.mode", "");
        String modeLabel = mode.isEmpty() ? "default mode" : "mode=" + mode;
        List<String> questions = new ArrayList<>();
        List<String[]> sqlQuestions = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            String tier = random.nextBoolean() ? TIER_NAMES[random.nextInt(4)] : null;
            questions.add(API + "/search?type=version&limit=20&q=" + word + (tier == null ? "" : "&riskTier=" + tier)
                    + (mode.isEmpty() ? "" : "&mode=" + mode));
            sqlQuestions.add(new String[] {word, tier});
        }
        AtomicLong n = new AtomicLong();
        Supplier<String> next = () -> questions.get((int) (n.getAndIncrement() % questions.size()));

        // registrations run meanwhile
        List<String> ids = sampleModelIds(50);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong registered = new AtomicLong();
        int writers = Integer.getInteger("bench.search.register.threads", 4);
        int registerRate = Integer.getInteger("bench.search.register.rate", 20); // 0: as fast as the writers can
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long runId = System.currentTimeMillis() % 100_000;
        Runnable register = () -> {
            String body = "{\"version\":\"" + runId + ".9." + registered.incrementAndGet()
                    + "\",\"metadata\":{\"framework\":\"pytorch\"}}";
            send(HttpRequest.newBuilder(URI.create(API + "/models/" + ids.get(random(ids.size())) + "/versions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        };
        var pacer = Executors.newSingleThreadScheduledExecutor();
        if (registerRate > 0) {
            pacer.scheduleAtFixedRate(() -> pool.execute(register), 0, 1_000_000 / registerRate, TimeUnit.MICROSECONDS);
        } else {
            for (int t = 0; t < writers; t++) {
                pool.execute(() -> {
                    while (!stop.get()) {
                        register.run();
                    }
                });
            }
        }
        // warm-up: a server just started is still compiling (JIT); measure its first seconds with warmup=0
        int warmup = Integer.getInteger("bench.search.warmup.seconds", 3);
        if (warmup > 0) {
            run(next, rate, warmup, new ConcurrentHistogram(3));
        }
        // baseline in the same conditions: /system/ping (HTTP, JAX-RS, no work) at the same rate; on a machine whose
        // idle CPUs take milliseconds to wake, it shows what any request costs here at this pacing
        ConcurrentHistogram ping = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        run(() -> API + "/system/ping", rate, Math.max(5, seconds / 3), ping);
        ConcurrentHistogram h = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        long started = System.nanoTime();
        long before = registered.get();
        long[] result = run(next, rate, seconds, h);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long during = registered.get() - before;
        REPORT.add(String.format(
                Locale.ROOT,
                backend + "Faceted search (type=version, q word, maybe riskTier, 8 facets, " + modeLabel + ")"
                        + " p50 %.2f ms  p99 %.2f ms  max %.2f ms  %.1f req/s  errors %d, while registering %.0f"
                        + " versions/s",
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0,
                result[0] / elapsed,
                result[1],
                during / elapsed));
        REPORT.add(String.format(
                Locale.ROOT,
                backend + "Baseline /system/ping at the same rate just before: p50 %.2f ms  p99 %.2f"
                        + " ms (search - ping: p50 %.2f ms)",
                ping.getValueAtPercentile(50) / 1000.0,
                ping.getValueAtPercentile(99) / 1000.0,
                (h.getValueAtPercentile(50) - ping.getValueAtPercentile(50)) / 1000.0));

        // how long after its 201 a new version is found
        ConcurrentHistogram fresh = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (int i = 0; i < Integer.getInteger("bench.search.freshness.samples", 50); i++) {
            String probe = "probe" + runId + "x" + i;
            HttpResponse<String> created =
                    send(HttpRequest.newBuilder(URI.create(API + "/models/" + ids.get(0) + "/versions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"" + runId + ".8." + i
                                    + "\",\"metadata\":{\"probe\":\"" + probe + "\"}}"))
                            .build());
            long at = System.nanoTime();
            if (created.statusCode() != 201) {
                continue;
            }
            while (json(send(HttpRequest.newBuilder(URI.create(API + "/search?q=metadata.probe:" + probe))
                                            .build())
                                    .body())
                            .getInt("total")
                    == 0) {
                TimeUnit.MILLISECONDS.sleep(10);
                if (System.nanoTime() - at > TimeUnit.SECONDS.toNanos(30)) {
                    break;
                }
            }
            fresh.recordValue((System.nanoTime() - at) / 1000);
        }
        stop.set(true);
        pacer.shutdownNow();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        REPORT.add(String.format(
                Locale.ROOT,
                backend + "Searchable after its 201: p50 %.0f ms  p99 %.0f ms  max %.0f ms (%d"
                        + " versions, registrations running)",
                fresh.getValueAtPercentile(50) / 1000.0,
                fresh.getValueAtPercentile(99) / 1000.0,
                fresh.getMaxValue() / 1000.0,
                fresh.getTotalCount()));

        // the same questions answered by PostgreSQL, one at a time
        String jdbc = System.getProperty("bench.jdbc");
        if (jdbc == null) {
            REPORT.add("PostgreSQL baseline skipped: no bench.jdbc");
            return;
        }
        int samples = Integer.getInteger("bench.search.sql.samples", 20);
        long[] ilikeHits = new long[1];
        Histogram sql = sqlBaseline(jdbc, sqlQuestions, samples, false, ilikeHits);
        REPORT.add(String.format(
                Locale.ROOT,
                "PostgreSQL (ILIKE + GROUP BY, same questions, %d one at a time):" + " p50 %.1f ms  p99 %.1f ms",
                samples,
                sql.getValueAtPercentile(50) / 1000.0,
                sql.getValueAtPercentile(99) / 1000.0));
        REPORT.add(String.format(
                Locale.ROOT,
                backend + "PostgreSQL / search: p50 %.0f x, p99 %.0f x",
                (double) sql.getValueAtPercentile(50) / Math.max(1, h.getValueAtPercentile(50)),
                (double) sql.getValueAtPercentile(99) / Math.max(1, h.getValueAtPercentile(99))));

        // the fair baseline: PostgreSQL's full-text search, a GIN index over a tsvector of the same fields (db/V31)
        fillSearchBaseline(jdbc);
        long[] ginHits = new long[1];
        Histogram gin = sqlBaseline(jdbc, sqlQuestions, samples, true, ginHits);
        REPORT.add(String.format(
                Locale.ROOT,
                "PostgreSQL full-text (GIN over tsvector + GROUP BY, same questions, %d one at a time): p50 %.1f ms"
                        + "  p99 %.1f ms; hits %d, %.2f x those of ILIKE (words, not substrings)",
                samples,
                gin.getValueAtPercentile(50) / 1000.0,
                gin.getValueAtPercentile(99) / 1000.0,
                ginHits[0],
                (double) ginHits[0] / Math.max(1, ilikeHits[0])));
        REPORT.add(String.format(
                Locale.ROOT,
                backend + "PostgreSQL GIN / search: p50 %.1f x, p99 %.1f x (ILIKE / GIN: p50 %.1f x, p99 %.1f x)",
                (double) gin.getValueAtPercentile(50) / Math.max(1, h.getValueAtPercentile(50)),
                (double) gin.getValueAtPercentile(99) / Math.max(1, h.getValueAtPercentile(99)),
                (double) sql.getValueAtPercentile(50) / Math.max(1, gin.getValueAtPercentile(50)),
                (double) sql.getValueAtPercentile(99) / Math.max(1, gin.getValueAtPercentile(99))));
    }

    /** The versions matching a question: a substring of any field (ILIKE), or a word of the GIN-indexed document. */
    private static final String ILIKE_HITS = "SELECT v.id, v.model_id, v.state, m.risk_tier, v.created_at FROM"
            + " model_version v JOIN model m ON m.id = v.model_id WHERE (m.name ILIKE ? OR m.description ILIKE ? OR"
            + " v.metadata::text ILIKE ? OR v.version ILIKE ? OR EXISTS (SELECT 1 FROM model_tag t WHERE t.model_id ="
            + " m.id AND t.tag ILIKE ?))";

    private static final String GIN_HITS = "SELECT v.id, v.model_id, v.state, m.risk_tier, v.created_at FROM"
            + " search_baseline b JOIN model_version v ON v.id = b.version_id JOIN model m ON m.id = v.model_id"
            + " WHERE b.document @@ plainto_tsquery('simple', ?)";

    /**
     * Answers the questions with PostgreSQL, one at a time: the hits, then the tier, state, tag and owner facets and
     * the newest 20 hits, in one statement per question. Adds the questions' hit counts to {@code hits[0]}.
     */
    private static Histogram sqlBaseline(String jdbc, List<String[]> questions, int samples, boolean gin, long[] hits)
            throws Exception {
        ConcurrentHistogram sql = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
        try (Connection c = DriverManager.getConnection(jdbc)) {
            for (int i = 0; i < samples; i++) {
                String[] q = questions.get(i);
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("WITH hits AS MATERIALIZED ("
                        + (gin ? GIN_HITS : ILIKE_HITS) + (q[1] == null ? "" : " AND m.risk_tier = ?") + ")"
                        + " SELECT (SELECT count(*) FROM hits),"
                        + " (SELECT json_object_agg(risk_tier, c) FROM (SELECT risk_tier, count(*) c FROM hits"
                        + " GROUP BY 1) a), (SELECT json_object_agg(state, c) FROM (SELECT state, count(*) c FROM"
                        + " hits GROUP BY 1) b), (SELECT json_object_agg(tag, c) FROM (SELECT t.tag, count(*) c FROM"
                        + " hits h JOIN model_tag t ON t.model_id = h.model_id GROUP BY 1 ORDER BY 2 DESC LIMIT 20) d),"
                        + " (SELECT json_object_agg(owner, c) FROM (SELECT o.owner, count(*) c FROM hits h JOIN"
                        + " model_owner o ON o.model_id = h.model_id GROUP BY 1 ORDER BY 2 DESC LIMIT 20) e),"
                        + " (SELECT json_agg(id) FROM (SELECT id FROM hits ORDER BY created_at DESC LIMIT 20) f)")) {
                    int p = 1;
                    if (gin) {
                        ps.setString(p++, q[0]);
                    } else {
                        String like = "%" + q[0] + "%";
                        for (; p <= 5; p++) {
                            ps.setString(p, like);
                        }
                    }
                    if (q[1] != null) {
                        ps.setString(p, q[1]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        hits[0] += rs.getLong(1);
                    }
                }
                sql.recordValue((System.nanoTime() - t0) / 1000);
            }
        }
        return sql;
    }

    /**
     * Fills db/V31's search_baseline with a tsvector of the fields the ILIKE baseline scans, unless it already holds
     * as many rows as there are versions (within 1 %; -Dbench.search.gin.refill=true forces it). Only the benchmark
     * writes this table: the index is dropped and built again around the bulk insert, which is many times faster
     * than keeping it up to date row by row.
     */
    private static void fillSearchBaseline(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc);
                var s = c.createStatement()) {
            long versions;
            long documents;
            try (ResultSet rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM model_version), (SELECT count(*) FROM search_baseline)")) {
                rs.next();
                versions = rs.getLong(1);
                documents = rs.getLong(2);
            }
            if (!Boolean.getBoolean("bench.search.gin.refill") && Math.abs(versions - documents) <= versions / 100) {
                REPORT.add("PostgreSQL full-text documents: " + documents + " (kept from an earlier run)");
                return;
            }
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            s.execute("SET LOCAL maintenance_work_mem = '256MB'");
            s.execute("DROP INDEX search_baseline_document");
            s.execute("TRUNCATE search_baseline");
            int rows = s.executeUpdate("INSERT INTO search_baseline (version_id, model_id, document) SELECT v.id,"
                    + " v.model_id, to_tsvector('simple', concat_ws(' ', m.name, m.description, v.version,"
                    + " v.metadata::text, t.tags)) FROM model_version v JOIN model m ON m.id = v.model_id LEFT JOIN"
                    + " (SELECT model_id, string_agg(tag, ' ') tags FROM model_tag GROUP BY model_id) t ON t.model_id"
                    + " = m.id");
            s.execute("CREATE INDEX search_baseline_document ON search_baseline USING gin (document)");
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE search_baseline");
            REPORT.add(String.format(
                    Locale.ROOT,
                    "PostgreSQL full-text documents: %d written and indexed in %.0f s",
                    rows,
                    (System.nanoTime() - t0) / 1e9));
        }
    }

    /** A word of the catalog's vocabulary (the seeder's and the search questions'), at random. */
    static String word() {
        return WORDS[random(WORDS.length)];
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
