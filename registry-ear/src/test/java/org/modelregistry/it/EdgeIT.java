package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * The edges of the server as an attacker probes them: oversized bodies under a Content-Type in unusual case,
 * malformed percent-encodings the container chokes on, pages without security headers, forged log lines, log
 * floods with bad tokens, and a readiness probe that tells strangers what runs behind it.
 */
class EdgeIT extends RegistryDeployment {

    private static final Pattern ERROR_LINE = Pattern.compile("^\\[[^\\]]+\\] \\S+ +\\S+ +[EF] .*");

    /** A raw HTTP/1.1 exchange, for request targets java.net.URI refuses to build. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    private static Raw raw(String method, String target, String... headers) throws IOException {
        URI base = URI.create(Api.BASE_URL);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost()
                    + ":" + base.getPort() + "\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                h.put(
                        lines[i].substring(0, colon).trim(),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(h.get("Transfer-Encoding"))) {
                body = dechunk(new ByteArrayInputStream(body));
            }
            return new Raw(status, h, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n' && c >= 0) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.read();
            in.read();
        }
    }

    private static void assertProblem(Raw r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("Content-Type")).as(r.headers().toString()).startsWith("application/problem+json");
        JsonObject problem = r.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("requestId")).isNotBlank();
        if (field != null) {
            assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo(field);
        }
    }

    private static String bearer() {
        return "Bearer " + Api.adminToken();
    }

    @Test
    void aFiveMegabyteBodyIs413WhateverTheCaseOfItsContentType() {
        String big = "{\"group\":\"g\",\"name\":\"n\",\"riskTier\":\"LOW\",\"description\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}";
        for (String type : List.of("application/JSON", "Application/Json; charset=UTF-8")) {
            Reply declared = Api.post("/models", big, "Content-Type", type);
            assertThat(declared.status()).as(type).isEqualTo(413);
            assertThat(declared.contentType()).startsWith("application/problem+json");
            Reply chunked = Api.send(
                    "POST",
                    "/models",
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))),
                    "Content-Type",
                    type);
            assertThat(chunked.status()).as("chunked " + type).isEqualTo(413);
            assertThat(chunked.contentType()).startsWith("application/problem+json");
        }
        Reply patch = Api.send(
                "PATCH",
                "/models/" + UUID.randomUUID(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))),
                "Content-Type",
                "Application/Merge-Patch+Json; charset=utf-8");
        assertThat(patch.status()).isEqualTo(413);
    }

    @Test
    void aMalformedPercentEncodingInTheQueryIs400ProblemOnEveryEndpoint() throws IOException {
        for (String target : List.of(
                "/api/v1/models?cursor=%%%",
                "/api/v1/models?limit=%zz",
                "/api/v1/search?q=%E0%A4%A",
                "/api/v1/system/ping?x=%",
                "/api/v1/auth/jwks?cursor=%%%",
                "/no-such-page?cursor=%%%")) {
            Raw r = raw("GET", target, "Authorization", bearer());
            assertProblem(r, 400, "query");
            assertThat(r.headers()).containsKey("X-Content-Type-Options");
        }
        Raw token = raw("POST", "/api/v1/auth/token?x=%%%", "Content-Type", "application/json", "Content-Length", "0");
        assertProblem(token, 400, "query");
    }

    /**
     * Liberty refuses a path it cannot decode before it chooses an application, so no error page of ours runs: the
     * answer is its own 400 (a short HTML text). What holds: a 400, never a 500, with the security headers, and
     * nothing about the server's insides (docs/api-errors.md). A path that decodes to bytes that are not UTF-8
     * reaches the application, which answers with a problem.
     */
    @Test
    void aMalformedPathSegmentIs400() throws IOException {
        for (String target : List.of("/api/v1/models/%zz", "/api/v1/models/%", "/api/v1/models/%C3%28")) {
            Raw r = raw("GET", target, "Authorization", bearer());
            assertThat(r.status()).as(target + " " + r.body()).isEqualTo(400);
            assertThat(r.headers().get("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
            assertThat(r.headers().get("Content-Security-Policy")).as(target).contains("default-src 'none'");
            assertThat(r.body()).as(target).doesNotContain("Exception", "at com.", "SRVE");
            if (r.headers().get("Content-Type").startsWith("application/problem+json")) {
                assertProblem(r, 400, "path");
            }
        }
    }

    @Test
    void containerAnswersAreProblemDocumentsToo() throws IOException {
        Raw notFound = raw("GET", "/no-such-page");
        assertProblem(notFound, 404, null);
        Raw nested = raw("GET", "/api/v2/nothing", "Authorization", bearer());
        assertThat(nested.status()).isEqualTo(404);
        assertThat(nested.headers().get("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void securityHeadersAreOnApiAnswersContainerAnswersAndHealth() throws IOException {
        Map<String, Map<String, String>> answers = Map.of(
                "JAX-RS",
                        raw("GET", "/api/v1/system/ping", "Authorization", bearer())
                                .headers(),
                "container 404", raw("GET", "/no-such-page").headers(),
                "health", raw("GET", "/health/ready").headers(),
                "JAX-RS 401", raw("GET", "/api/v1/models").headers());
        answers.forEach((what, h) -> {
            assertThat(h.get("X-Content-Type-Options")).as(what + " " + h).isEqualTo("nosniff");
            assertThat(h.get("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(h.get("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(h.get("Content-Security-Policy"))
                    .as(what)
                    .contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
        });
        assertThat(answers.get("JAX-RS").get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anonymousReadinessShowsOnlyItsStatus() throws IOException {
        Raw r = raw("GET", "/health/ready");
        assertThat(r.status()).isEqualTo(200);
        JsonObject health = r.json();
        assertThat(health.getString("status")).isEqualTo("UP");
        String text = r.body().toLowerCase(Locale.ROOT);
        assertThat(text).doesNotContain("postgres", "database", "broker", "artemis", "schema", "error");
        for (var check : health.getJsonArray("checks")) {
            JsonObject c = check.asJsonObject();
            assertThat(c.getString("name")).isEqualTo("registry");
            assertThat(
                            c.containsKey("data")
                                    ? c.getJsonObject("data")
                                    : Json.createObjectBuilder().build())
                    .as("no details")
                    .isEmpty();
        }
        assertThat(raw("GET", "/api/v1/system/readiness").status()).isEqualTo(401);
    }

    @Test
    void aLineBreakInAUserNameDoesNotForgeALogLine() throws IOException {
        String marker = "FORGED-" + UUID.randomUUID();
        Reply r = Api.post(
                "/auth/token",
                "{\"username\":\"mallory\\r\\n[1/1/26 0:00:00:000 UTC] 00000001 " + marker
                        + " I admin signed in\",\"password\":\"whatever-it-is\"}",
                Api.NO_AUTH,
                "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("username");
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("registry.it.server.log")));
        assertThat(lines).noneMatch(l -> l.startsWith("[1/1/26") || (l.contains(marker) && !l.contains("mallory")));
    }

    @Test
    void rejectedTokensWriteNoErrorLines() throws Exception {
        RsaJsonWebKey attacker = RsaJwkGenerator.generateJwk(2048);
        JwtClaims expired = new JwtClaims();
        expired.setIssuer("model-registry");
        expired.setAudience("model-registry");
        expired.setSubject("x");
        expired.setClaim("upn", "admin");
        expired.setStringListClaim("groups", "ADMIN");
        expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 1800));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(expired.toJson());
        jws.setKey(attacker.getPrivateKey());
        jws.setKeyIdHeaderValue("attacker");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        String forged = jws.getCompactSerialization();

        Path log = Path.of(System.getProperty("registry.it.server.log"));
        int before = Files.readAllLines(log).size();
        for (int i = 0; i < 20; i++) {
            String token = switch (i % 4) {
                case 0 -> "garbage-" + i;
                case 1 -> "not.a.jwt";
                case 2 -> forged;
                default -> forged.substring(0, forged.length() - 10) + "AAAAAAAAAA";
            };
            Raw r = raw("GET", "/api/v1/models?limit=1", "Authorization", "Bearer " + token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer");
        }
        Thread.sleep(1000); // messages.log is written asynchronously
        List<String> added = Files.readAllLines(log);
        added = added.subList(Math.min(before, added.size()), added.size());
        assertThat(added)
                .noneMatch(
                        l -> ERROR_LINE.matcher(l).matches() || l.contains("CWWKS5523E") || l.contains("CWWKS6031E"));
    }

    /**
     * /openapi stays public (docs/security.md#health-and-openapi): it is the API's contract. It names no host but
     * the one the caller asked (over HTTP and HTTPS), and nothing of what runs behind it.
     */
    @Test
    void theOpenApiDocumentTellsStrangersNothingAboutTheServer() throws IOException {
        Raw r = raw("GET", "/openapi", "Accept", "application/json");
        assertThat(r.status()).isEqualTo(200);
        JsonObject doc = r.json();
        if (doc.containsKey("servers")) {
            for (var server : doc.getJsonArray("servers")) {
                assertThat(URI.create(server.asJsonObject().getString("url")).getHost())
                        .isEqualTo(URI.create(Api.BASE_URL).getHost());
            }
        }
        assertThat(r.body().toLowerCase(Locale.ROOT)).doesNotContain("jdbc:", "/work/", "/tmp/", "it-metrics-password");
    }

    /**
     * Liberty's JWT layer refuses the token before the application runs. It does pass through the application's
     * error page (its request id and Cache-Control are set) but Liberty keeps that answer's body empty, so the
     * rejection is a 401 with the standard WWW-Authenticate error and no body (docs/api-errors.md).
     */
    @Test
    void aRejectedTokenIs401WithTheBearerErrorAndNoDetails() throws IOException {
        Raw r = raw("GET", "/api/v1/models?limit=1", "Authorization", "Bearer not.a.jwt");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(r.headers().get("X-Request-Id")).isNotBlank();
        assertThat(r.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(r.body()).doesNotContain("CWWKS", "Exception");
    }
}
