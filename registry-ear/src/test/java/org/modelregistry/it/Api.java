package org.modelregistry.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A small HTTP client for the integration tests, speaking to the deployed registry as any client would. */
final class Api {

    static final String BASE_URL = System.getProperty("registry.it.base.url", "http://127.0.0.1:9080");
    static final String API = BASE_URL + "/api/v1";
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Api() {}

    /** A response, with its body as text and, when it is JSON, parsed. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        JsonStructure jsonAny() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    /** A name no other test (or earlier run) has used: DNS-label shaped. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Pass as a header pair (with any value) to send a request without the administrator's token. */
    static final String NO_AUTH = "X-Test-No-Auth";

    private static String adminToken;
    private static long adminTokenFetched;

    /**
     * A token of the bootstrap administrator, fetched again when it is 5 minutes old: tokens last 15, and one test JVM
     * runs the crash execution's classes for longer than that (its CrashIT once got a 401 from an expired token).
     */
    static synchronized String adminToken() {
        if (adminToken == null || System.nanoTime() - adminTokenFetched > TimeUnit.MINUTES.toNanos(5)) {
            Reply r = post(
                    "/auth/token",
                    "{\"username\":\"admin\",\"password\":\"" + System.getProperty("registry.it.admin.password")
                            + "\"}",
                    NO_AUTH,
                    "");
            if (r.status() != 200) {
                throw new IllegalStateException("no admin token: " + r.status() + " " + r.body());
            }
            adminToken = r.json().getString("access_token");
            adminTokenFetched = System.nanoTime();
        }
        return adminToken;
    }

    static Reply send(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : API + path))
                .timeout(Duration.ofMinutes(5))
                .method(method, body);
        boolean authenticate = true;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals(NO_AUTH)) {
                authenticate = false;
            } else {
                b.header(headers[i], headers[i + 1]);
                authenticate &= !headers[i].equalsIgnoreCase("Authorization");
            }
        }
        if (authenticate) {
            b.header("Authorization", "Bearer " + adminToken());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request builder carrying the administrator's token, for tests that read bodies as bytes or streams. */
    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminToken());
    }

    static Reply get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    static Reply delete(String path, String... headers) {
        return send("DELETE", path, BodyPublishers.noBody(), headers);
    }

    static Reply post(String path, String json, String... headers) {
        return send("POST", path, BodyPublishers.ofString(json), withContentType("application/json", headers));
    }

    static Reply patch(String path, String json, String... headers) {
        return send(
                "PATCH", path, BodyPublishers.ofString(json), withContentType("application/merge-patch+json", headers));
    }

    static Reply put(String path, BodyPublisher body, String... headers) {
        return send("PUT", path, body, withContentType("application/octet-stream", headers));
    }

    private static String[] withContentType(String type, String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = type;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    /** The password of every user {@link #newMember} creates. */
    static final String MEMBER_PASSWORD = "member-password-1";

    /** A new member of the default organization with these roles; returns "Bearer <token>" for them. */
    static String member(String... roles) {
        return bearerOf(newMember(roles));
    }

    /** "Bearer <token>" for a member made by {@link #newMember} (their password is {@link #MEMBER_PASSWORD}). */
    static String bearerOf(String member) {
        return "Bearer "
                + post(
                                "/auth/token",
                                "{\"username\":\"" + member + "\",\"password\":\"" + MEMBER_PASSWORD + "\"}",
                                NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    /** Creates a member of the default organization with these roles (password {@link #MEMBER_PASSWORD}). */
    static String newMember(String... roles) {
        return newMemberOf("default", roles);
    }

    /** Creates a member of the organization (its slug) with these roles (password {@link #MEMBER_PASSWORD}). */
    static String newMemberOf(String organization, String... roles) {
        String name = unique("u");
        StringBuilder memberships = new StringBuilder();
        for (String role : roles) {
            memberships
                    .append(memberships.length() == 0 ? "" : ",")
                    .append("{\"organization\":\"")
                    .append(organization)
                    .append("\",\"role\":\"")
                    .append(role)
                    .append("\"}");
        }
        Reply created = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"member-password-1\"," + "\"memberships\":[" + memberships
                        + "]}");
        if (created.status() != 201) {
            throw new IllegalStateException("create user failed: " + created.status() + " " + created.body());
        }
        return name;
    }

    /** Registers a model in a group of its own and returns it. */
    static JsonObject createModel(String group, String riskTier, String... tags) {
        String name = unique("model");
        StringBuilder tagJson = new StringBuilder("[");
        for (int i = 0; i < tags.length; i++) {
            tagJson.append(i > 0 ? "," : "").append('"').append(tags[i]).append('"');
        }
        tagJson.append(']');
        Reply r = post(
                "/models",
                "{\"group\":\"" + group + "\",\"name\":\"" + name + "\",\"riskTier\":\"" + riskTier + "\",\"tags\":"
                        + tagJson + "}");
        if (r.status() != 201) {
            throw new IllegalStateException("create model failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    static JsonObject createVersion(String modelId, String version) {
        Reply r = post("/models/" + modelId + "/versions", "{\"version\":\"" + version + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("create version failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("registry.it.db.url"));
    }

    static long count(String sql, Object... params) {
        try (Connection c = db();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(String sql, Object... params) {
        try (Connection c = db();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of {@code <t>.<body>} in hex: what X-Registry-Signature carries after {@code sha256=}. */
    static String signature(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
