package org.modelregistry.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Warm before ready, measured: starts the run command's server itself (liberty-config/bin/registry, the data directory
 * bench.data.dir, no build), takes the time from the launch to {@code /health/ready} answering 200, then at once
 * drives a mixed load at a fixed rate (open loop, latency from each request's intended start) for bench.warm.seconds
 * (30): GET a model by id (2 x bench.warm.rate a second), search (1 x), register a model (0.5 x) and queue an
 * evaluation run, a job (0.5 x; its enqueue-to-start comes from the run's own timestamps in PostgreSQL). After
 * bench.warm.soak.seconds (90) more of the same load it measures bench.warm.seconds again: the warm figures. It stops
 * the server and does it all again for each of bench.warm.modes ({@code on,off}: registry.warmup.enabled), in one run,
 * and prints per operation the first window's p99, the warm p99 and their ratio (goal: at most 2), and the
 * start-to-ready times (goal: at most 20 s).
 *
 * <p>A first start prepares the data (50 models with a version, an evaluation suite) and a token of the administrator
 * (bench.password) that the measured starts reuse, so that nothing but the load reaches a measured server. See
 * docs/performance.md, "Warm before ready", for the command.
 */
public final class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class.getName());
    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:9080");
    private static final String API = URL + "/api/v1";
    private static final Path DATA =
            Path.of(System.getProperty("bench.data.dir", System.getProperty("user.home") + "/.model-registry"));
    private static final Path COMMAND =
            Path.of(System.getProperty("bench.warm.command", "../liberty-config/bin/registry"));
    private static final int SECONDS = Integer.getInteger("bench.warm.seconds", 30);
    private static final int SOAK = Integer.getInteger("bench.warm.soak.seconds", 90);
    private static final int RATE = Integer.getInteger("bench.warm.rate", 10);
    private static final List<String> MODES =
            List.of(System.getProperty("bench.warm.modes", "on,off").split(","));
    private static final String GROUP = "bench-warm";
    private static final int MODELS = 50;
    private static final String SUITE = "bench-warm-suite";
    private static final List<String> WORDS = List.of("model", "classifier", "fraud*", "bench", "risk", "vision");
    private static final List<String> OPS = List.of("get", "search", "register", "enqueue", "job start");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static String authorization;
    private static final List<String> IDS = new ArrayList<>();
    private static String jobModel;

    private WarmStart() {}

    public static void main(String[] args) throws Exception {
        List<String> report = new ArrayList<>();
        Process server = start("on");
        try {
            awaitReady(System.nanoTime());
            prepare();
        } finally {
            stop(server);
        }
        BenchCredentials.apply(); // the first start of a new data directory generated the database's passwords
        for (String mode : MODES) {
            report.addAll(measure(mode.trim()));
        }
        LOG.info("==== Warm before ready (" + URL + ", " + DATA + ", " + SECONDS + " s windows, " + SOAK
                + " s between, rate " + RATE + ") ====\n" + String.join("\n", report));
    }

    /** One start in the given warm-up mode: start-to-ready, the first window, the soak, the warm window. */
    private static List<String> measure(String mode) throws Exception {
        long t0 = System.nanoTime();
        Process server = start(mode);
        try {
            double ready = awaitReady(t0);
            Window first = load(SECONDS);
            load(SOAK);
            Window warm = load(SECONDS);
            TimeUnit.SECONDS.sleep(3); // the last runs of the warm window start
            first.jobStarts(jobStarts(first));
            warm.jobStarts(jobStarts(warm));
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "warm-up %-3s start to ready %5.1f s", mode, ready));
            for (String op : OPS) {
                Histogram a = first.latencies.get(op);
                Histogram b = warm.latencies.get(op);
                double p99First = a.getValueAtPercentile(99) / 1000.0;
                double p99Warm = b.getValueAtPercentile(99) / 1000.0;
                lines.add(String.format(
                        Locale.ROOT,
                        "warm-up %-3s %-9s first %2d s p50 %7.1f ms p99 %7.1f ms | warm p50 %6.1f ms p99 %6.1f ms"
                                + " | p99 ratio %5.2f | n %d/%d errors %d/%d",
                        mode,
                        op,
                        SECONDS,
                        a.getValueAtPercentile(50) / 1000.0,
                        p99First,
                        b.getValueAtPercentile(50) / 1000.0,
                        p99Warm,
                        p99First / Math.max(0.001, p99Warm),
                        a.getTotalCount(),
                        b.getTotalCount(),
                        first.errors.getOrDefault(op, new AtomicLong()).get(),
                        warm.errors.getOrDefault(op, new AtomicLong()).get()));
            }
            return lines;
        } finally {
            stop(server);
        }
    }

    /** The run command with its output in the data directory; REGISTRY_WARMUP_ENABLED by the mode. */
    private static Process start(String mode) throws IOException {
        Files.createDirectories(DATA);
        ProcessBuilder pb = new ProcessBuilder(COMMAND.toString())
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolve("warm-start-" + mode + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("REGISTRY_DATA_DIR", DATA.toString());
        env.put("REGISTRY_BUILD", "never");
        env.put("REGISTRY_ADMIN_PASSWORD", System.getProperty("bench.password", ""));
        env.put("REGISTRY_RATELIMIT_PER_MINUTE", "1000000");
        env.put("REGISTRY_AUTH_TOKEN_LIFETIME_MINUTES", "120");
        env.put("REGISTRY_WARMUP_ENABLED", String.valueOf(!mode.equals("off")));
        return pb.start();
    }

    /** Seconds from {@code t0} until /health/ready answers 200. */
    private static double awaitReady(long t0) throws Exception {
        long deadline = t0 + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                if (send(HttpRequest.newBuilder(URI.create(URL + "/health/ready"))
                                        .timeout(Duration.ofSeconds(2))
                                        .GET())
                                .statusCode()
                        == 200) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // the benchmark polls, as an orchestrator's probe would
        }
        throw new IllegalStateException("the server was not ready within 5 minutes");
    }

    /** SIGTERM to the launcher (it stops Liberty, the broker and PostgreSQL), then waits until the port is free. */
    private static void stop(Process server) throws Exception {
        server.destroy();
        if (!server.waitFor(3, TimeUnit.MINUTES)) {
            server.destroyForcibly();
            throw new IllegalStateException("the server did not stop within 3 minutes");
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            try {
                send(HttpRequest.newBuilder(URI.create(URL + "/health/live")).GET());
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (IOException e) {
                return; // nothing listens: the next start gets the port
            }
        }
        throw new IllegalStateException("something still answers on " + URL);
    }

    /** The token, 50 models with a version in GROUP, and the evaluation suite; created only when missing. */
    private static void prepare() throws Exception {
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(API + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", System.getProperty("bench.user", "admin"))
                        .add("password", System.getProperty("bench.password", ""))
                        .build()
                        .toString())));
        if (token.statusCode() != 200) {
            throw new IllegalStateException("sign-in: " + token.statusCode() + " " + token.body());
        }
        authorization = "Bearer " + json(token.body()).getString("access_token");
        for (var m : json(get("/models?limit=100&group=" + GROUP).body())
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            IDS.add(m.getString("id"));
        }
        while (IDS.size() < MODELS) {
            String id = json(expect(post("/models", model("m-" + UUID.randomUUID())), 201)
                            .body())
                    .getString("id");
            expect(post("/models/" + id + "/versions", "{\"version\":\"1.0.0\"}"), 201);
            IDS.add(id);
        }
        jobModel = IDS.get(0);
        int suite = post(
                        "/evaluation-suites",
                        "{\"name\":\"" + SUITE + "\",\"checks\":[{\"name\":\"quality\",\"kind\":"
                                + "\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}")
                .statusCode();
        if (suite != 201 && suite != 409) {
            throw new IllegalStateException("evaluation suite: " + suite);
        }
    }

    private static String model(String name) {
        return "{\"group\":\"" + GROUP + "\",\"name\":\"" + name + "\",\"riskTier\":\"LOW\",\"description\":"
                + "\"a bench model for risk and fraud\"}";
    }

    /** The four operations at their fixed rates for the given seconds. */
    private static Window load(int seconds) throws Exception {
        Window w = new Window();
        w.from = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Thread> pacers = new ArrayList<>();
        pacers.add(pace(pool, w, "get", RATE * 2, seconds, () -> {
            String id = IDS.get(ThreadLocalRandom.current().nextInt(IDS.size()));
            return get("/models/" + id).statusCode() == 200;
        }));
        pacers.add(pace(pool, w, "search", RATE, seconds, () -> {
            String q = WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size()));
            return get("/search?limit=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                            .statusCode()
                    == 200;
        }));
        pacers.add(pace(
                pool,
                w,
                "register",
                Math.max(1, RATE / 2),
                seconds,
                () -> post(
                                        "/models",
                                        "{\"group\":\"bench-warm-reg\",\"name\":\"r-" + UUID.randomUUID()
                                                + "\",\"riskTier\":\"LOW\"}")
                                .statusCode()
                        == 201));
        pacers.add(pace(
                pool,
                w,
                "enqueue",
                Math.max(1, RATE / 2),
                seconds,
                () -> post(
                                        "/models/" + jobModel + "/versions/1.0.0/evaluations",
                                        "{\"suite\":\"" + SUITE + "\",\"metrics\":{\"accuracy\":0.95}}")
                                .statusCode()
                        == 202));
        for (Thread t : pacers) {
            t.join();
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        w.to = Instant.now();
        return w;
    }

    /** Requests for an operation at a fixed rate: latency from the intended start, so a stall counts in full. */
    private static Thread pace(ExecutorService pool, Window w, String op, int rate, int seconds, Call call) {
        ConcurrentHistogram h = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        w.latencies.put(op, h);
        AtomicLong errors = new AtomicLong();
        w.errors.put(op, errors);
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            for (long i = 0; i < (long) rate * seconds; i++) {
                long intended = start + i * 1_000_000_000L / rate;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                pool.execute(() -> {
                    boolean ok;
                    try {
                        ok = call.run();
                    } catch (IOException | RuntimeException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        ok = false;
                    }
                    h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                });
            }
        });
        t.start();
        return t;
    }

    /** Enqueue-to-start of the runs the window queued, from the runs' own timestamps. */
    private static Histogram jobStarts(Window w) throws Exception {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        try (Connection c = DriverManager.getConnection(System.getProperty("bench.jdbc"));
                PreparedStatement ps = c.prepareStatement("SELECT extract(epoch FROM started_at - requested_at) * 1e6"
                        + " FROM evaluation_run r JOIN model_version v ON v.id = r.version_id WHERE v.model_id ="
                        + " CAST(? AS uuid) AND r.requested_at >= ? AND r.requested_at < ? AND started_at IS NOT"
                        + " NULL")) {
            ps.setString(1, jobModel);
            ps.setTimestamp(2, Timestamp.from(w.from));
            ps.setTimestamp(3, Timestamp.from(w.to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    h.recordValue(Math.max(0, rs.getLong(1)));
                }
            }
        }
        return h;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", authorization)
                .GET());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @FunctionalInterface
    private interface Call {
        boolean run() throws IOException, InterruptedException;
    }

    /** The latencies and errors of one window of load, and when it ran. */
    private static final class Window {
        final Map<String, Histogram> latencies = new LinkedHashMap<>();
        final Map<String, AtomicLong> errors = new LinkedHashMap<>();
        Instant from;
        Instant to;

        void jobStarts(Histogram h) {
            latencies.put("job start", h);
        }
    }
}
