package org.modelregistry.infrastructure.storage;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs in an S3-compatible bucket under {@code <prefix>/sha256/<2 hex>/<64 hex>}. An upload is streamed to a
 * staging key ({@code <prefix>/staging/<uuid>}) part by part (one part of {@link #DEFAULT_PART_BYTES} in memory at a
 * time) while its digest is computed; only {@link StagedBlob#commit()} copies it, inside the object store, under its
 * content key, so content whose digest was refused, or that went past the limit, never appears there. Identical
 * content already stored is not copied again. Reads ask for the byte range they need; large content can be handed
 * out as a short-lived presigned URL instead ({@link S3Location#presignFromBytes()}).
 *
 * <p>Errors name the setting to look at and the object store's status and code, never its message text or a key.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class.getName());
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    static final int DEFAULT_PART_BYTES = 8 << 20;
    /** The largest object a single CopyObject may copy; larger ones are copied part by part. */
    static final long DEFAULT_COPY_LIMIT = 5L << 30;

    static final Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(5);

    private final S3Location location;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final int partBytes;
    private final long copyLimit;
    private final Duration presignTtl;
    private volatile boolean writeChecked;

    public S3BlobStore(S3Location location) {
        this(location, DEFAULT_PART_BYTES, DEFAULT_COPY_LIMIT, DEFAULT_PRESIGN_TTL);
    }

    S3BlobStore(S3Location location, int partBytes, long copyLimit, Duration presignTtl) {
        this.location = location;
        this.partBytes = partBytes;
        this.copyLimit = copyLimit;
        this.presignTtl = presignTtl;
        AwsCredentialsProvider credentials = location.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(location.accessKey(), location.secretKey()));
        this.s3 = client(location, credentials);
        // everything explicit: left to itself, the presigner would look for a region in the environment
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(location.pathStyle())
                        .build());
        if (location.endpoint() != null) {
            presign.endpointOverride(location.endpoint());
        }
        this.presigner = presign.build();
    }

    private static S3Client client(S3Location location, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // the registry checks its own sha256; the newer default checksums are refused by many
                // S3-compatible stores
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        return builder.build();
    }

    @Override
    public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        String key = location.key("staging/" + UUID.randomUUID());
        MessageDigest digest = StagedContent.newDigest();
        byte[] buffer = new byte[partBytes];
        List<CompletedPart> parts = new ArrayList<>();
        String uploadId = null;
        int filled = 0;
        long size = 0;
        boolean ok = false;
        try {
            while (true) {
                if (filled == buffer.length) {
                    if (uploadId == null) {
                        uploadId = call(
                                "start the upload",
                                () -> s3.createMultipartUpload(
                                                b -> b.bucket(location.bucket()).key(key))
                                        .uploadId());
                    }
                    parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer, filled));
                    filled = 0;
                }
                int n = content.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                digest.update(buffer, filled, n);
                filled += n;
            }
            if (uploadId == null) {
                int length = filled;
                call(
                        "store the upload",
                        () -> s3.putObject(
                                b -> b.bucket(location.bucket()).key(key).contentLength((long) length),
                                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)));
            } else {
                if (filled > 0) {
                    parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer, filled));
                }
                String id = uploadId;
                call(
                        "complete the upload",
                        () -> s3.completeMultipartUpload(b -> b.bucket(location.bucket())
                                .key(key)
                                .uploadId(id)
                                .multipartUpload(m -> m.parts(parts))));
            }
            ok = true;
        } finally {
            if (!ok && uploadId != null) {
                abort(key, uploadId);
            }
        }
        return new S3StagedBlob(key, HexFormat.of().formatHex(digest.digest()), size);
    }

    private CompletedPart uploadPart(String key, String uploadId, int number, byte[] buffer, int length)
            throws IOException {
        String etag = call(
                "store part " + number + " of the upload",
                () -> s3.uploadPart(
                                b -> b.bucket(location.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) length),
                                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length))
                        .eTag());
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warning(() ->
                    "could not abort the multipart upload to " + key + " (a lifecycle rule removes it): " + reason(e));
        }
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        String key = contentKey(sha256);
        if (length == 0) {
            if (!exists(sha256)) {
                throw new NoSuchFileException(key);
            }
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(location.bucket()).key(key);
        if (offset > 0 || length > 0) {
            request.range("bytes=" + Math.max(0, offset) + "-" + (length > 0 ? offset + length - 1 : ""));
        }
        try {
            return new AbortOnClose(s3.getObject(request.build()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw unavailable("read " + key, e);
        } catch (SdkException e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        return objectExists(contentKey(sha256));
    }

    private boolean objectExists(String key) throws IOException {
        try {
            s3.headObject(b -> b.bucket(location.bucket()).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("look up " + key, e);
        } catch (SdkException e) {
            throw unavailable("look up " + key, e);
        }
    }

    @Override
    public Optional<URI> downloadUrl(String sha256, long size, String fileName, String mediaType) {
        if (location.presignFromBytes() < 0 || size < location.presignFromBytes()) {
            return Optional.empty();
        }
        String key = contentKey(sha256);
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(presignTtl)
                .getObjectRequest(g -> g.bucket(location.bucket())
                        .key(key)
                        .responseContentType(mediaType)
                        .responseContentDisposition(disposition(fileName))));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    @Override
    public String describe() {
        return location.toString();
    }

    /**
     * Asks for the bucket (reachable, exists, the credentials accepted) and, the first time it succeeds, writes and
     * removes a small object under the staging prefix (the credentials may write).
     */
    @Override
    public void probe() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
            if (!writeChecked) {
                String key = location.key("staging/probe-" + UUID.randomUUID());
                // a few bytes, not an empty body: the SDK sends "Expect: 100-continue" with every PutObject, and
                // HttpURLConnection handles an empty one badly when the server answers without the 100 (see
                // JDK-8314978; suspected in a rare failed probe against s3proxy); a body takes every upload's path
                s3.putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromString("registry probe\n"));
                s3.deleteObject(b -> b.bucket(location.bucket()).key(key));
                writeChecked = true;
            }
        } catch (S3Exception e) {
            String status = " (status " + e.statusCode() + code(e) + ")";
            throw new BlobStoreUnavailableException(
                    switch (e.statusCode()) {
                        case 404 -> "registry.storage.url: bucket " + location.bucket() + " does not exist" + status;
                        case 401, 403 ->
                            "registry.storage.s3.access-key / secret-key (or the default credential"
                                    + " chain): the object store refuses them for bucket " + location.bucket() + status;
                        case 301, 307 ->
                            "registry.storage.s3.region: bucket " + location.bucket() + " is in another region"
                                    + status;
                        default -> "registry.storage.url: the object store answered" + status;
                    },
                    e);
        } catch (SdkClientException e) {
            throw new BlobStoreUnavailableException(
                    "registry.storage.s3.endpoint: cannot reach the object store at "
                            + (location.endpoint() == null ? "AWS" : location.endpoint()) + ": " + reason(e),
                    e);
        } catch (SdkException e) {
            throw unavailable("check bucket " + location.bucket(), e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /** The client, for tests that look into the bucket. */
    S3Client client() {
        return s3;
    }

    String contentKey(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + sha256);
        }
        return location.key("sha256/" + sha256.substring(0, 2) + "/" + sha256);
    }

    /** An attachment named like the artifact: an ASCII fallback and the exact name (RFC 6266). */
    private static String disposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "artifact" : fileName;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }

    private interface S3Call<T> {
        T run();
    }

    private static <T> T call(String what, S3Call<T> call) throws BlobStoreUnavailableException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw unavailable(what, e);
        }
    }

    private static BlobStoreUnavailableException unavailable(String what, SdkException e) {
        return new BlobStoreUnavailableException("the object store failed to " + what + ": " + reason(e), e);
    }

    /** Status and error code of an answer, or the client's own message: no text the store made up, no key. */
    private static String reason(SdkException e) {
        if (e instanceof S3Exception s3e) {
            return "status " + s3e.statusCode() + code(s3e);
        }
        return e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : " " + e.awsErrorDetails().errorCode();
    }

    /** Closing before the end aborts the connection instead of reading the rest of a large object. */
    private static final class AbortOnClose extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        AbortOnClose(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }

    private final class S3StagedBlob extends StagedContent {
        private final String stagingKey;

        S3StagedBlob(String stagingKey, String sha256, long size) {
            super(sha256, size);
            this.stagingKey = stagingKey;
        }

        @Override
        void publish() throws IOException {
            String target = contentKey(sha256());
            if (objectExists(target)) {
                return; // identical content is already stored: deduplicated
            }
            if (size() <= copyLimit) {
                call(
                        "publish " + target,
                        () -> s3.copyObject(b -> b.sourceBucket(location.bucket())
                                .sourceKey(stagingKey)
                                .destinationBucket(location.bucket())
                                .destinationKey(target)));
            } else {
                copyInParts(target);
            }
        }

        @Override
        void afterCommit() {
            discard();
        }

        /** A copy larger than one CopyObject allows: a multipart upload whose parts are copied ranges. */
        private void copyInParts(String target) throws IOException {
            String uploadId = call(
                    "start publishing " + target,
                    () -> s3.createMultipartUpload(
                                    b -> b.bucket(location.bucket()).key(target))
                            .uploadId());
            boolean ok = false;
            try {
                List<CompletedPart> parts = new ArrayList<>();
                for (long from = 0; from < size(); from += copyLimit) {
                    int number = parts.size() + 1;
                    String range = "bytes=" + from + "-" + (Math.min(from + copyLimit, size()) - 1);
                    String etag = call(
                            "publish part " + number + " of " + target,
                            () -> s3.uploadPartCopy(b -> b.sourceBucket(location.bucket())
                                            .sourceKey(stagingKey)
                                            .destinationBucket(location.bucket())
                                            .destinationKey(target)
                                            .uploadId(uploadId)
                                            .partNumber(number)
                                            .copySourceRange(range))
                                    .copyPartResult()
                                    .eTag());
                    parts.add(CompletedPart.builder()
                            .partNumber(number)
                            .eTag(etag)
                            .build());
                }
                call(
                        "complete publishing " + target,
                        () -> s3.completeMultipartUpload(b -> b.bucket(location.bucket())
                                .key(target)
                                .uploadId(uploadId)
                                .multipartUpload(m -> m.parts(parts))));
                ok = true;
            } finally {
                if (!ok) {
                    abort(target, uploadId);
                }
            }
        }

        @Override
        void discard() {
            try {
                s3.deleteObject(b -> b.bucket(location.bucket()).key(stagingKey));
            } catch (SdkException e) {
                LOG.log(
                        Level.WARNING,
                        "could not delete the staged upload " + stagingKey + " (a lifecycle rule removes it): "
                                + reason(e));
            }
        }
    }
}
