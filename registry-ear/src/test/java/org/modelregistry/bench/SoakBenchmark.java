package org.modelregistry.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.modelregistry.bench.Overload.Step;

/**
 * The soak: a long open-loop run of a mixed load at half the saturating rate, against a running registry (the run
 * command's server), watching for what only time shows: a heap that keeps what it should let go, latency that creeps
 * up, file descriptors or threads that leak.
 *
 * <p>First the saturation: {@code bench.soak.clients} (16) closed-loop clients send the mix as fast as answers come
 * for {@code bench.soak.saturation.seconds} (30, after a 10 s warm-up); its 2xx answers per second are the saturating
 * rate ({@code bench.soak.rate} &gt; 0 skips this and takes that rate as the saturating one). Then the mix arrives at
 * half of it, open loop (latency from each request's intended start, so a stalled server cannot hide its queue), for
 * {@code bench.soak.minutes} (60). Every {@code bench.soak.window.seconds} (300) it prints one line: p50/p99 of each
 * operation kind in that window, the errors by status, and the server's heap used right after a full GC
 * ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}), its open file descriptors ({@code /proc/<pid>/fd}), its
 * threads ({@code /proc/<pid>/status}) and the registry database's size. At the end a table sets the last window
 * beside the first with the goals: heap growth &lt; 10 %, p99 drift &lt; 20 % per kind, file descriptors &lt; 10 %,
 * no errors (412 apart: two writers of the mix changing one model at once, answered as the API documents).
 *
 * <p>The mix, per 100 requests: 35 GET model by id, 15 GET version, 10 list (first page of 50), 10 faceted searches,
 * 10 model PATCHes (description), 8 version registrations, 2 model registrations, 10 evaluation runs enqueued (the
 * trivial suite of {@link JobsBenchmark}, on the working set's versions). The working set is
 * {@code bench.soak.models} (100) models of two versions each, registered first through the API; registrations add to
 * the data (it grows as a used registry's does). {@code bench.soak.group} reuses instead the working set an earlier
 * run left in that group (its models m-*, with every version the run added): a restarted server on the same data and
 * the same working set tells the server's age from the data's shape.
 *
 * <p>{@code ./mvnw -Pbenchmark package -DskipTests -Dbench.main=org.modelregistry.bench.SoakBenchmark
 * -Dbench.password=... -Dbench.pid=<the server's pid>} (bench.url, bench.jdbc as for the other benchmarks).
 */
public final class SoakBenchmark {

    private static final Logger LOG = Logger.getLogger(SoakBenchmark.class.getName());

    private static final String API = System.getProperty("bench.url", "http://127.0.0.1:9080") + "/api/v1";

    /** The goals of issue 17: last window / first window below these. */
    private static final double HEAP_GOAL = 1.10;

    private static final double P99_GOAL = 1.20;
    private static final double FD_GOAL = 1.10;

    /** Tokens last 15 minutes by default: a run of an hour signs in again well before its token ends. */
    private static final long SIGN_IN_MINUTES = 5;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

    private SoakBenchmark() {}

    /** One kind of request of the mix: its share (per 100), the status that means success, and how to make one. */
    private record Op(String name, int weight, int expected, Supplier<HttpRequest> request) {}

    /** What the server looked like at the end of a window. */
    private record Sample(long heapBytes, long fds, long threads, long databaseBytes) {}

    /** One window's latencies per kind, errors by status, and the server's sample. */
    private record Window(Map<String, Histogram> latency, Map<String, Long> errors, long requests, Sample server) {}

