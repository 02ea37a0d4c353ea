package org.modelregistry.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Server time of every console page, measured beside the API's reads in the same run (docs/performance.md has the
 * command and the figures). The client signs in through the sign-in form like a person, keeps the session cookie,
 * and requests each page at a fixed arrival rate (latency from each request's intended start, so queueing is not
 * hidden), on models and versions sampled from the whole catalog. A page that answers anything but 200 with its own
 * title (an error page, the sign-in page) counts as an error.
 *
 * <p>System properties: bench.url, bench.user, bench.password, bench.rate (requests/s per page, default 20),
 * bench.seconds (default 20), bench.threads (default 16).
 */
public final class ConsoleBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:9080");
    private static final String CONSOLE = URL + "/console";
    private static final int RATE = Integer.getInteger("bench.rate", 20);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern H1 = Pattern.compile("<h1>([^<]*)</h1>");
    /** PrimeFaces' script nonce, which a postback must return (the Content-Security-Policy mode checks it). */
    private static final Pattern NONCE = Pattern.compile("<input[^>]*name=\"primefaces.nonce\"[^>]*>");

    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    /** A browser, but the session cookie goes by hand: it is Secure, which Java's cookie store keeps off HTTP. */
    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final Pattern SESSION_COOKIE = Pattern.compile("^(REGISTRY_CONSOLE=[^;]+)");
    private static volatile String session;
    private static final HttpClient API =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String bearer;

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        String user = System.getProperty("bench.user", "admin");
        String password = System.getProperty("bench.password", "");
        bearer = "Bearer " + token(user, password);
        int seedModels = Integer.getInteger("bench.seed.models", 0);
        if (seedModels > 0) {
            seed(seedModels, Integer.getInteger("bench.seed.versions", 10));
            reindex();
        }
        awaitIndex();
        signIn(user, password);
        List<String[]> versions = sampleVersions(200);
        if (versions.isEmpty()) {
            throw new IllegalStateException("no versions to read: seed the catalog first (CatalogLoadBenchmark)");
        }
        System.out.println("console benchmark on " + URL + " with " + versions.size() + " sampled versions");

        Map<String, Supplier<String>> pages = new LinkedHashMap<>();
        pages.put("API GET /models/{id}", () -> URL + "/api/v1/models/" + any(versions)[0]);
        pages.put("API GET /models?limit=25", () -> URL + "/api/v1/models?limit=25");
        pages.put("API GET /search?q=", () -> URL + "/api/v1/search?q=" + word());
        pages.put("console dashboard", () -> CONSOLE + "/index.xhtml");
        pages.put("console models", () -> CONSOLE + "/models.xhtml");
        pages.put("console model", () -> CONSOLE + "/model.xhtml?id=" + any(versions)[0]);
        pages.put("console version", () -> {
            String[] v = any(versions);
            return CONSOLE + "/version.xhtml?model=" + v[0] + "&version=" + v[1];
        });
        pages.put("console search", () -> CONSOLE + "/search.xhtml?q=" + word());
        pages.put("console aliases", () -> CONSOLE + "/aliases.xhtml?model=" + any(versions)[0]);
        pages.put("console policies", () -> CONSOLE + "/policies.xhtml");
        pages.put("console audit", () -> CONSOLE + "/audit.xhtml");
        pages.put("console admin", () -> CONSOLE + "/admin.xhtml");

        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> page : pages.entrySet()) {
            boolean api = page.getKey().startsWith("API");
            run(page.getValue(), api, RATE, 3, new ConcurrentHistogram(3)); // warm-up
            ConcurrentHistogram h = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
            long[] result = run(page.getValue(), api, RATE, SECONDS, h);
            report.add(String.format(
                    Locale.ROOT,
                    "%-26s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %6.1f req/s  errors %d",
                    page.getKey(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0,
                    result[0] / (double) SECONDS,
                    result[1]));
            System.out.println(report.get(report.size() - 1));
        }
        System.out.println();
        System.out.println("Console and API, " + RATE + " req/s per page for " + SECONDS + " s:");
        report.forEach(System.out::println);
    }

    private static long[] run(Supplier<String> url, boolean api, int rate, int seconds, Histogram h) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long intended = start + i * 1_000_000_000L / rate;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String target = url.get();
            pool.execute(() -> {
                boolean good;
                try {
                    if (api) {
                        HttpResponse<String> r = API.send(
                                HttpRequest.newBuilder(URI.create(target))
                                        .header("Authorization", bearer)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        good = r.statusCode() == 200;
                    } else {
                        HttpResponse<String> r = BROWSER.send(
                                HttpRequest.newBuilder(URI.create(target))
                                        .header("Cookie", session)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        good = r.statusCode() == 200 && isPage(r);
                    }
                } catch (Exception e) {
                    good = false;
                }
                h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                (good ? ok : errors).incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return new long[] {ok.get(), errors.get()};
    }

    /** Seeds through the benchmark seeder (a server started with registry.benchmark.seed-enabled=true). */
    private static void seed(int models, int versions) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = API.send(
                HttpRequest.newBuilder(URI.create(URL + "/api/v1/benchmark/seed?prefix=c"
                                + Long.toString(System.currentTimeMillis() % 1_000_000, 36) + "&models=" + models
                                + "&versions=" + versions + "&artifacts=0&batch=20"))
                        .header("Authorization", bearer)
                        .timeout(Duration.ofHours(2))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("seeding failed: " + r.statusCode() + " " + r.body());
        }
        System.out.printf(Locale.ROOT, "seeded %s in %.0f s%n", r.body(), (System.nanoTime() - t0) / 1e9);
    }

    /** Rebuilds the search index over the seeded catalog (the seeder writes rows, not the events the index follows). */
    private static void reindex() throws Exception {
        long t0 = System.nanoTime();
        API.send(
                HttpRequest.newBuilder(URI.create(URL + "/api/v1/admin/reindex"))
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject status;
        do {
            TimeUnit.SECONDS.sleep(2);
            status = apiJson("/admin/reindex");
        } while ("RUNNING".equals(status.getString("state")));
        System.out.printf(Locale.ROOT, "search index rebuilt: %s in %.0f s%n", status, (System.nanoTime() - t0) / 1e9);
    }

    /** Waits until the search index (which the dashboard's counts read) has caught up with the catalog. */
    private static void awaitIndex() throws Exception {
        long last = -1;
        int still = 0;
        long t0 = System.nanoTime();
        while (still < 3 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(30)) {
            long total = apiJson("/search?type=version&limit=1")
                    .getJsonNumber("total")
                    .longValue();
            still = total == last ? still + 1 : 0;
            last = total;
            TimeUnit.SECONDS.sleep(5);
        }
        System.out.printf(
                Locale.ROOT, "search index holds %d versions after %.0f s%n", last, (System.nanoTime() - t0) / 1e9);
    }

    /** The page itself, not the sign-in page or an error page the console answered with 200. */
    private static boolean isPage(HttpResponse<String> r) {
        if (r.uri().getPath().endsWith("/login.xhtml")) {
            return false;
        }
        Matcher title = H1.matcher(r.body());
        return title.find()
                && !title.group(1).equals("Something went wrong")
                && !title.group(1).equals("Not found")
                && !title.group(1).equals("Not allowed");
    }

    private static void signIn(String user, String password) throws Exception {
        HttpResponse<String> form = BROWSER.send(
                HttpRequest.newBuilder(URI.create(CONSOLE + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymous = sessionCookie(form);
        Matcher state = VIEW_STATE.matcher(form.body());
        if (anonymous == null || !state.find()) {
            throw new IllegalStateException("no sign-in form at " + CONSOLE + "/login.xhtml");
        }
        // the browser's script adds the page's nonce to each post; here it is read from the page's policy
        Matcher nonce = NONCE.matcher(
                form.headers().firstValue("Content-Security-Policy").orElse(""));
        String body = "signIn_SUBMIT=1&signIn%3Anext=&signIn%3Ausername=" + enc(user) + "&signIn%3Apassword="
                + enc(password) + "&signIn%3Asubmit=&jakarta.faces.ViewState=" + enc(state.group(1))
                + (nonce.find() ? "&primefaces.nonce=" + enc(nonce.group(1)) : "");
        HttpResponse<String> signedIn = BROWSER.send(
                HttpRequest.newBuilder(URI.create(CONSOLE + "/login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", anonymous)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // signed in: a redirect to the dashboard; the session's new id comes with it or with the dashboard
        String renewed = sessionCookie(signedIn);
        session = renewed != null ? renewed : anonymous;
        HttpResponse<String> dashboard = BROWSER.send(
                HttpRequest.newBuilder(URI.create(CONSOLE + "/index.xhtml"))
                        .header("Cookie", session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String latest = sessionCookie(dashboard);
        if (latest != null) {
            session = latest;
        }
        if (signedIn.statusCode() != 302 || dashboard.statusCode() != 200 || !isPage(dashboard)) {
            throw new IllegalStateException("signing in to the console failed for " + user + ": "
                    + signedIn.statusCode() + ", dashboard " + dashboard.statusCode() + "; the form's policies "
                    + form.headers().allValues("Content-Security-Policy") + ", its hidden fields "
                    + hiddenFields(form.body()));
        }
    }

    private static List<String> hiddenFields(String html) {
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(html);
        while (m.find()) {
            fields.add(m.group());
        }
        return fields;
    }

    private static String sessionCookie(HttpResponse<?> r) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION_COOKIE.matcher(c);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String token(String user, String password) throws Exception {
        HttpResponse<String> r = API.send(
                HttpRequest.newBuilder(URI.create(URL + "/api/v1/auth/token"))
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

    private static JsonObject apiJson(String path) throws Exception {
        HttpResponse<String> r = API.send(
                HttpRequest.newBuilder(URI.create(URL + "/api/v1" + path))
                        .header("Authorization", bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json(r.body());
    }

    /** Pairs (model id, version) from models spread over the catalog. */
    private static List<String[]> sampleVersions(int max) throws Exception {
        List<String[]> sample = new ArrayList<>();
        JsonArray models = apiJson("/models?limit=500").getJsonArray("items");
        for (int i = 0; i < models.size() && sample.size() < max; i += Math.max(1, models.size() / max)) {
            String id = models.getJsonObject(i).getString("id");
            JsonArray versions = apiJson("/models/" + id + "/versions?limit=5").getJsonArray("items");
            if (!versions.isEmpty()) {
                sample.add(new String[] {id, versions.getJsonObject(0).getString("version")});
            }
        }
        return sample;
    }

    private static final String[] WORDS = {"nlp", "vision", "fraud", "ranking", "speech", "forecast", "llm"};

    private static String word() {
        return WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)];
    }

    private static String[] any(List<String[]> versions) {
        return versions.get(ThreadLocalRandom.current().nextInt(versions.size()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
