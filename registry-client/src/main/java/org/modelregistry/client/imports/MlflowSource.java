package org.modelregistry.client.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelregistry.client.DigestMismatchException;

/**
 * A server speaking MLflow's Model Registry REST API 2.0 and, where it serves one, its artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts}), read over HTTP with the credentials MLflow clients send (a bearer
 * token, or HTTP Basic). Only reads: the import never changes the source. Failures are {@link ImportException}s
 * naming the URL and what the server said, never a stack trace for the user.
 */
public final class MlflowSource {

    private static final String API = "api/2.0/mlflow/";
    private static final String ARTIFACTS = "api/2.0/mlflow-artifacts/artifacts";
    private static final Pattern REPR_DIGEST = Pattern.compile("sha-256=:([A-Za-z0-9+/=]+):");
    /** Answers of the JSON API are small; a larger one is not MLflow's. */
    private static final int MAX_JSON_BYTES = 64 << 20;

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration timeout;

    private MlflowSource(URI base, String authorization, HttpClient http, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.http = http;
        this.timeout = timeout;
    }

    /** The server at {@code url} (its base, as MLFLOW_TRACKING_URI names it), without credentials. */
    public static MlflowSource of(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new ImportException(ImportException.Kind.INVALID_INPUT, "--url: not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT, "--url: an http:// or https:// URL is needed, not " + url);
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new MlflowSource(uri, null, http, Duration.ofMinutes(5));
    }

    /** The same server with {@code Authorization: Bearer <token>} (MLFLOW_TRACKING_TOKEN). */
    public MlflowSource withToken(String token) {
        return new MlflowSource(base, "Bearer " + token, http, timeout);
    }

    /** The same server with HTTP Basic (MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD). */
    public MlflowSource withBasic(String username, String password) {
        String pair = username + ":" + password;
        return new MlflowSource(
                base,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                http,
                timeout);
    }

    /** The base URL without a trailing slash: part of every imported version's source identity. */
    public String url() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    public MlflowJson.Page<MlflowJson.RegisteredModel> searchModels(String pageToken) {
        return MlflowJson.modelsPage(
                get(API + "registered-models/search?max_results=100" + param("page_token", pageToken)));
    }

    public MlflowJson.RegisteredModel getModel(String name) {
        return MlflowJson.modelOf(
                get(API + "registered-models/get?" + param("name", name).substring(1)));
    }

    public MlflowJson.Page<MlflowJson.ModelVersion> searchVersions(String name, String pageToken) {
        return MlflowJson.versionsPage(get(API + "model-versions/search?max_results=200"
                + param("filter", "name = " + quoted(name)) + param("page_token", pageToken)));
    }

    public String downloadUri(String name, String version) {
        return MlflowJson.downloadUri(get(API + "model-versions/get-download-uri?"
                + param("name", name).substring(1) + param("version", version)));
    }

    /** The files and folders of a folder of the artifact proxy ({@code path} relative to its root). */
    public List<MlflowJson.FileInfo> listArtifacts(String path) {
        return MlflowJson.files(get(ARTIFACTS + "?" + param("path", path).substring(1)));
    }

    /** A downloaded file: where it is, its SHA-256 (hex) and size. */
    public record Download(Path file, String sha256, long size) {}

    /**
     * Streams a file of the artifact proxy to {@code target} (never held in memory), hashing it on the way; when the
     * server declares the content's digest ({@code Repr-Digest: sha-256=:...:}, as the registry does) it must match.
     */
    public Download download(String path, Path target) {
        HttpResponse<InputStream> response = send(ARTIFACTS + "/" + encodePath(path));
        MessageDigest digest = sha256();
        long size;
        try (InputStream in = response.body();
                OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            size = in.transferTo(out);
        } catch (IOException e) {
            throw new ImportException(
                    ImportException.Kind.UNREACHABLE, "the download of " + path + " broke off: " + e.getMessage(), e);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        String declared = response.headers().firstValue("Repr-Digest").orElse(null);
        if (declared != null) {
            Matcher m = REPR_DIGEST.matcher(declared);
            if (m.find()) {
                String expected = HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1)));
                if (!expected.equals(sha)) {
                    throw new DigestMismatchException("artifact " + path + " from " + url(), expected, sha);
                }
            }
        }
        return new Download(target, sha, size);
    }

    private String get(String path) {
        HttpResponse<InputStream> response = send(path);
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                throw new ImportException(
                        ImportException.Kind.MALFORMED,
                        where(path) + " answered more than " + MAX_JSON_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException(
                    ImportException.Kind.UNREACHABLE, where(path) + ": the answer broke off: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> send(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, */*")
                .GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(b.build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImportException(
                    ImportException.Kind.UNREACHABLE,
                    "cannot reach the MLflow server at " + url() + " (" + why + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(ImportException.Kind.UNREACHABLE, "interrupted", e);
        }
        int status = response.statusCode();
        if (status < 300) {
            return response;
        }
        String said;
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
            said = MlflowJson.errorMessage(text);
        } catch (IOException e) {
            said = null;
        }
        String message = where(path) + " answered " + status + (said == null ? "" : ": " + said);
        ImportException.Kind kind = switch (status) {
            case 401, 403 -> ImportException.Kind.REFUSED;
            case 404 -> ImportException.Kind.NOT_FOUND;
            default ->
                status >= 500 || status == 429 ? ImportException.Kind.UNREACHABLE : ImportException.Kind.MALFORMED;
        };
        if (kind == ImportException.Kind.REFUSED) {
            message += " (check --token, or --username and the password)";
        }
        throw new ImportException(kind, message);
    }

    private String where(String path) {
        int q = path.indexOf('?');
        return "the MLflow server at " + url() + " (" + (q < 0 ? path : path.substring(0, q)) + ")";
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A value in MLflow's filter syntax: single quotes, or double ones when the name holds a single quote. */
    static String quoted(String value) {
        return value.contains("'") ? "\"" + value + "\"" : "'" + value + "'";
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
