package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * A negative-input fuzz run over every operation that {@code /openapi} lists: at least
 * {@link #MIN_CASES_PER_OPERATION} malformed requests each (wrong JSON types per property, huge strings, unicode,
 * missing and extra fields, non-JSON and empty bodies, arrays for objects, 10,000-level nesting, numbers out of
 * range, bad query values, bad headers), sent as the registry administrator. No answer may be a 5xx, every 4xx
 * must be an RFC 9457 problem document, and under /api/v1 every error status must be one the document lists for the
 * operation (what a generated client expects). The seed is fixed ({@code -Dfuzz.seed=...} to vary it) so a failure
 * reproduces. Run it alone with:
 * {@code ./mvnw -B -ntp verify -Dit.test=FuzzIT -Dcrash.skip=true -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}
 *
 * <p>Malformed percent-encodings are not generated: the container's handling of them has a test of its own.
 */
class FuzzIT extends RegistryDeployment {

    static final int MIN_CASES_PER_OPERATION = 30;
    private static final long SEED = Long.getLong("fuzz.seed", 20261212L);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String HUGE = "x".repeat(100 * 1024 + 7);
    /** RTL override, emoji, NUL and a lone surrogate, all as JSON escapes. */
    private static final List<String> UNICODE_JSON = List.of(
            "\"\\u202Eevil\\u202C\"",
            "\"\\uD83D\\uDE00 model\"",
            "\"nul\\u0000byte\"",
            "\"lone \\uD800 surrogate\"",
            "\"\\uDC00\"",
            "\"\\uFEFF\\u200B\"");
    /** The same in a query string, percent-encoded correctly (a lone surrogate cannot be, so it is left out). */
    private static final List<String> UNICODE_TEXT = List.of(
            "\u202Eevil\u202C", "\uD83D\uDE00", "nul\u0000byte", "\uFEFF\u200B", "\u0645\u0648\u062F\u064A\u0644");

    private static final List<String> WRONG_TYPES = List.of(
            "123",
            "-1",
            "1.5",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "[1,\"a\",null]",
            "{\"a\":{\"b\":[]}}",
            "1e400",
            "-9223372036854775809",
            "99999999999999999999999999",
            "\"\"",
            "\" \"",
            "\"" + "y".repeat(5000) + "\"");

    private final Random random = new Random(SEED);
    private final Map<String, String> fixtures = new LinkedHashMap<>();

    /** One failed expectation: operation, what was sent, what came back. */
    private final List<String> failures = new ArrayList<>();

