package org.modelregistry.infrastructure.storage;

import java.net.URI;

/**
 * Where and how to reach an S3-compatible bucket: {@code registry.storage.url=s3://bucket/prefix} and the
 * {@code registry.storage.s3.*} settings, already checked. Without an endpoint the SDK's own (AWS) applies; without
 * keys, the SDK's default credential chain. Its text form never shows the secret key.
 *
 * @param prefix key prefix without leading or trailing slash, empty for the bucket's root
 * @param presignFromBytes downloads of at least this many bytes are redirected to a presigned URL; negative: never
 */
public record S3Location(
        String bucket,
        String prefix,
        URI endpoint,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        long presignFromBytes) {

    /** The storage URL, as the settings name it. */
    public String url() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The object key of a name under the prefix. */
    String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String toString() {
        return url() + " (endpoint " + (endpoint == null ? "AWS" : endpoint) + ", region " + region
                + (pathStyle ? ", path-style" : "") + ", credentials "
                + (accessKey == null ? "from the default chain" : "from the settings")
                + (presignFromBytes < 0 ? "" : ", presigned downloads from " + presignFromBytes + " bytes") + ")";
    }
}
