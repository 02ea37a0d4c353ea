package org.modelregistry.interfaces.mlflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * MLflow page tokens: the position of the next page, bound to the search it continues (its filter and order), and
 * sealed with the registry's secrets key (AES-GCM, as secrets at rest are): opaque to clients, and a token that was
 * changed, made up, or issued for another search is refused with INVALID_PARAMETER_VALUE instead of being followed.
 * Every server of a cluster shares that key, so a token issued by one is honoured by the others.
 */
@ApplicationScoped
public class PageTokens {

    private static final UUID ROW = UUID.nameUUIDFromBytes("mlflow page token".getBytes(StandardCharsets.UTF_8));
    private static final int MAX_TOKEN = 512;

    @Inject
    SecretKeys keys;

    /** The token of the page that starts at {@code offset} of the search. */
    public String issue(String kind, String filter, List<String> orderBy, int offset) {
        return keys.box().seal(kind + "\n" + fingerprint(filter, orderBy) + "\n" + offset, "mlflow", kind, ROW);
    }

    /** Where the page a token names starts; 0 without a token. */
    public int offset(String token, String kind, String filter, List<String> orderBy) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String refused = "Invalid page_token: pass next_page_token unchanged, with the same filter and order_by";
        if (token.length() > MAX_TOKEN || !canonical(token)) {
            throw MlflowException.invalid(refused);
        }
        String payload;
        try {
            payload = keys.box().open(token, "mlflow", kind, ROW);
        } catch (RuntimeException tampered) {
            throw MlflowException.invalid(refused);
        }
        String[] parts = payload.split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(kind) || !parts[1].equals(fingerprint(filter, orderBy))) {
            throw MlflowException.invalid(refused);
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw MlflowException.invalid(refused);
        }
    }

    /**
     * Whether the token's sealed part is base64url exactly as issued: its last character carries bits a decoder
     * ignores, so a changed one would otherwise still open.
     */
    private static boolean canonical(String token) {
        int colon = token.lastIndexOf(':');
        String sealed = token.substring(colon + 1);
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(sealed);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String fingerprint(String filter, List<String> orderBy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((filter == null ? "" : filter.trim()).getBytes(StandardCharsets.UTF_8));
            for (String o : orderBy) {
                sha.update((byte) 0);
                sha.update(o.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
