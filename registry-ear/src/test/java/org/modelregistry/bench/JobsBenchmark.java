package org.modelregistry.bench;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Jobs through the broker, against a running registry (the run command's server): trivial evaluation runs (one
 * metric threshold) posted through the API at bench.jobs.rate (50/s) for bench.jobs.seconds (30); their
 * enqueue-to-start and enqueue-to-finished latencies come from the runs' own timestamps in PostgreSQL. Then a burst
 * of bench.jobs.burst (1000) runs posted as fast as 16 clients can, for jobs per second. Beside both, in the same
 * run: raw persistent JMS messages sent to and received from the same broker, at the same rate and as a burst.
 *
 * <p>{@code ./mvnw -Pbenchmark package -Dbench.main=org.modelregistry.bench.JobsBenchmark -Dbench.password=...}
 * (bench.url, bench.jdbc, bench.jms = tcp://127.0.0.1:61616).
 */
public final class JobsBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:9080");
    private static final String API = URL + "/api/v1";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final int RATE = Integer.getInteger("bench.jobs.rate", 50);
    private static final int SECONDS = Integer.getInteger("bench.jobs.seconds", 30);
    private static final int BURST = Integer.getInteger("bench.jobs.burst", 1000);
    private static final List<String> REPORT = new ArrayList<>();
    private static String authorization;

    private JobsBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchCredentials.apply();
        authorization =
                "Bearer " + token(System.getProperty("bench.user", "admin"), System.getProperty("bench.password", ""));
        TrivialRun trivial = trivialRun(JobsBenchmark::post);
        String model = trivial.model();
        String runs = trivial.path();
        String body = trivial.body();

        paced(runs, body, RATE, 5); // warm-up: JIT, pools, broker sessions
        awaitFinished(model);
        long from = maxSeq();
        long t0 = System.nanoTime();
        long posted = paced(runs, body, RATE, SECONDS);
        awaitFinished(model);
        latencies(
                model,
                from,
                String.format(Locale.ROOT, "%d runs at %d/s", posted, RATE),
                (System.nanoTime() - t0) / 1e9);

        long burstFrom = maxSeq();
        long b0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < BURST; i++) {
            pool.execute(() -> post(runs, body, 202));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        awaitFinished(model);
        double burstSeconds = (System.nanoTime() - b0) / 1e9;
        REPORT.add(String.format(
                Locale.ROOT,
                "burst: %d runs posted by 16 clients and finished in %.1f s = %.0f jobs/s",
                BURST,
                burstSeconds,
                BURST / burstSeconds));
        latencies(model, burstFrom, "burst", burstSeconds);

        rawBroker();
        Logger log = Logger.getLogger(JobsBenchmark.class.getName());
        log.info("==== Jobs benchmark (" + URL + ") ====\n" + String.join("\n", REPORT));
    }

    /** Sends a POST and returns the answer's body, failing on any other status than {@code expected}. */
    interface Poster {
        String post(String path, String body, int expected);
    }

    /** Where to post a trivial evaluation run (one metric threshold) of a fresh version, and what. */
    record TrivialRun(String model, String path, String body) {}

    /** A suite with one trivial check and a fresh model with one version, to post trivial runs of. */
    static TrivialRun trivialRun(Poster poster) {
        String suite = "bench-trivial-" + System.currentTimeMillis();
        poster.post(
                "/evaluation-suites",
                "{\"name\":\"" + suite + "\",\"checks\":[{\"name\":\"quality\",\"kind\":"
                        + "\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9\"}]}",
                201);
        String model = json(poster.post(
                        "/models",
                        "{\"group\":\"bench-jobs\",\"name\":\"m-" + System.currentTimeMillis()
                                + "\",\"riskTier\":\"LOW\"}",
                        201))
                .getString("id");
        poster.post("/models/" + model + "/versions", "{\"version\":\"1.0.0\"}", 201);
        return new TrivialRun(
                model,
                "/models/" + model + "/versions/1.0.0/evaluations",
                "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":0.95}}");
    }

    /** Posts at a fixed rate (open loop) for the given seconds; returns how many were accepted. */
    private static long paced(String path, String body, int rate, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong accepted = new AtomicLong();
        CatalogLoadBenchmark.paced(pool, rate, (long) rate * seconds, intended -> () -> {
            post(path, body, 202);
            accepted.incrementAndGet();
        });
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        return accepted.get();
    }

    private static long maxSeq() throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("bench.jdbc"));
                PreparedStatement ps =
                        c.prepareStatement("SELECT coalesce(max(requested_at), '-infinity') FROM" + " evaluation_run");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1) == null ? 0 : rs.getTimestamp(1).getTime();
        }
    }

    private static void awaitFinished(String model) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        try (Connection c = DriverManager.getConnection(System.getProperty("bench.jdbc"))) {
            while (System.currentTimeMillis() < deadline) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM evaluation_run r JOIN"
                        + " model_version v ON v.id = r.version_id WHERE v.model_id = CAST(? AS uuid) AND r.state IN"
                        + " ('QUEUED', 'RUNNING')")) {
                    ps.setString(1, model);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            return;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("runs still unfinished after 10 minutes");
    }

    /** Enqueue-to-start and enqueue-to-finished of the runs requested after {@code fromMillis}. */
    private static void latencies(String model, long fromMillis, String label, double seconds) throws Exception {
        Histogram start = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        Histogram finish = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        int attemptsOver1 = 0;
        try (Connection c = DriverManager.getConnection(System.getProperty("bench.jdbc"));
                PreparedStatement ps = c.prepareStatement("SELECT extract(epoch FROM started_at - requested_at) * 1e6,"
                        + " extract(epoch FROM finished_at - requested_at) * 1e6, attempt FROM evaluation_run r JOIN"
                        + " model_version v ON v.id = r.version_id WHERE v.model_id = CAST(? AS uuid) AND"
                        + " r.requested_at > to_timestamp(? / 1000.0)")) {
            ps.setString(1, model);
            ps.setLong(2, fromMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    start.recordValue(Math.max(0, rs.getLong(1)));
                    finish.recordValue(Math.max(0, rs.getLong(2)));
                    attemptsOver1 += rs.getInt(3) > 1 ? 1 : 0;
                }
            }
        }
        REPORT.add(String.format(
                Locale.ROOT,
                "%-24s enqueue-to-start p50 %6.1f ms p99 %6.1f ms max %6.1f ms;"
                        + " enqueue-to-finished p50 %6.1f ms p99 %6.1f ms; %d runs, %d retried, %.1f s",
                label,
                start.getValueAtPercentile(50) / 1000.0,
                start.getValueAtPercentile(99) / 1000.0,
                start.getMaxValue() / 1000.0,
                finish.getValueAtPercentile(50) / 1000.0,
                finish.getValueAtPercentile(99) / 1000.0,
                start.getTotalCount(),
                attemptsOver1,
                seconds));
    }

    /** Raw persistent messages to the same broker: send-to-receive latency at the rate, then a burst's rate. */
    private static void rawBroker() throws Exception {
        try (ActiveMQConnectionFactory factory =
                        new ActiveMQConnectionFactory(System.getProperty("bench.jms", "tcp://127.0.0.1:61616"));
                JMSContext producerContext = factory.createContext("registry", BenchCredentials.brokerPassword());
                JMSContext consumerContext = factory.createContext("registry", BenchCredentials.brokerPassword())) {
            Queue queue = producerContext.createQueue("bench.raw." + UUID.randomUUID());
            ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
            int total = RATE * SECONDS;
            CountDownLatch received = new CountDownLatch(total + BURST);
            JMSConsumer consumer = consumerContext.createConsumer(queue);
            consumer.setMessageListener(m -> {
                try {
                    long sent = m.getLongProperty("sentNanos");
                    if (sent > 0) {
                        latency.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                received.countDown();
            });
            JMSProducer producer = producerContext.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = start + (long) i * 1_000_000_000L / RATE - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                producer.setProperty("sentNanos", System.nanoTime()).send(queue, "x");
            }
            long b0 = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                producer.setProperty("sentNanos", 0L).send(queue, "x");
            }
            received.await(5, TimeUnit.MINUTES);
            double burstSeconds = (System.nanoTime() - b0) / 1e9;
            REPORT.add(String.format(
                    Locale.ROOT,
                    "raw persistent JMS at %d/s: send-to-receive p50 %6.2f ms p99 %6.2f"
                            + " ms max %6.2f ms; a burst of %d sent and received in %.2f s = %.0f msg/s (one producer)",
                    RATE,
                    latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0,
                    BURST,
                    burstSeconds,
                    BURST / burstSeconds));
        }
    }

    private static String token(String user, String password) throws Exception {
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create(API + "/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                                .add("username", user)
                                .add("password", password)
                                .build()
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " (pass -Dbench.password=...): " + r.body());
        }
        return json(r.body()).getString("access_token");
    }

    private static String post(String path, String body, int expected) {
        try {
            HttpResponse<String> r = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(API + path))
                            .header("Content-Type", "application/json")
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