    @Test
    void noOperationAnswersMalformedInputWith5xxOrANonProblem() {
        JsonObject openapi =
                Api.get(Api.BASE_URL + "/openapi", "Accept", "application/json").json();
        JsonObject paths = openapi.getJsonObject("paths");
        JsonObject schemas = openapi.containsKey("components")
                        && openapi.getJsonObject("components").containsKey("schemas")
                ? openapi.getJsonObject("components").getJsonObject("schemas")
                : JsonValue.EMPTY_JSON_OBJECT;
        createFixtures();

        Map<String, Integer> casesPerOperation = new TreeMap<>();
        int operations = 0;
        for (String path : new TreeSet<>(paths.keySet())) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : new TreeSet<>(item.keySet())) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                operations++;
                String op = method.toUpperCase() + " " + path;
                List<Case> cases = cases(op, path, method, item.getJsonObject(method), item, schemas);
                Set<String> documented =
                        item.getJsonObject(method).getJsonObject("responses").keySet();
                for (Case c : cases) {
                    send(op, c, path.startsWith("/api/v1/") ? documented : null);
                }
                casesPerOperation.put(op, cases.size());
            }
        }
        assertThat(casesPerOperation)
                .as("every operation of /openapi was fuzzed")
                .hasSize(operations);
        assertThat(casesPerOperation.values())
                .as("cases per operation " + casesPerOperation)
                .allMatch(n -> n >= MIN_CASES_PER_OPERATION);
        assertThat(failures)
                .as(failures.size() + " answers were a 5xx or a 4xx that is not a problem document" + " (seed " + SEED
                        + "):\n" + String.join("\n", failures.subList(0, Math.min(80, failures.size()))))
                .isEmpty();
    }

    /** One request: path (already filled), body, headers. */
    private record Case(String label, String method, String path, String body, String... headers) {}

    // ---------------------------------------------------------------- fixtures: real ids for the paths

    private String created(Reply r, String what) {
        assertThat(r.status()).as(what + ": " + r.body()).isBetween(200, 299);
        return r.json().getString("id");
    }

    private void createFixtures() {
        String group = Api.unique("fuzz");
        String model = Api.createModel(group, "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String versionPath = "/models/" + model + "/versions/1.0.0";
        fixtures.put("model", model);
        fixtures.put(
                "artifact",
                created(
                        Api.post(versionPath + "/artifacts", "{\"type\":\"OTHER\",\"name\":\"fuzz.bin\"}"),
                        "artifact"));
        String stored = created(
                Api.post(versionPath + "/artifacts", "{\"type\":\"OTHER\",\"name\":\"stored.bin\"}"), "artifact");
        assertThat(Api.put(
                                versionPath + "/artifacts/" + stored + "/content",
                                BodyPublishers.ofByteArray("fuzz".getBytes(StandardCharsets.UTF_8)))
                        .status())
                .isEqualTo(200);
        fixtures.put("storedArtifact", stored);
        String suite = Api.unique("fuzz-suite");
        fixtures.put(
                "suite",
                created(
                        Api.post(
                                "/evaluation-suites",
                                "{\"name\":\"" + suite + "\",\"checks\":[{"
                                        + "\"name\":\"q\",\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.5\"}]}"),
                        "suite"));
        Reply run =
                Api.post(versionPath + "/evaluations", "{\"suite\":\"" + suite + "\",\"metrics\":{\"accuracy\":1}}");
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        fixtures.put("run", run.json().getString("id"));
        fixtures.put(
                "policy",
                created(
                        Api.post(
                                "/policies",
                                "{\"name\":\"" + Api.unique("fuzz") + "\",\"groups\":[\"" + group
                                        + "\"],\"transitions\":[\"APPROVED\"],\"expression\":\"true\"}"),
                        "policy"));
        fixtures.put(
                "webhook",
                created(
                        Api.post(
                                "/webhooks",
                                "{\"name\":\"" + Api.unique("fuzz") + "\",\"url\":"
                                        + "\"https://hooks.example.com/fuzz\",\"secret\":\"fuzz-secret-0123456789\",\"events\":[\"*\"],"
                                        + "\"groups\":[\"" + group + "\"]}"),
                        "webhook"));
        fixtures.put(
                "target",
                created(
                        Api.post(
                                "/deployment-targets",
                                "{\"organization\":\"default\",\"name\":\""
                                        + Api.unique("fuzz")
                                        + "\",\"environment\":\"staging\",\"url\":\"https://deploy.example.com/fuzz\","
                                        + "\"secret\":\"fuzz-secret-0123456789\"}"),
                        "target"));
        // a throwaway user: PATCH must never touch the administrator the other tests sign in as
        fixtures.put(
                "user",
                created(
                        Api.post(
                                "/users",
                                "{\"username\":\"" + Api.unique("fuzz") + "\","
                                        + "\"password\":\"fuzz-password-1\",\"memberships\":[]}"),
                        "user"));
        String org = Api.unique("fuzz");
        assertThat(Api.post("/organizations", "{\"slug\":\"" + org + "\"}").status())
                .isEqualTo(201);
        fixtures.put("organization", org);
    }

    /** Throwaway objects for the DELETE operations, one per operation, so that no other test's object goes. */
    private String throwaway(String path) {
        if (path.startsWith("/api/v1/models/")) {
            return Api.createModel(Api.unique("fuzz"), "LOW").getString("id");
        }
        if (path.startsWith("/api/v1/policies/")) {
            return created(
                    Api.post(
                            "/policies",
                            "{\"name\":\"" + Api.unique("fuzz") + "\",\"groups\":[\"nothing\"],"
                                    + "\"transitions\":[\"APPROVED\"],\"expression\":\"true\"}"),
                    "policy");
        }
        if (path.startsWith("/api/v1/service-accounts/")) {
            Reply r = Api.post(
                    "/service-accounts",
                    "{\"name\":\"" + Api.unique("fuzz") + "\","
                            + "\"organization\":\"default\",\"role\":\"VIEWER\",\"expiresInDays\":1}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().getJsonObject("account").getString("id");
        }
        return null;
    }

    /** The real value of a path parameter, by its name and the path it is in. */
    private String real(String path, String param, String throwaway) {
        if (throwaway != null && (param.equals("id") || param.equals("modelId"))) {
            return throwaway;
        }
        return switch (param) {
            case "modelId" -> fixtures.get("model");
            case "version" -> "1.0.0";
            case "artifactId" -> path.endsWith("/content") ? fixtures.get("storedArtifact") : fixtures.get("artifact");
            case "runId" -> fixtures.get("run");
            case "alias" -> "fuzz-alias";
            case "slug" -> fixtures.get("organization");
            // audit partitions: only malformed months are sent; a real month's partition is never offered for dropping
            case "month" -> "not-a-month";
            case "id" -> {
                if (path.startsWith("/api/v1/models/")) {
                    yield fixtures.get("model");
                } else if (path.startsWith("/api/v1/policies/")) {
                    yield fixtures.get("policy");
                } else if (path.startsWith("/api/v1/webhooks/")) {
                    yield fixtures.get("webhook");
                } else if (path.startsWith("/api/v1/deployment-targets/")) {
                    yield fixtures.get("target");
                } else if (path.startsWith("/api/v1/users/")) {
                    yield fixtures.get("user");
                } else if (path.startsWith("/api/v1/evaluation-suites/")) {
                    yield fixtures.get("suite");
                }
                // deployments need an approved version and a live target: random ids only (404 paths, body checks)
                yield UUID.randomUUID().toString();
            }
            default -> UUID.randomUUID().toString();
        };
    }

    private static String fill(String path, Map<String, String> values) {
        String out = path;
        for (var e : values.entrySet()) {
            out = out.replace(
                    "{" + e.getKey() + "}",
                    URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out;
    }

    private static List<String> pathParams(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // ---------------------------------------------------------------- generation

    private List<Case> cases(
            String op, String path, String method, JsonObject operation, JsonObject item, JsonObject schemas) {
        String throwaway = method.equals("delete") ? throwaway(path) : null;
        List<String> params = pathParams(path);
        Map<String, String> realValues = new LinkedHashMap<>();
        params.forEach(p -> realValues.put(p, real(path, p, throwaway)));
        String realPath = fill(path, realValues);
        String m = method.toUpperCase();
        List<Case> cases = new ArrayList<>();
        boolean hasBody = operation.containsKey("requestBody")
                || Set.of("post", "put", "patch").contains(method);
        String json = method.equals("patch") ? "application/merge-patch+json" : "application/json";
        boolean binary = path.endsWith("/content") && method.equals("put");

        if (hasBody && !binary) {
            Map<String, JsonObject> properties = properties(operation, schemas);
            cases.add(new Case("empty body", m, realPath, "", "Content-Type", json));
            cases.add(new Case("null", m, realPath, "null", "Content-Type", json));
            cases.add(new Case("array for object", m, realPath, "[]", "Content-Type", json));
            cases.add(new Case("array of objects", m, realPath, "[{}]", "Content-Type", json));
            cases.add(new Case("not JSON", m, realPath, "this is not json", "Content-Type", json));
            cases.add(new Case("truncated JSON", m, realPath, "{\"a\":", "Content-Type", json));
            cases.add(new Case("trailing garbage", m, realPath, "{} {}", "Content-Type", json));
            cases.add(new Case("string", m, realPath, "\"text\"", "Content-Type", json));
            cases.add(new Case("number", m, realPath, "12", "Content-Type", json));
            cases.add(new Case(
                    "nested arrays 10000", m, realPath, "[".repeat(10_000) + "]".repeat(10_000), "Content-Type", json));
            cases.add(new Case(
                    "nested objects 10000",
                    m,
                    realPath,
                    "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                    "Content-Type",
                    json));
            cases.add(new Case("missing required fields", m, realPath, "{}", "Content-Type", json));
            cases.add(new Case("extra field", m, realPath, "{\"zzUnknown\":1,\"__proto__\":{}}", "Content-Type", json));
            cases.add(new Case("duplicate keys", m, realPath, "{\"a\":1,\"a\":2}", "Content-Type", json));
            cases.add(new Case("content-type garbage", m, realPath, "{}", "Content-Type", "garbage;;;=="));
            cases.add(new Case("content-type text", m, realPath, "{}", "Content-Type", "text/plain"));
            cases.add(new Case("content-type image", m, realPath, "\u0089PNG", "Content-Type", "image/png"));
            cases.add(new Case("bad charset", m, realPath, "{}", "Content-Type", json + "; charset=klingon"));
            cases.add(new Case(
                    "invalid UTF-8",
                    m,
                    realPath,
                    "{\"a\":\"\u00ff\u00fe\"}",
                    "Content-Type",
                    json + "; charset=UTF-8"));
            cases.add(new Case("huge field", m, realPath, "{\"" + HUGE + "\":1}", "Content-Type", json));
            for (String property : properties.keySet()) {
                for (String wrong : pick(WRONG_TYPES, 4)) {
                    cases.add(new Case(
                            "wrong type " + property + "=" + abbreviate(wrong),
                            m,
                            realPath,
                            object(property, wrong),
                            "Content-Type",
                            json));
                }
                cases.add(new Case(
                        "huge " + property, m, realPath, object(property, "\"" + HUGE + "\""), "Content-Type", json));
                cases.add(new Case(
                        "unicode " + property,
                        m,
                        realPath,
                        object(property, pick(UNICODE_JSON, 1).get(0)),
                        "Content-Type",
                        json));
                cases.add(new Case(
                        "lone surrogate " + property,
                        m,
                        realPath,
                        object(property, "\"\\ud800\""),
                        "Content-Type",
                        json));
            }
        } else if (binary) {
            cases.add(new Case("empty content", m, realPath, "", "Content-Type", "application/octet-stream"));
            cases.add(new Case("content-type garbage", m, realPath, "abc", "Content-Type", "garbage;;;=="));
            cases.add(new Case(
                    "Content-Length lie",
                    m,
                    realPath,
                    "abc",
                    "Content-Type",
                    "application/octet-stream",
                    "Content-Range",
                    "bytes 0-2/999999999999999999999"));
        } else {
            cases.add(
                    new Case("body on " + m, m, realPath, "{\"unexpected\":true}", "Content-Type", "application/json"));
            cases.add(new Case("non-JSON body on " + m, m, realPath, "garbage", "Content-Type", "text/plain"));
        }

        // headers
        String body = hasBody && !binary ? "{}" : "";
        String type = binary ? "application/octet-stream" : json;
        cases.add(new Case("If-Match garbage", m, realPath, body, "Content-Type", type, "If-Match", "garbage\"\"W/"));
        cases.add(new Case(
                "If-Match huge", m, realPath, body, "Content-Type", type, "If-Match", "\"" + "9".repeat(4000) + "\""));
        cases.add(new Case("If-None-Match garbage", m, realPath, body, "Content-Type", type, "If-None-Match", "\"x"));
        cases.add(new Case(
                "Idempotency-Key 10 KB",
                m,
                realPath,
                body,
                "Content-Type",
                type,
                "Idempotency-Key",
                "k".repeat(10 * 1024)));
        cases.add(new Case(
                "Idempotency-Key punctuation",
                m,
                realPath,
                body,
                "Content-Type",
                type,
                "Idempotency-Key",
                "k\"'<>{}\\;,"));
        cases.add(new Case("Accept image/png", m, realPath, body, "Content-Type", type, "Accept", "image/png"));
        cases.add(new Case("Accept garbage", m, realPath, body, "Content-Type", type, "Accept", ";;;/,,,"));
        cases.add(new Case(
                "Authorization garbage",
                m,
                realPath,
                body,
                "Content-Type",
                type,
                "Authorization",
                "Bearer " + "a.b.c".repeat(3),
                Api.NO_AUTH,
                ""));
        cases.add(new Case("Range garbage", m, realPath, body, "Content-Type", type, "Range", "bytes=99-1,zz"));

        // query parameters: declared ones get bad values; the common ones are always tried
        Set<String> query = new LinkedHashSet<>(List.of("limit", "cursor"));
        enumParams(operation, item).forEach((name, values) -> query.add(name));
        for (String q : query) {
            for (String bad : List.of(
                    "-1",
                    "0",
                    "99999999999999999999",
                    "abc",
                    "1.5",
                    HUGE.substring(0, 2000),
                    pick(UNICODE_TEXT, 1).get(0),
                    "eyJub3QiOiJhIGN1cnNvciJ9",
                    "[]",
                    "NONE_OF_THEM")) {
                cases.add(new Case(
                        "query " + q + "=" + abbreviate(bad),
                        m,
                        realPath + "?" + q + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8),
                        body,
                        "Content-Type",
                        type));
            }
        }
        cases.add(new Case(
                "query repeated", m, realPath + "?limit=1&limit=2&cursor=a&cursor=b", body, "Content-Type", type));

        // path parameters: random, garbage, huge and unicode values for each
        for (String p : params) {
            for (String bad : List.of(
                    UUID.randomUUID().toString(),
                    "not-an-id",
                    "0",
                    "-1",
                    "x".repeat(3000),
                    "\u202E\uD83D\uDE00",
                    "..",
                    "00000000-0000-0000-0000-000000000000",
                    "1.0.0.0.0.0")) {
                Map<String, String> values = new LinkedHashMap<>(realValues);
                values.put(p, bad);
                cases.add(new Case(
                        "path " + p + "=" + abbreviate(bad), m, fill(path, values), body, "Content-Type", type));
            }
        }
        return cases;
    }

    /** The properties of the request body's schema (following one $ref), or of its example, by name. */
    private static Map<String, JsonObject> properties(JsonObject operation, JsonObject schemas) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        if (!operation.containsKey("requestBody")) {
            out.put("name", JsonValue.EMPTY_JSON_OBJECT);
            return out;
        }
        JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
        if (content == null) {
            return out;
        }
        for (String type : content.keySet()) {
            JsonObject media = content.getJsonObject(type);
            JsonObject schema = media.getJsonObject("schema");
            if (schema != null && schema.containsKey("$ref")) {
                String ref = schema.getString("$ref");
                schema = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if (schema != null && schema.containsKey("properties")) {
                schema.getJsonObject("properties").forEach((k, v) -> out.put(k, v.asJsonObject()));
            }
            if (media.containsKey("examples")) {
                for (JsonValue example : media.getJsonObject("examples").values()) {
                    JsonValue value = example.asJsonObject().get("value");
                    JsonValue parsed = value instanceof JsonString s ? parse(s.getString()) : value;
                    if (parsed instanceof JsonObject o) {
                        o.keySet().forEach(k -> out.putIfAbsent(k, JsonValue.EMPTY_JSON_OBJECT));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            out.put("name", JsonValue.EMPTY_JSON_OBJECT); // a body with no documented shape still gets typed fields
        }
        return out;
    }

    private static JsonValue parse(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Query parameters with an enum schema, with their values. */
    private static Map<String, List<String>> enumParams(JsonObject operation, JsonObject item) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<JsonValue> all = new ArrayList<>();
        if (operation.containsKey("parameters")) {
            all.addAll(operation.getJsonArray("parameters"));
        }
        if (item.containsKey("parameters")) {
            all.addAll(item.getJsonArray("parameters"));
        }
        for (JsonValue v : all) {
            JsonObject p = v.asJsonObject();
            if ("query".equals(p.getString("in", ""))) {
                out.put(p.getString("name"), List.of());
            }
        }
        return out;
    }

    private static String object(String property, String value) {
        return "{\"" + property + "\":" + value + "}";
    }

    private <T> List<T> pick(List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 24 ? printable.substring(0, 24) + "...(" + s.length() + ")" : printable;
    }

    // ---------------------------------------------------------------- sending and judging

    /**
     * @param documented the statuses /openapi lists for the operation (a range such as 5XX included), or null where
     *     the registry's problem rules do not apply
     */
    private void send(String op, Case c, Set<String> documented) {
        Reply r;
        try {
            r = Api.send(
                    c.method(),
                    Api.BASE_URL + c.path(),
                    c.body().isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(c.body()),
                    c.headers());
        } catch (RuntimeException e) {
            failures.add(op + " | " + c.label() + " | no answer: " + e);
            return;
        }
        int status = r.status();
        if (status >= 500) {
            failures.add(op + " | " + c.label() + " | " + status + " " + abbreviate(r.body()));
        } else if (status >= 400 && !isProblem(r) && !rejectedTokenByLiberty(c, r)) {
            failures.add(op + " | " + c.label() + " | " + status + " not a problem document: "
                    + r.header("Content-Type") + " " + abbreviate(r.body()));
        }
        if (status >= 400
                && documented != null
                && !documented.contains(String.valueOf(status))
                && !documented.contains(status / 100 + "XX")) {
            failures.add(op + " | " + c.label() + " | " + status + " is not documented for the operation in /openapi");
        }
    }

    /**
     * The one documented exception (docs/api-errors.md): a bearer token Liberty's MicroProfile JWT layer rejects is
     * answered 401 by Liberty itself, before any application code or error page runs, with an empty body. It must
     * still be exactly that: 401, {@code WWW-Authenticate: Bearer}, the security headers, and nothing in the body.
     */
    private static boolean rejectedTokenByLiberty(Case c, Reply r) {
        return c.label().equals("Authorization garbage")
                && r.status() == 401
                && String.valueOf(r.header("WWW-Authenticate")).startsWith("Bearer")
                && "nosniff".equals(r.header("X-Content-Type-Options"))
                && r.body().isEmpty();
    }

    private static boolean isProblem(Reply r) {
        String type = r.header("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/problem+json")) {
            return false;
        }
        JsonValue body = parse(r.body());
        return body instanceof JsonObject o
                && o.containsKey("status")
                && (o.containsKey("title") || o.containsKey("detail"));
    }
}
