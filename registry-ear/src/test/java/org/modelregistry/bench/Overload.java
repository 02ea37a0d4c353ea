package org.modelregistry.bench;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The overload phase of {@link CatalogLoadBenchmark} (with {@code bench.overload.seconds} &gt; 0): closed-loop
 * clients on one resource ({@code GET /api/v1/models/{id}}). It first finds the saturating concurrency (clients
 * 1, 2, 4, ... up to {@code bench.overload.max.clients} (128), {@code bench.overload.step.seconds} (5) each: the
 * fewest clients that reach 90 % of the best throughput), measures that concurrency for {@code bench.overload.seconds}
 * as the baseline, then {@code bench.overload.factor} (4) times as many clients for as long. It reports errors other
 * than 429/503 (the goal is none), the admitted requests' p99 as a ratio to the baseline's (goal at most 3), and the
 * share shed. A shed client waits what {@code Retry-After} says, as a well-behaved client does; with
 * {@code bench.overload.honour-retry-after=false} it retries at once, as an attacker would.
 */
final class Overload {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Overload() {}

    /** What one closed-loop step saw. */
    record Step(int clients, double seconds, long ok, long shed, long errors, Histogram admitted) {

        double throughput() {
            return ok / seconds;
        }

        double p99Millis() {
            return admitted.getValueAtPercentile(99) / 1000.0;
        }

        String line(String name) {
            long all = ok + shed + errors;
            return String.format(
                    Locale.ROOT,
                    "%-24s %4d clients  %7.1f ok/s  admitted p50 %7.2f ms  p99 %7.2f ms  shed %5.1f %%  errors %d",
                    name,
                    clients,
                    throughput(),
                    admitted.getValueAtPercentile(50) / 1000.0,
                    p99Millis(),
                    100.0 * shed / Math.max(1, all),
                    errors);
        }
    }

    static void run(String api, String authorization, Supplier<List<String>> ids, List<String> report)
            throws Exception {
        int seconds = Integer.getInteger("bench.overload.seconds", 0);
        if (seconds <= 0) {
            report.add("Overload skipped: set bench.overload.seconds");
            return;
        }
        int stepSeconds = Integer.getInteger("bench.overload.step.seconds", 5);
        int maxClients = Integer.getInteger("bench.overload.max.clients", 128);
        int factor = Integer.getInteger("bench.overload.factor", 4);
        boolean honour = !"false".equals(System.getProperty("bench.overload.honour-retry-after"));
        List<String> urls = ids.get().stream().map(id -> api + "/models/" + id).toList();

        step(urls, authorization, 8, stepSeconds, honour); // warm-up
        List<Step> steps = new ArrayList<>();
        for (int clients = 1; clients <= maxClients; clients *= 2) {
            Step s = step(urls, authorization, clients, stepSeconds, honour);
            steps.add(s);
            report.add(s.line("saturation step"));
            if (s.shed > 0) {
                break; // the admission limit answers: more clients only add 503s
            }
        }
        double best = steps.stream().mapToDouble(Step::throughput).max().orElse(0);
        int saturating = steps.stream()
                .filter(s -> s.throughput() >= 0.9 * best)
                .mapToInt(Step::clients)
                .findFirst()
                .orElse(1);

        Step baseline = step(urls, authorization, saturating, seconds, honour);
        Step overload = step(urls, authorization, saturating * factor, seconds, honour);
        report.add("");
        report.add(baseline.line("baseline (saturating)"));
        report.add(overload.line(factor + " x saturating"));
        report.add(String.format(
                Locale.ROOT,
                "Overload (%s Retry-After): errors other than 429/503 %d (goal 0); admitted p99 %.2f x the"
                        + " saturating p99 (goal <= 3); shed %.1f %%; admitted throughput %.2f x the saturating",
                honour ? "clients honour" : "clients ignore",
                overload.errors,
                overload.p99Millis() / Math.max(0.001, baseline.p99Millis()),
                100.0 * overload.shed / Math.max(1, overload.ok + overload.shed + overload.errors),
                overload.throughput() / Math.max(0.001, baseline.throughput())));
    }

    /** {@code clients} closed-loop clients for {@code seconds}, each GET on a random one of {@code urls}. */
    static Step step(List<String> urls, String authorization, int clients, int seconds, boolean honour)
            throws Exception {
        return step(
                () -> HttpRequest.newBuilder(
                                URI.create(urls.get(ThreadLocalRandom.current().nextInt(urls.size()))))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                clients,
                seconds,
                honour);
    }

    /** {@code clients} closed-loop clients for {@code seconds}, each sending the next request; any 2xx is admitted. */
    static Step step(Supplier<HttpRequest> next, int clients, int seconds, boolean honour) throws Exception {
        ConcurrentHistogram admitted = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong shed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = next.get();
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r;
                    try {
                        r = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    int status = r.statusCode();
                    if (status / 100 == 2) {
                        admitted.recordValue((System.nanoTime() - t0) / 1000);
                        ok.incrementAndGet();
                    } else if (status == 503 || status == 429) {
                        shed.incrementAndGet();
                        if (honour) {
                            backOff(r, end);
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Step(clients, elapsed, ok.get(), shed.get(), errors.get(), admitted);
    }

    /** Waits what Retry-After says (1 s when it says nothing readable), but not past the step's end. */
    private static void backOff(HttpResponse<?> r, long end) {
        long seconds = r.headers()
                .firstValue("Retry-After")
                .map(v -> {
                    try {
                        return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return 1L;
                    }
                })
                .orElse(1L);
        long until = Math.min(end, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        long wait = until - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
