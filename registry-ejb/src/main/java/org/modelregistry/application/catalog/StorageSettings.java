package org.modelregistry.application.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.storage.S3Location;

/**
 * Where artifact content is kept and how much of it an organization may hold: registry.storage.url (a
 * {@code file:} directory or an {@code s3://bucket/prefix}), registry.storage.dir (the directory, when no URL is
 * given), registry.storage.s3.* (how to reach the bucket), registry.storage.max-upload-bytes,
 * registry.storage.quota-bytes. A malformed value stops the start naming the setting, and never echoes a credential.
 */
@ApplicationScoped
public class StorageSettings implements CheckedSettings {

    static final String URL = "registry.storage.url";
    private static final String S3 = "registry.storage.s3.";
    /** S3's bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    /** A prefix segment: plain characters only, so that a key never needs escaping or means something else. */
    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

    private static final Pattern REGION = Pattern.compile("^[a-z0-9-]{1,40}$");
    private static final Pattern SIZE = Pattern.compile("^(\\d{1,15})\\s*(B|KB|MB|GB|KIB|MIB|GIB)?$");

    @Inject
    ServerSettings server;

    @Inject
    @ConfigProperty(name = "registry.storage.dir")
    Optional<String> storageDir;

    @Inject
    @ConfigProperty(name = URL)
    Optional<String> storageUrl;

    @Inject
    @ConfigProperty(name = S3 + "endpoint")
    Optional<String> s3Endpoint;

    @Inject
    @ConfigProperty(name = S3 + "region")
    Optional<String> s3Region;

    @Inject
    @ConfigProperty(name = S3 + "access-key")
    Optional<String> s3AccessKey;

    @Inject
    @ConfigProperty(name = S3 + "secret-key")
    Optional<String> s3SecretKey;

    @Inject
    @ConfigProperty(name = S3 + "path-style")
    Optional<String> s3PathStyle;

    @Inject
    @ConfigProperty(name = S3 + "presign-downloads")
    Optional<String> s3PresignDownloads;

    @Inject
    @ConfigProperty(name = "registry.storage.max-upload-bytes", defaultValue = "21474836480")
    long maxUploadBytes;

    @Inject
    @ConfigProperty(name = "registry.storage.quota-bytes", defaultValue = "107374182400")
    long storageQuotaBytes;

    /** Refuses a storage location that cannot be used as written, naming the setting. */
    @Override
    public void check() {
        try {
            storageDir();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("registry.storage.dir: not a path: " + e.getMessage(), e);
        }
        s3();
    }

    /** The S3 bucket that holds artifact content, or empty when it is a local directory ({@link #storageDir()}). */
    public Optional<S3Location> s3() {
        Optional<URI> url = url();
        if (url.isEmpty() || !"s3".equalsIgnoreCase(url.get().getScheme())) {
            s3Settings().forEach((key, value) -> {
                if (value.isPresent()) {
                    throw new IllegalArgumentException(S3 + key + " is set, but " + URL
                            + " is not an s3:// URL: the content would be kept on" + " local disk");
                }
            });
            return Optional.empty();
        }
        URI uri = url.get();
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(URL + ": credentials do not belong in the URL; set " + S3
                    + "access-key and " + S3 + "secret-key (or use the default credential chain)");
        }
        String bucket = uri.getRawAuthority();
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(URL + ": the bucket must be 3 to 63 lower-case letters, digits, dots"
                    + " and hyphens, as in s3://my-bucket/registry");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(URL + ": an s3:// URL has no query or fragment");
        }
        String prefix = prefix(uri.getRawPath());
        URI endpoint = endpoint();
        String region = present(s3Region).orElse("us-east-1");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(S3 + "region: not a region name such as us-east-1");
        }
        Optional<String> accessKey = present(s3AccessKey);
        Optional<String> secretKey = present(s3SecretKey);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(S3 + "access-key and " + S3
                    + "secret-key: set both, or neither to use the SDK's default credential chain");
        }
        return Optional.of(new S3Location(
                bucket,
                prefix,
                endpoint,
                region,
                accessKey.orElse(null),
                secretKey.orElse(null),
                pathStyle(),
                presignFromBytes()));
    }

    /** The blob store's directory: a file: URL, registry.storage.dir, or {@code blobs} in the data directory. */
    public Path storageDir() {
        Optional<URI> url = url();
        if (url.isPresent() && "file".equalsIgnoreCase(url.get().getScheme())) {
            Path fromUrl = fileUrl(url.get());
            Optional<String> dir = present(storageDir);
            if (dir.isPresent() && !Path.of(dir.get()).toAbsolutePath().equals(fromUrl)) {
                throw new IllegalArgumentException(
                        URL + " and registry.storage.dir name different directories: set only one");
            }
            return fromUrl;
        }
        return present(storageDir)
                .map(Path::of)
                .orElseGet(() -> server.dataDir().resolve("blobs"))
                .toAbsolutePath();
    }

    /** The largest artifact content one upload may bring. */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** Default storage quota of an organization for artifact content (0 = unlimited). */
    public long storageQuotaBytes() {
        return Math.max(0, storageQuotaBytes);
    }

    private Optional<URI> url() {
        Optional<String> text = present(storageUrl);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.get().trim());
        } catch (URISyntaxException e) {
            // the value itself is not repeated: a mistyped URL may carry a secret
            throw new IllegalArgumentException(URL + ": not a URL (file:/path or s3://bucket/prefix)", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("s3")) {
            throw new IllegalArgumentException(URL + ": use file:/path or s3://bucket/prefix");
        }
        return Optional.of(uri);
    }

    private static Path fileUrl(URI uri) {
        if (uri.isOpaque() || uri.getRawAuthority() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(URL + ": a file: URL names an absolute path, as in file:/var/registry");
        }
        try {
            return Path.of(uri).toAbsolutePath();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + ": not a path: " + e.getMessage(), e);
        }
    }

    /** The key prefix: plain segments, none of them empty, "." or "..", and no escapes. */
    static String prefix(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return "";
        }
        if (path.length() > 512) {
            throw new IllegalArgumentException(URL + ": the prefix is longer than 512 characters");
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(URL + ": each part of the prefix must be letters, digits, '.', '-'"
                        + " or '_' (not empty, '.' or '..')");
            }
        }
        return path;
    }

    private URI endpoint() {
        Optional<String> text = present(s3Endpoint);
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text.get().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = uri.getRawPath() == null
                    || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/");
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && bare) {
                return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // reported below, without the value
        }
        throw new IllegalArgumentException(
                S3 + "endpoint: an http(s)://host[:port] URL without credentials, path or query");
    }

    private boolean pathStyle() {
        String value = present(s3PathStyle).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(S3 + "path-style: true or false, not " + value);
        }
        return value.equals("true");
    }

    /** The presign threshold in bytes, or -1 for off. */
    private long presignFromBytes() {
        String value = present(s3PresignDownloads).orElse("off").trim().toUpperCase(Locale.ROOT);
        if (value.equals("OFF")) {
            return -1;
        }
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    S3 + "presign-downloads: off, or a size such as 104857600 or 100MB, not " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).replace("I", "");
        return switch (unit) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n;
        };
    }

    private Map<String, Optional<String>> s3Settings() {
        return Map.of(
                "endpoint", present(s3Endpoint),
                "region", present(s3Region),
                "access-key", present(s3AccessKey),
                "secret-key", present(s3SecretKey),
                "path-style", present(s3PathStyle),
                "presign-downloads", present(s3PresignDownloads));
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
    }
}
