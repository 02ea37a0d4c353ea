package org.modelregistry.domain.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.modelregistry.domain.shared.FieldErrors;

/** The shape rules for names, tags, owners, digests and URIs that every catalog write obeys. */
public final class CatalogRules {

    /** RFC 1123 DNS label: usable in URLs, Kubernetes object names and file names without escaping. */
    public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    public static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9._:/=-]{0,62}$");
    /** A local user or service account name, or a single sign-on principal ({@code sso:<host>/<subject>}). */
    public static final Pattern PRINCIPAL = Pattern.compile(
            "^([A-Za-z0-9][A-Za-z0-9._@+-]{0,127}|sso:(~?[A-Za-z0-9.-]{1,60})/(~?[A-Za-z0-9._@+|=-]{1,63}))$");

    public static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    public static final Pattern COMMIT_SHA = Pattern.compile("^[0-9a-f]{40}$");
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_OWNERS = 50;
    public static final int MAX_URI = 2048;

    private CatalogRules() {}

    public static void dnsLabel(FieldErrors errors, String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(field, "is required");
        } else if (!DNS_LABEL.matcher(value).matches()) {
            errors.add(
                    field,
                    "must be a DNS label: 1-63 lower-case letters, digits or '-', starting and ending"
                            + " with a letter or digit");
        }
    }

    public static void description(FieldErrors errors, String field, String value) {
        errors.check(
                value == null || value.length() <= MAX_DESCRIPTION,
                field,
                "must be at most " + MAX_DESCRIPTION + " characters");
    }

    /** Validates and de-duplicates (keeping the first occurrence's order). */
    public static List<String> tags(FieldErrors errors, List<String> tags) {
        return list(
                errors,
                "tags",
                tags,
                MAX_TAGS,
                TAG,
                "must be 1-63 lower-case letters, digits or . _ : / = -, starting with a letter or digit");
    }

    public static List<String> owners(FieldErrors errors, List<String> owners) {
        return list(
                errors,
                "owners",
                owners,
                MAX_OWNERS,
                PRINCIPAL,
                "must be a user or group id (letters, digits, . _ @ + -)");
    }

    private static List<String> list(
            FieldErrors errors, String field, List<String> values, int max, Pattern pattern, String message) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            errors.add(field, "must have at most " + max + " entries");
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || !pattern.matcher(v).matches()) {
                errors.add(field + "[" + i + "]", message);
            } else {
                out.add(v);
            }
        }
        return new ArrayList<>(out);
    }

    public static void uri(FieldErrors errors, String field, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            errors.check(!required, field, "is required");
            return;
        }
        if (value.length() > MAX_URI) {
            errors.add(field, "must be at most " + MAX_URI + " characters");
            return;
        }
        try {
            URI uri = new URI(value);
            errors.check(uri.isAbsolute(), field, "must be an absolute URI with a scheme (s3://, https://, oci://...)");
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URI: " + e.getReason());
        }
    }

    /**
     * An absolute http(s) URL without credentials in it: where the registry sends calls (targets, webhooks).
     * True when a URL was given and is well-formed.
     */
    public static boolean httpUrl(FieldErrors errors, String field, String value, boolean required) {
        if (value == null) {
            errors.check(!required, field, "is required: an absolute http or https URL");
            return false; // nothing to check further
        }
        try {
            URI uri = new URI(value);
            return errors.check(
                    value.length() <= MAX_URI
                            && uri.isAbsolute()
                            && uri.getHost() != null
                            && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                            && uri.getUserInfo() == null,
                    field,
                    "an absolute http or https URL without credentials, at most " + MAX_URI + " characters");
        } catch (URISyntaxException e) {
            errors.add(field, "not a URL: " + e.getReason());
            return false;
        }
    }

    /** The secret that signs the registry's outgoing calls (targets, webhooks): 16 to 256 characters. */
    public static void signingSecret(FieldErrors errors, String field, String value, boolean required) {
        if (value == null) {
            errors.check(!required, field, "is required: 16 to 256 characters that sign every call (HMAC-SHA256)");
            return;
        }
        errors.check(value.length() >= 16 && value.length() <= 256, field, "16 to 256 characters");
    }
}
