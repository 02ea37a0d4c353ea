package org.modelregistry.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.deployment.DeployRequest;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.DecisionRequest;
import org.modelregistry.api.governance.MoveAliasRequest;
import org.modelregistry.api.governance.TransitionRequest;
import org.modelregistry.api.identity.TokenRequest;
import org.modelregistry.api.identity.TokenResponse;
import org.modelregistry.api.search.SearchResultDto;

/**
 * A typed client of the registry's REST API ({@code /api/v1}). Methods are named after the operationIds of the
 * API document ({@code /openapi}) and take and return the records of registry-api. Failures are exceptions: a
 * {@link ProblemException} (a subclass per kind) for a problem document, a {@link TransportException} when no
 * answer came, a {@link DigestMismatchException} when content is not what its digest says.
 *
 * <p>Tokens: a user's password or an API key is exchanged for a token on first use, again shortly before it
 * expires and once more when the server answers 401 (revoked signing key, clock skew). Retries: see
 * {@link RetryPolicy}; creates carry an {@code Idempotency-Key} (one per call, the same on each attempt), so the
 * server answers a repeated create with the first one's result instead of a duplicate. Thread-safe.
 */
public final class RegistryClient {

    /** The header the server deduplicates creates by ({@code IdempotentCreate} on the server). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Jsonb JSONB = JsonbBuilder.create();
    /** Renew a token this long before it expires, so that a request sent just before expiry still passes. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private static final int BUFFER = 64 * 1024;

    private final URI base;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration timeout;
    private final Object tokenLock = new Object();
    private volatile Credentials credentials;
    private String token;
    private Instant tokenExpiry;

    private RegistryClient(Builder b) {
        String url = b.url.endsWith("/") ? b.url.substring(0, b.url.length() - 1) : b.url;
        this.base = URI.create(url + "/api/v1/");
        this.http = b.http != null
                ? b.http
                : HttpClient.newBuilder()
                        .connectTimeout(b.connectTimeout)
                        // redirects are followed by hand: a presigned object-store URL must not get our token
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.retry = b.retry;
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.credentials = b.credentials;
        if (b.credentials instanceof Credentials.Token t) {
            token = t.token();
            tokenExpiry = t.expiresAt();
        }
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The registry's base URL, as given. */
    public URI apiBase() {
        return base;
    }

    /** Configures a client; only the URL is required. */
    public static final class Builder {
        private final String url;
        private Credentials credentials = Credentials.none();
        private RetryPolicy retry = RetryPolicy.defaults();
        private HttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofMinutes(2);

        private Builder(String url) {
            URI parsed = URI.create(Objects.requireNonNull(url, "url"));
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
                throw new IllegalArgumentException("the registry URL must start with http:// or https://: " + url);
            }
            this.url = url;
        }

        public Builder credentials(Credentials c) {
            this.credentials = Objects.requireNonNull(c);
            return this;
        }

        public Builder retry(RetryPolicy r) {
            this.retry = Objects.requireNonNull(r);
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /** How long one request may wait for the start of its answer (the body of a transfer may take longer). */
        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }

    // ---- authentication ----

    /** {@code POST /auth/token}: a token for a user's password or a service account's API key. */
    public TokenResponse issueToken(TokenRequest request) {
        return json(new Call("POST", "auth/token").body(request).anonymous(), TokenResponse.class);
    }

    /** The token the client sends now and when it expires (signing in first if it holds a password or key). */
    public Session session() {
        synchronized (tokenLock) {
            String t = token(false);
            return new Session(t, tokenExpiry);
        }
    }

