package org.modelregistry.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;

/**
 * Reads with and without the cluster's read cache, and through one server against two, in one run: closed-loop
 * clients ({@code bench.threads}) read models and versions by id for {@code bench.seconds} per phase, each phase
 * reported as throughput and latency and as a ratio to one server with the cache (the mean of its two phases). The
 * servers must run with {@code registry.benchmark.seed-enabled=true} (the cache is switched through
 * {@code /api/v1/benchmark/cache}) and a rate limit above the load. Command and figures:
 * docs/performance.md#the-cluster.
 *
 * <p>{@code bench.urls}: the servers' base URLs, comma-separated (the first alone for the one-server phases).
 */
public final class ClusterBenchmark {

    private static final Logger LOG = Logger.getLogger(ClusterBenchmark.class.getName());
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final List<String> REPORT = new ArrayList<>();
    private static String authorization;

    private ClusterBenchmark() {}

    /** One phase's figures. */
    private record Figures(String name, double perSecond, Histogram latency, long errors) {}

    public static void main(String[] args) throws Exception {
        List<String> urls = List.of(
                System.getProperty("bench.urls", "http://127.0.0.1:9080").split(","));
        String first = urls.get(0);
        authorization = "Bearer "
                + token(first, System.getProperty("bench.user", "admin"), System.getProperty("bench.password", ""));
        List<String> paths = samplePaths(first, 1000);
        REPORT.add(String.format(
                Locale.ROOT,
                "%d models and versions read by %d closed-loop clients, %d s a phase",
                paths.size(),
                THREADS,
                SECONDS));

        // warm both paths first: the JIT, the pools and the cache
        cache(urls, true);
        phase("warm-up", List.of(first), paths);
        // on and off twice, so that what is still warming up or a noisy neighbour does not decide the comparison
        List<Figures> phases = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            cache(urls, true);
            phases.add(phase("one server, cache on (" + round + ")", List.of(first), paths));
            cache(urls, false);
            phases.add(phase("one server, cache off (" + round + ")", List.of(first), paths));
        }
        if (urls.size() > 1) {
            cache(urls, true);
            phases.add(phase(urls.size() + " servers, cache on", urls, paths));
            cache(urls, false);
            phases.add(phase(urls.size() + " servers, cache off", urls, paths));
        }
        cache(urls, true);
        // the baseline: one server with the cache, the mean of its two phases
        Figures base = new Figures(
                "base",
                (phases.get(0).perSecond() + phases.get(2).perSecond()) / 2,
                phases.get(0).latency(),
                0);
        REPORT.add("");
        REPORT.add(String.format(
                Locale.ROOT,
                "%-28s %10s %8s %8s %7s %14s",
                "phase",
                "req/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "ratio (req/s)"));
        for (Figures f : phases) {
            REPORT.add(String.format(
                    Locale.ROOT,
                    "%-28s %10.0f %8.2f %8.2f %7d %14.2f",
                    f.name(),
                    f.perSecond(),
                    f.latency().getValueAtPercentile(50) / 1000.0,
                    f.latency().getValueAtPercentile(99) / 1000.0,
                    f.errors(),
                    f.perSecond() / base.perSecond()));
        }
        REPORT.forEach(line -> LOG.info(line));
    }

    /** Closed loop: each client sends its next read when the last one answered, round robin over the servers. */
    private static Figures phase(String name, List<String> urls, List<String> paths) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Histogram>> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            clients.add(pool.submit(() -> {
                Histogram h = new Histogram(60_000_000L, 3);
                int i = offset;
                while (System.nanoTime() < end) {
                    String url = urls.get(i++ % urls.size())
                            + paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r =
                            send(HttpRequest.newBuilder(URI.create(url)).GET().build());
                    h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    done.incrementAndGet();
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                }
                return h;
            }));
        }
        Histogram all = new Histogram(60_000_000L, 3);
        for (Future<Histogram> c : clients) {
            all.add(c.get());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Figures(name, done.get() / seconds, all, errors.get());
    }

    private static void cache(List<String> urls, boolean on) {
        for (String url : urls) {
            HttpResponse<String> r =
                    send(HttpRequest.newBuilder(URI.create(url + "/api/v1/benchmark/cache?enabled=" + on))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            if (r.statusCode() != 204) {
                throw new IllegalStateException(url + ": cannot switch the cache (start the servers with"
                        + " REGISTRY_BENCHMARK_SEED_ENABLED=true): " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** Paths of models and of their first versions, read from the first server's catalog. */
    private static List<String> samplePaths(String url, int max) {
        List<String> paths = new ArrayList<>();
        JsonObject page = json(send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models?limit=500"))
                        .GET()
                        .build())
                .body());
        for (JsonValue item : page.getJsonArray("items")) {
            String id = item.asJsonObject().getString("id");
            paths.add("/api/v1/models/" + id);
            JsonObject versions =
                    json(send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models/" + id + "/versions?limit=1"))
                                    .GET()
                                    .build())
                            .body());
            for (JsonValue v : versions.getJsonArray("items")) {
                paths.add(
                        "/api/v1/models/" + id + "/versions/" + v.asJsonObject().getString("version"));
            }
            if (paths.size() >= max) {
                break;
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException("no models to read at " + url + ": seed some first (docs/performance.md)");
        }
        return paths;
    }

    private static String token(String url, String user, String password) {
        HttpResponse<String> r;
        try {
            r = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                                    .add("username", user)
                                    .add("password", password)
                                    .build()
                                    .toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach " + url + ": " + e, e);
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " (pass -Dbench.password=...): " + r.body());
        }
        return json(r.body()).getString("access_token");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", authorization)
                .build();
        try {
            return CLIENT.send(authorized, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
