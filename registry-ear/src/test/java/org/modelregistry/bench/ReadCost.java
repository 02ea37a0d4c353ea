package org.modelregistry.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.modelregistry.bench.Overload.Step;

/**
 * The reads phase of {@link CatalogLoadBenchmark} (with {@code bench.reads.seconds} &gt; 0): what a
 * {@code GET /api/v1/models/{id}} costs beside {@code GET /api/v1/system/ping} (the same bearer-token check, no work),
 * with the same token, in the same run. First closed loop: {@code bench.reads.clients} (16) clients send as fast as
 * answers come, ping and GET by id alternating in {@code bench.reads.rounds} (2) rounds of {@code bench.reads.seconds}
 * each (so both see the same machine), reported as throughputs and their ratio (goal: GET at least 0.6 x ping).
 * Then a fixed arrival rate, {@code bench.reads.rate} (500) per second, ping then GET by id, latency from each
 * request's intended start (goal: GET p99 at most 15 ms). With {@code bench.reads.cache-off=true}, one more closed-loop
 * round with the server's caches off ({@code POST /api/v1/benchmark/cache}), for what they save in the same run.
 */
final class ReadCost {

    private ReadCost() {}

    static void run(String api, String authorization, List<String> ids, List<String> report) throws Exception {
        int seconds = Integer.getInteger("bench.reads.seconds", 0);
        if (seconds <= 0) {
            report.add("Reads skipped: set bench.reads.seconds");
            return;
        }
        int clients = Integer.getInteger("bench.reads.clients", 16);
        int rounds = Integer.getInteger("bench.reads.rounds", 2);
        int rate = Integer.getInteger("bench.reads.rate", 500);
        List<String> pingUrl = List.of(api + "/system/ping");
        List<String> getUrls = ids.stream().map(id -> api + "/models/" + id).toList();
        Supplier<String> ping = () -> pingUrl.get(0);
        Supplier<String> get = () -> getUrls.get(ThreadLocalRandom.current().nextInt(getUrls.size()));

        // warm-up: the JIT and the caches see both paths before anything is measured
        Overload.step(pingUrl, authorization, clients, 5, false);
        Overload.step(getUrls, authorization, clients, 5, false);

        long pingOk = 0;
        long getOk = 0;
        double pingSeconds = 0;
        double getSeconds = 0;
        report.add("");
        for (int round = 1; round <= rounds; round++) {
            Step p = Overload.step(pingUrl, authorization, clients, seconds, false);
            Step g = Overload.step(getUrls, authorization, clients, seconds, false);
            report.add(p.line("closed loop ping (" + round + ")"));
            report.add(g.line("closed loop GET by id (" + round + ")"));
            pingOk += p.ok();
            getOk += g.ok();
            pingSeconds += p.seconds();
            getSeconds += g.seconds();
        }
        double pingRate = pingOk / pingSeconds;
        double getRate = getOk / getSeconds;
        if (Boolean.getBoolean("bench.reads.cache-off")) {
            // the same phases with the caches off (every read from PostgreSQL): what they save, in the same run
            cache(api, false);
            try {
                Step p = Overload.step(pingUrl, authorization, clients, seconds, false);
                Step g = Overload.step(getUrls, authorization, clients, seconds, false);
                report.add(p.line("closed loop ping (caches off)"));
                report.add(g.line("closed loop GET by id (caches off)"));
                report.add(String.format(
                        Locale.ROOT, "Caches off: GET by id %.2f x ping", g.throughput() / p.throughput()));
            } finally {
                cache(api, true);
            }
        }

        ConcurrentHistogram fixedPing = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        ConcurrentHistogram fixedGet = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        CatalogLoadBenchmark.run(ping, rate, 3, new ConcurrentHistogram(3)); // warm-up at the rate
        long[] pingResult = CatalogLoadBenchmark.run(ping, rate, seconds, fixedPing);
        CatalogLoadBenchmark.run(get, rate, 3, new ConcurrentHistogram(3));
        long[] getResult = CatalogLoadBenchmark.run(get, rate, seconds, fixedGet);
        report.add(fixed("ping at " + rate + "/s", fixedPing, pingResult, seconds));
        report.add(fixed("GET by id at " + rate + "/s", fixedGet, getResult, seconds));
        report.add(String.format(
                Locale.ROOT,
                "Reads: saturated GET by id %.0f/s, ping %.0f/s (%d clients): %.2f x ping (goal >= 0.6);"
                        + " GET by id p99 at %d/s %.2f ms (goal <= 15), ping's %.2f ms",
                getRate,
                pingRate,
                clients,
                getRate / Math.max(0.001, pingRate),
                rate,
                fixedGet.getValueAtPercentile(99) / 1000.0,
                fixedPing.getValueAtPercentile(99) / 1000.0));
    }

    /** Turns the server's read and caller caches on or off (POST /api/v1/benchmark/cache, benchmark servers only). */
    private static void cache(String api, boolean on) {
        HttpResponse<String> r =
                CatalogLoadBenchmark.send(HttpRequest.newBuilder(URI.create(api + "/benchmark/cache?enabled=" + on))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("cannot switch the caches: " + r.statusCode() + " " + r.body());
        }
    }

    private static String fixed(String name, Histogram h, long[] result, int seconds) {
        return String.format(
                Locale.ROOT,
                "%-22s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %6.1f ok/s  errors %d",
                name,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0,
                result[0] / (double) seconds,
                result[1]);
    }
}