    /** A token and its expiry (null when unknown), for callers that keep it, such as the CLI's config file. */
    public record Session(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    private String token(boolean renew) {
        synchronized (tokenLock) {
            Credentials c = credentials;
            if (c instanceof Credentials.None) {
                return null;
            }
            if (c instanceof Credentials.Token) {
                if (tokenExpiry != null && !clock.instant().isBefore(tokenExpiry)) {
                    throw new ProblemException.Unauthorized(
                            401,
                            "about:blank",
                            "Token expired",
                            "the token expired at " + tokenExpiry + ": sign in again",
                            List.of(),
                            null);
                }
                return token;
            }
            if (renew
                    || token == null
                    || (tokenExpiry != null && !clock.instant().isBefore(tokenExpiry.minus(EXPIRY_MARGIN)))) {
                TokenRequest request = c instanceof Credentials.Password p
                        ? new TokenRequest(p.username(), new String(p.password()), null)
                        : new TokenRequest(null, null, ((Credentials.ApiKey) c).apiKey());
                Instant asked = clock.instant();
                TokenResponse issued = issueToken(request);
                token = issued.accessToken();
                tokenExpiry = asked.plusSeconds(issued.expiresIn());
            }
            return token;
        }
    }

    private boolean canRenew() {
        return credentials instanceof Credentials.Password || credentials instanceof Credentials.ApiKey;
    }

    /** {@code GET /auth/signing-key.pem}: the public key that signs tokens, evidence and checkpoints. */
    public String getSigningKeyPem() {
        return text(new Call("GET", "auth/signing-key.pem").anonymous());
    }

    /** {@code GET /auth/jwks}: the same key as a JSON Web Key Set. */
    public String getJwks() {
        return text(new Call("GET", "auth/jwks").anonymous());
    }

    // ---- catalog ----

    /** {@code GET /models}: parameters group, name, riskTier, tag, owner, limit, cursor. */
    public Page<ModelSummaryDto> listModels(Query query) {
        return json(new Call("GET", "models" + query.encoded()), page(ModelSummaryDto.class));
    }

    public ModelDto getModel(UUID id) {
        return json(new Call("GET", "models/" + id), ModelDto.class);
    }

    public ModelDto createModel(CreateModelRequest request) {
        return createModel(request, UUID.randomUUID().toString());
    }

    /** A create the server runs once per key: the same key sent again returns the first answer. */
    public ModelDto createModel(CreateModelRequest request, String idempotencyKey) {
        return json(new Call("POST", "models").body(request).key(idempotencyKey), ModelDto.class);
    }

    /**
     * {@code PATCH /models/{id}}: a JSON Merge Patch (RFC 7386) of the model read at {@code revision}; a model
     * changed since gives 412 ({@link ProblemException.Conflict}).
     */
    public ModelDto updateModel(UUID id, JsonObject mergePatch, long revision) {
        return json(
                new Call("PATCH", "models/" + id)
                        .publisher(BodyPublishers.ofString(mergePatch.toString()), "application/merge-patch+json")
                        .header("If-Match", "\"" + revision + "\"")
                        .retryable(),
                ModelDto.class);
    }

    /** {@code GET /models/{id}/versions}: parameters state, sort (created, semver), limit, cursor. */
    public Page<ModelVersionDto> listVersions(UUID modelId, Query query) {
        return json(new Call("GET", "models/" + modelId + "/versions" + query.encoded()), page(ModelVersionDto.class));
    }

    public ModelVersionDto getVersion(UUID modelId, String version) {
        return json(new Call("GET", versionPath(modelId, version)), ModelVersionDto.class);
    }

    public ModelVersionDto createVersion(UUID modelId, CreateVersionRequest request) {
        return createVersion(modelId, request, UUID.randomUUID().toString());
    }

    public ModelVersionDto createVersion(UUID modelId, CreateVersionRequest request, String idempotencyKey) {
        return json(
                new Call("POST", "models/" + modelId + "/versions")
                        .body(request)
                        .key(idempotencyKey),
                ModelVersionDto.class);
    }

    public Page<ArtifactDto> listArtifacts(UUID modelId, String version, Query query) {
        return json(
                new Call("GET", versionPath(modelId, version) + "/artifacts" + query.encoded()),
                page(ArtifactDto.class));
    }

    public ArtifactDto getArtifact(UUID modelId, String version, UUID artifactId) {
        return json(new Call("GET", versionPath(modelId, version) + "/artifacts/" + artifactId), ArtifactDto.class);
    }

    public ArtifactDto createArtifact(UUID modelId, String version, CreateArtifactRequest request) {
        return createArtifact(modelId, version, request, UUID.randomUUID().toString());
    }

    public ArtifactDto createArtifact(
            UUID modelId, String version, CreateArtifactRequest request, String idempotencyKey) {
        return json(
                new Call("POST", versionPath(modelId, version) + "/artifacts")
                        .body(request)
                        .key(idempotencyKey),
                ArtifactDto.class);
    }

    /**
     * {@code PUT .../artifacts/{id}/content}: streams the file (never held in memory), hashing it on the way out,
     * and checks that the registry stored exactly what was sent (its answer's sha256 and size). A repeated
     * attempt that finds the content already stored succeeds when the stored digest is the file's.
     */
    public ArtifactDto uploadArtifactContent(
            UUID modelId, String version, UUID artifactId, Path file, String mediaType, ProgressListener progress) {
        long size = size(file);
        AtomicReference<MessageDigest> digest = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        BodyPublisher body = BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(() -> {
                    MessageDigest d = sha256();
                    digest.set(d);
                    sent.set(0);
                    try {
                        return new CountingStream(
                                new DigestInputStream(Files.newInputStream(file), d), sent, size, progress);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                size);
        String path = versionPath(modelId, version) + "/artifacts/" + artifactId + "/content";
        Call call = new Call("PUT", path)
                .publisher(body, mediaType == null ? "application/octet-stream" : mediaType)
                .retryable();
        ArtifactDto stored;
        String sentDigest;
        try {
            stored = json(call, ArtifactDto.class);
            sentDigest = sent.get() == size ? hex(digest.get()) : sha256Of(file);
        } catch (ProblemException.Conflict e) {
            // a retry after the first attempt's answer was lost: the content may be ours already
            ArtifactDto now = getArtifact(modelId, version, artifactId);
            sentDigest = sha256Of(file);
            if (!now.stored() || !sentDigest.equals(now.sha256())) {
                throw e;
            }
            stored = now;
        }
        if (!sentDigest.equals(stored.sha256())) {
            throw new DigestMismatchException("the registry stored " + stored.name(), sentDigest, stored.sha256());
        }
        return stored;
    }

    /**
     * {@code GET .../artifacts/{id}/content} into {@code target}: written to {@code target.part} first; a dropped
     * connection (or a {@code .part} left by an earlier run) is continued with a {@code Range} request (guarded by
     * {@code If-Range} with the content's ETag, so changed content restarts from zero), and the whole file's
     * SHA-256 is checked against the artifact's before the file takes its name. On a mismatch nothing is kept.
     */
    public DownloadResult downloadArtifactContent(
            UUID modelId, String version, UUID artifactId, Path target, ProgressListener progress) {
        ArtifactDto artifact = getArtifact(modelId, version, artifactId);
        if (!artifact.stored()) {
            throw new RegistryClientException(
                    artifact.name() + " is not stored in the registry: it is a reference to " + artifact.uri());
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        String path = versionPath(modelId, version) + "/artifacts/" + artifactId + "/content";
        try {
            MessageDigest digest = sha256();
            long have = 0;
            if (Files.exists(part)) {
                have = Files.size(part);
                if (artifact.size() != null && have > artifact.size()) {
                    Files.delete(part);
                    have = 0;
                } else {
                    try (InputStream in = Files.newInputStream(part)) {
                        in.transferTo(new DigestOutput(digest));
                    }
                }
            }
            long resumedFrom = have;
            long total = artifact.size() == null ? -1 : artifact.size();
            int requests = 0;
            for (int attempt = 1; ; attempt++) {
                if (total >= 0 && have == total) {
                    break;
                }
                requests++;
                Call call = new Call("GET", path).retryable();
                if (have > 0) {
                    call.header("Range", "bytes=" + have + "-").header("If-Range", "\"" + artifact.sha256() + "\"");
                }
                HttpResponse<InputStream> response = exchange(call);
                if (response.statusCode() == 307) {
                    response = followRedirect(response, have);
                }
                int status = response.statusCode();
                if (status == 416 && have > 0) {
                    drain(response); // what we hold is already the whole content (checked below)
                    break;
                }
                boolean append = status == 206;
                if (!append) {
                    if (status != 200) {
                        drain(response);
                        throw new TransportException("unexpected answer " + status + " to a download", status, null);
                    }
                    have = 0;
                    digest.reset();
                }
                try (InputStream in = response.body();
                        OutputStream out = Files.newOutputStream(
                                part,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        digest.update(buffer, 0, n);
                        have += n;
                        progress.progress(have, total);
                    }
                    if (total < 0) {
                        break;
                    }
                    if (have < total && attempt >= retry.maxAttempts()) {
                        throw new TransportException(
                                "the download ended at byte " + have + " of " + total, status, null);
                    }
                } catch (IOException dropped) {
                    if (attempt >= retry.maxAttempts()) {
                        throw new TransportException(
                                "the download broke off at byte " + have + " and could not be resumed: "
                                        + dropped.getMessage()
                                        + " (run it again to continue from "
                                        + part
                                        + ")",
                                0,
                                dropped);
                    }
                    pause(retry.delay(attempt, null));
                }
            }
            String actual = hex(digest);
            if (!actual.equals(artifact.sha256())) {
                Files.deleteIfExists(part);
                throw new DigestMismatchException(artifact.name(), artifact.sha256(), actual);
            }
            moveIntoPlace(part, target);
            return new DownloadResult(artifact, target, have, actual, resumedFrom, requests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<InputStream> followRedirect(HttpResponse<InputStream> redirect, long have) {
        String location = redirect.headers().firstValue("Location").orElse(null);
        drain(redirect);
        if (location == null) {
            throw new TransportException("a redirect without a Location", 307, null);
        }
        // a presigned object-store URL: no Authorization (it carries its own), the Range sent again
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(location)).timeout(timeout).GET();
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        try {
            return http.send(b.build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TransportException("the object store did not answer: " + e.getMessage(), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted", 0, e);
        }
    }

    // ---- governance ----

    /** {@code POST .../transitions}: asks to move a version (IN_REVIEW to submit it, DEPRECATED...). */
    public ModelVersionDto transitionVersion(UUID modelId, String version, TransitionRequest request) {
        return json(
                new Call("POST", versionPath(modelId, version) + "/transitions").body(request), ModelVersionDto.class);
    }

    /** {@code POST .../approvals}: a reviewer's APPROVE or REJECT of a version in review. */
    public ApprovalDto decideApproval(UUID modelId, String version, DecisionRequest request) {
        return json(new Call("POST", versionPath(modelId, version) + "/approvals").body(request), ApprovalDto.class);
    }

    public List<ApprovalDto> listApprovals(UUID modelId, String version) {
        return json(new Call("GET", versionPath(modelId, version) + "/approvals"), list(ApprovalDto.class));
    }

    public List<AliasDto> listAliases(UUID modelId) {
        return json(new Call("GET", "models/" + modelId + "/aliases"), list(AliasDto.class));
    }

    public AliasDto getAlias(UUID modelId, String alias) {
        return json(new Call("GET", "models/" + modelId + "/aliases/" + segment(alias)), AliasDto.class);
    }

    /** {@code PUT .../aliases/{alias}}: points the alias at a version (protected aliases need an approval). */
    public AliasDto moveAlias(UUID modelId, String alias, MoveAliasRequest request) {
        return json(
                new Call("PUT", "models/" + modelId + "/aliases/" + segment(alias))
                        .body(request)
                        .retryable(),
                AliasDto.class);
    }

    public void deleteAlias(UUID modelId, String alias) {
        drain(exchange(new Call("DELETE", "models/" + modelId + "/aliases/" + segment(alias)).retryable()));
    }

    /** {@code GET .../evidence}: the signed evidence bundle (a zip), written to {@code target}. */
    public Path getVersionEvidence(UUID modelId, String version, Path target) {
        HttpResponse<InputStream> response =
                exchange(new Call("GET", versionPath(modelId, version) + "/evidence").retryable());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = response.body()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(part, target);
            return target;
        } catch (IOException e) {
            throw new TransportException("the evidence download broke off: " + e.getMessage(), 0, e);
        }
    }

    // ---- deployment, search, audit ----

    public DeploymentDto deployVersion(UUID modelId, String version, DeployRequest request) {
        return json(
                new Call("POST", versionPath(modelId, version) + "/deployments").body(request), DeploymentDto.class);
    }

    public DeploymentDto getDeployment(UUID id) {
        return json(new Call("GET", "deployments/" + id), DeploymentDto.class);
    }

    /** {@code GET /search}: parameters q, type, riskTier, state, owner, tag, group, license, sort, limit, cursor. */
    public SearchResultDto searchCatalog(Query query) {
        return json(new Call("GET", "search" + query.encoded()), SearchResultDto.class);
    }

    /** {@code GET /audit/verify}: parameters from, to, organization. */
    public AuditVerification verifyAuditChain(Query query) {
        return json(new Call("GET", "audit/verify" + query.encoded()), AuditVerification.class);
    }

    public AuditCheckpointDto createAuditCheckpoint() {
        return json(new Call("POST", "audit/checkpoints"), AuditCheckpointDto.class);
    }

    // ---- the machinery ----

    /** One request as the methods above describe it; built again for each attempt. */
    private static final class Call {
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();
        BodyPublisher publisher = BodyPublishers.noBody();
        boolean authenticated = true;
        boolean repeatable;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
            this.repeatable = method.equals("GET") || method.equals("DELETE");
        }

        Call body(Object record) {
            return publisher(BodyPublishers.ofString(JSONB.toJson(record)), "application/json");
        }

        Call publisher(BodyPublisher p, String contentType) {
            this.publisher = p;
            headers.put("Content-Type", contentType);
            return this;
        }

        Call key(String idempotencyKey) {
            headers.put(IDEMPOTENCY_KEY, idempotencyKey);
            repeatable = true;
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call anonymous() {
            authenticated = false;
            return this;
        }

        Call retryable() {
            repeatable = true;
            return this;
        }
    }

    private <T> T json(Call call, Type type) {
        HttpResponse<InputStream> response = exchange(call);
        try (InputStream in = response.body()) {
            return JSONB.fromJson(in, type);
        } catch (IOException e) {
            throw new TransportException("the answer broke off: " + e.getMessage(), response.statusCode(), e);
        } catch (RuntimeException e) {
            throw new RegistryClientException("unreadable answer from " + call.path + ": " + e.getMessage(), e);
        }
    }

    private String text(Call call) {
        HttpResponse<InputStream> response = exchange(call);
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TransportException("the answer broke off: " + e.getMessage(), response.statusCode(), e);
        }
    }

    /**
     * Sends the call, retrying as {@link RetryPolicy} says and renewing the token once on a 401; returns any answer
     * below 400 with its body unread, throws the problem of any other.
     */
    private HttpResponse<InputStream> exchange(Call call) {
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(call.path))
                    .timeout(timeout)
                    .method(call.method, call.publisher);
            call.headers.forEach(b::header);
            b.header("Accept", "application/json, application/problem+json, */*");
            if (call.authenticated) {
                String t = token(false);
                if (t != null) {
                    b.header("Authorization", "Bearer " + t);
                }
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(b.build(), BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (call.repeatable && attempt < retry.maxAttempts()) {
                    pause(retry.delay(attempt, null));
                    continue;
                }
                throw new TransportException(
                        "no answer from " + base.resolve(call.path).getHost() + " (" + describe(e) + ")", 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted", 0, e);
            }
            int status = response.statusCode();
            if (status == 401 && call.authenticated && canRenew() && !renewed) {
                drain(response);
                renewed = true;
                token(true);
                attempt--; // a renewed token is not a retry of a failed request
                continue;
            }
            boolean refusedUnprocessed = status == 429 || status == 503;
            boolean retryable = refusedUnprocessed || (call.repeatable && (status == 502 || status == 504));
            if (retryable && attempt < retry.maxAttempts()) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                drain(response);
                pause(retry.delay(attempt, retryAfter));
                continue;
            }
            if (status >= 400) {
                throw problem(response);
            }
            return response;
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ProblemException problem(HttpResponse<InputStream> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        JsonObject body = null;
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (text.trim().startsWith("{")) {
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    body = reader.readObject();
                }
            }
        } catch (IOException | JsonParsingException e) {
            body = null; // a proxy's HTML page or a cut answer: the status alone tells
        }
        return ProblemException.of(response.statusCode(), body, requestId);
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(Long.MAX_VALUE);
        } catch (IOException ignored) {
            // the connection is given up; nothing was expected from this body
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to retry", 0, e);
        }
    }

    private static String versionPath(UUID modelId, String version) {
        return "models/" + modelId + "/versions/" + segment(version);
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** The SHA-256 of a file, hex. */
    public static String sha256Of(Path file) {
        MessageDigest d = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new DigestOutput(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hex(d);
    }

    static Type page(Class<?> item) {
        return parameterized(Page.class, item);
    }

    static Type list(Class<?> item) {
        return parameterized(List.class, item);
    }

    private static Type parameterized(Class<?> raw, Class<?> item) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {item};
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    /** An output stream that only feeds a digest. */
    private static final class DigestOutput extends OutputStream {
        private final MessageDigest digest;

        DigestOutput(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }

    /** Counts what an upload has read and tells the listener. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private final AtomicLong count;
        private final long total;
        private final ProgressListener progress;

        CountingStream(InputStream in, AtomicLong count, long total, ProgressListener progress) {
            this.in = in;
            this.count = count;
            this.total = total;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                progress.progress(count.incrementAndGet(), total);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                progress.progress(count.addAndGet(n), total);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