    public static void main(String[] args) throws Exception {
        String jdbc = IdleCostBenchmark.registryDatabase();
        long pid = IdleCostBenchmark.serverPid();
        int minutes = Integer.getInteger("bench.soak.minutes", 60);
        int windowSeconds = Integer.getInteger("bench.soak.window.seconds", 300);
        int windows = minutes * 60 / Math.max(1, windowSeconds);
        if (windowSeconds <= 0 || windows < 2) {
            throw new IllegalArgumentException("bench.soak.minutes (" + minutes + ") must hold at least two windows"
                    + " of bench.soak.window.seconds (" + windowSeconds + "): the verdict compares the last with the"
                    + " first");
        }
        CatalogLoadBenchmark.signIn();
        List<Op> mix = mix();
        String[] names = mix.stream().map(Op::name).toArray(String[]::new);

        int clients = Integer.getInteger("bench.soak.clients", 16);
        double saturating = Integer.getInteger("bench.soak.rate", 0);
        if (saturating <= 0) {
            Supplier<HttpRequest> next =
                    () -> CatalogLoadBenchmark.authorized(pick(mix).request().get());
            Overload.step(next, clients, 10, false); // warm-up: the JIT sees every path of the mix first
            int seconds = Integer.getInteger("bench.soak.saturation.seconds", 30);
            Step saturation = Overload.step(next, clients, seconds, false);
            LOG.info(saturation.line("saturation (the mix)"));
            saturating = saturation.throughput();
        }
        double rate = Math.max(1, saturating / 2);
        LOG.info(String.format(
                Locale.ROOT,
                "Soak: %.0f req/s (half of %.0f) for %d min, windows of %d s, server pid %d",
                rate,
                saturating,
                minutes,
                windowSeconds,
                pid));

        Map<String, Recorder> latency = new LinkedHashMap<>();
        for (String name : names) {
            latency.put(name, new Recorder(3));
        }
        AtomicReference<Map<String, LongAdder>> errors = new AtomicReference<>(new ConcurrentHashMap<>());
        AtomicLong requests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        ScheduledExecutorService signIn = Executors.newSingleThreadScheduledExecutor();
        signIn.scheduleAtFixedRate(SoakBenchmark::signInAgain, SIGN_IN_MINUTES, SIGN_IN_MINUTES, TimeUnit.MINUTES);
        ExecutorService pacer = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        Future<?> arrivals = pacer.submit(() -> {
            CatalogLoadBenchmark.paced(pool, rate, (long) (rate * windows * windowSeconds), intended -> {
                Op op = pick(mix);
                HttpRequest request = op.request().get();
                return () -> {
                    String outcome = outcome(op, request);
                    latency.get(op.name()).recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    requests.incrementAndGet();
                    if (outcome != null) {
                        errors.get()
                                .computeIfAbsent(outcome, k -> new LongAdder())
                                .increment();
                    }
                };
            });
            return null;
        });
        // every window then holds the pause of one full GC near its start: this one, or the previous window's sample
        jcmd(pid, "GC.run");

        List<Window> seen = new ArrayList<>();
        try (Connection database = DriverManager.getConnection(jdbc)) {
            for (int w = 1; w <= windows; w++) {
                long end = start + TimeUnit.SECONDS.toNanos((long) w * windowSeconds);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime())); // a measuring window, not a wait
                if (arrivals.isDone() && w < windows) {
                    arrivals.get(); // the arrivals stopped early: their exception, rather than empty windows
                }
                Map<String, Histogram> histograms = new LinkedHashMap<>();
                latency.forEach((name, recorder) -> histograms.put(name, recorder.getIntervalHistogram()));
                Map<String, Long> failed = new TreeMap<>();
                errors.getAndSet(new ConcurrentHashMap<>()).forEach((k, v) -> failed.put(k, v.sum()));
                Window window = new Window(histograms, failed, requests.getAndSet(0), sample(pid, database));
                seen.add(window);
                LOG.info(line(w, windowSeconds, window));
            }
        } finally {
            arrivals.cancel(true);
            pacer.shutdownNow();
            signIn.shutdownNow();
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        LOG.info(verdict(seen.get(0), seen.get(seen.size() - 1), seen, minutes));
    }

    /** The mix's operations on a working set registered first; see the class comment for the shares. */
    private static List<Op> mix() throws Exception {
        String reused = System.getProperty("bench.soak.group");
        String group = reused != null ? reused : "soak-" + Long.toString(System.currentTimeMillis(), 36);
        int models = reused != null ? 0 : Integer.getInteger("bench.soak.models", 100);
        List<String> ids = new CopyOnWriteArrayList<>();
        if (reused != null) {
            ids.addAll(workingSet(reused));
            LOG.info(() -> "Working set: the " + ids.size() + " models m-* of group " + reused + ", reused");
        }
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> registered = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            int n = i;
            registered.add(writers.submit(() -> {
                String id = CatalogLoadBenchmark.json(post(
                                "/models",
                                "{\"group\":\"" + group + "\",\"name\":\"m-" + n + "\",\"riskTier\":\"LOW\","
                                        + "\"description\":\"" + words() + "\"}",
                                201))
                        .getString("id");
                post(
                        "/models/" + id + "/versions",
                        "{\"version\":\"1.0.0\",\"metadata\":{\"framework\":\"" + CatalogLoadBenchmark.word() + "\"}}",
                        201);
                post("/models/" + id + "/versions", "{\"version\":\"1.1.0\"}", 201);
                ids.add(id);
                return null;
            }));
        }
        for (Future<?> f : registered) {
            f.get();
        }
        writers.shutdown();
        JobsBenchmark.TrivialRun job = JobsBenchmark.trivialRun(SoakBenchmark::post);
        AtomicLong seq = new AtomicLong();
        Supplier<String> model = () -> ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        return List.of(
                new Op("get model", 35, 200, () -> get("/models/" + model.get())),
                new Op("get version", 15, 200, () -> get("/models/" + model.get() + "/versions/1.0.0")),
                new Op("list", 10, 200, () -> get("/models?limit=50")),
                new Op("search", 10, 200, () -> get("/search?type=version&limit=20&q=" + CatalogLoadBenchmark.word())),
                new Op(
                        "patch model",
                        10,
                        200,
                        () -> HttpRequest.newBuilder(URI.create(API + "/models/" + model.get()))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Content-Type", "application/merge-patch+json")
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"description\":\"" + words() + " " + seq.incrementAndGet() + "\"}"))
                                .build()),
                new Op(
                        "register version",
                        8,
                        201,
                        () -> postRequest(
                                "/models/" + model.get() + "/versions",
                                "{\"version\":\"2.0." + seq.incrementAndGet() + "\",\"metadata\":{\"framework\":\""
                                        + CatalogLoadBenchmark.word() + "\"}}")),
                new Op(
                        "register model",
                        2,
                        201,
                        () -> postRequest(
                                "/models",
                                "{\"group\":\"" + group + "\",\"name\":\"w-" + seq.incrementAndGet()
                                        + "\",\"riskTier\":\"MEDIUM\",\"description\":\"" + words() + "\"}")),
                new Op(
                        "enqueue job",
                        10,
                        202,
                        () -> postRequest("/models/" + model.get() + "/versions/1.0.0/evaluations", job.body())));
    }

    /** A failed sign-in must not end the schedule (a thrown exception would): the token still has minutes left. */
    private static void signInAgain() {
        try {
            CatalogLoadBenchmark.signIn();
        } catch (IllegalStateException e) {
            LOG.warning("sign-in failed, tried again in " + SIGN_IN_MINUTES + " min: " + e.getMessage());
        }
    }

    private static Op pick(List<Op> mix) {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Op op : mix) {
            r -= op.weight();
            if (r < 0) {
                return op;
            }
        }
        throw new IllegalStateException("the mix's weights add up to less than 100");
    }

    /** Null when the request got what it should, else its kind and status ("io" when no answer came). */
    private static String outcome(Op op, HttpRequest request) {
        try {
            int status = CatalogLoadBenchmark.send(request).statusCode();
            return status == op.expected() ? null : op.name() + " " + status;
        } catch (IllegalStateException noAnswer) {
            return op.name() + " io";
        }
    }

    /** The ids of a working set an earlier run registered in this group (its models named m-0, m-1...). */
    private static List<String> workingSet(String group) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> r = CatalogLoadBenchmark.send(get("/models?limit=500&group="
                    + URLEncoder.encode(group, StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("listing group " + group + ": " + r.statusCode() + " " + r.body());
            }
            JsonObject page = CatalogLoadBenchmark.json(r.body());
            page.getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(m -> m.getString("name").startsWith("m-"))
                    .forEach(m -> ids.add(m.getString("id")));
            cursor = !page.containsKey("nextCursor") || page.isNull("nextCursor") ? null : page.getString("nextCursor");
        } while (cursor != null);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("bench.soak.group " + group + " holds no working set (models m-*)");
        }
        return ids;
    }

    private static String words() {
        return CatalogLoadBenchmark.word() + " " + CatalogLoadBenchmark.word();
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(API + path))
                .timeout(REQUEST_TIMEOUT)
                .build();
    }

    private static HttpRequest postRequest(String path, String body) {
        return HttpRequest.newBuilder(URI.create(API + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String post(String path, String body, int expected) {
        HttpResponse<String> r = CatalogLoadBenchmark.send(postRequest(path, body));
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** The server's heap right after a full GC, its open files and threads, and the database's size. */
    private static Sample sample(long pid, Connection database) throws Exception {
        jcmd(pid, "GC.run");
        String heapInfo = jcmd(pid, "GC.heap_info");
        long usedKb = 0;
        Matcher m = HEAP_USED.matcher(heapInfo);
        while (m.find()) {
            usedKb += Long.parseLong(m.group(3));
        }
        if (usedKb == 0) {
            throw new IllegalStateException("no heap figures in jcmd " + pid + " GC.heap_info: " + heapInfo);
        }
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = open.count();
        }
        Matcher threads = THREADS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        if (!threads.find()) {
            throw new IllegalStateException("no Threads: line in /proc/" + pid + "/status");
        }
        return new Sample(usedKb * 1024, fds, Long.parseLong(threads.group(1)), databaseBytes(database));
    }

    private static long databaseBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs the JDK's jcmd against the server (same user, same machine) and returns what it printed. */
    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    private static String line(int w, int windowSeconds, Window window) {
        String kinds = window.latency().entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %.1f/%.1f",
                        e.getKey(),
                        e.getValue().getValueAtPercentile(50) / 1000.0,
                        e.getValue().getValueAtPercentile(99) / 1000.0))
                .collect(Collectors.joining(", "));
        String errors = window.errors().isEmpty()
                ? "none"
                : window.errors().entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(" "));
        Sample s = window.server();
        return String.format(
                Locale.ROOT,
                "window %d (to %d s): %d requests (%.1f/s); p50/p99 ms: %s; errors: %s; heap after full GC %.1f MB,"
                        + " fds %d, threads %d, database %.1f MB",
                w,
                (long) w * windowSeconds,
                window.requests(),
                window.requests() / (double) windowSeconds,
                kinds,
                errors,
                s.heapBytes() / 1e6,
                s.fds(),
                s.threads(),
                s.databaseBytes() / 1e6);
    }

    /** The last window beside the first, against the goals, as a Markdown table (it goes into docs as printed). */
    private static String verdict(Window first, Window last, List<Window> all, int minutes) {
        List<String> rows = new ArrayList<>();
        boolean[] pass = {true};
        rows.add("| measure | first window | last window | last / first | goal | result |");
        rows.add("|---|---|---|---|---|---|");
        rows.add(row(
                "heap after full GC",
                first.server().heapBytes() / 1e6,
                last.server().heapBytes() / 1e6,
                "MB",
                HEAP_GOAL,
                pass));
        for (String kind : first.latency().keySet()) {
            rows.add(row(
                    "p99 " + kind,
                    first.latency().get(kind).getValueAtPercentile(99) / 1000.0,
                    last.latency().get(kind).getValueAtPercentile(99) / 1000.0,
                    "ms",
                    P99_GOAL,
                    pass));
        }
        rows.add(
                row("open file descriptors", first.server().fds(), last.server().fds(), "", FD_GOAL, pass));
        rows.add(row("threads", first.server().threads(), last.server().threads(), "", 0, pass));
        rows.add(row(
                "database size",
                first.server().databaseBytes() / 1e6,
                last.server().databaseBytes() / 1e6,
                "MB",
                0,
                pass));
        // 412: two writers of the mix changed one model at once and the later one was told to read again, as the API
        // documents; a conflict of the mix, not a failure of the server, so counted apart
        long conflicts = errors(all, true);
        long errors = errors(all, false);
        long requests = all.stream().mapToLong(Window::requests).sum();
        pass[0] &= errors == 0;
        rows.add(String.format(
                Locale.ROOT,
                "| errors (all windows, 412 apart) | | %d of %d requests | | 0 | %s |",
                errors,
                requests,
                errors == 0 ? "PASS" : "FAIL"));
        rows.add("| 412 concurrent change (all windows) | | " + conflicts + " | | reported | |");
        rows.add("");
        rows.add(String.format(
                Locale.ROOT,
                "Soak of %d min: %s (goals: heap growth < %.0f %%, p99 drift < %.0f %% per kind, fds < %.0f %%, no"
                        + " errors)",
                minutes,
                pass[0] ? "PASS" : "FAIL",
                (HEAP_GOAL - 1) * 100,
                (P99_GOAL - 1) * 100,
                (FD_GOAL - 1) * 100));
        return String.join("\n", rows);
    }

    /** The errors of all windows: only the 412 answers, or all the others. */
    private static long errors(List<Window> all, boolean conflicts) {
        return all.stream()
                .flatMap(w -> w.errors().entrySet().stream())
                .filter(e -> e.getKey().endsWith(" 412") == conflicts)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** A row of the table; a goal of 0 means reported only (threads and the database grow with the data). */
    private static String row(String name, double first, double last, String unit, double goal, boolean[] pass) {
        double ratio = last / Math.max(1e-9, first);
        boolean ok = goal == 0 || ratio < goal;
        pass[0] &= ok;
        String figure = unit.isEmpty() ? "%.0f" : "%.1f " + unit; // counts (fds, threads) are whole
        return String.format(
                Locale.ROOT,
                "| %s | " + figure + " | " + figure + " | %.2f | %s | %s |",
                name,
                first,
                last,
                ratio,
                goal == 0 ? "reported" : String.format(Locale.ROOT, "< %.2f", goal),
                goal == 0 ? "" : ok ? "PASS" : "FAIL");
    }
}
