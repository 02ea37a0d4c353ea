package org.modelregistry.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public keys a caller trusts to have signed evidence: the registry's key as PEM ({@code GET
 * /api/v1/auth/signing-key.pem}) or as a JWKS ({@code GET /api/v1/auth/jwks}, several keys after a rotation, each
 * with its {@code kid}). Only RSA keys are read: the registry signs with RS256.
 */
public final class TrustedKeys {

    /** kid (null for a PEM key, which names none) to key. */
    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = keys;
    }

    /** Reads a PEM public key or a JWKS (or a single JWK) from a file. */
    public static TrustedKeys read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Reads a PEM public key or a JWKS from text; {@code source} names it in errors. */
    public static TrustedKeys parse(String text, String source) throws IOException {
        String t = text.trim();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
                String body = t.replace("-----BEGIN PUBLIC KEY-----", "")
                        .replace("-----END PUBLIC KEY-----", "")
                        .replaceAll("\\s", "");
                keys.put(
                        null,
                        KeyFactory.getInstance("RSA")
                                .generatePublic(new X509EncodedKeySpec(
                                        Base64.getDecoder().decode(body))));
            } else if (t.startsWith("{")) {
                JsonObject json;
                try (JsonReader reader = Json.createReader(new StringReader(t))) {
                    json = reader.readObject();
                }
                List<JsonValue> jwks = json.containsKey("keys") ? json.getJsonArray("keys") : List.of(json);
                for (JsonValue v : jwks) {
                    JsonObject jwk = v.asJsonObject();
                    if ("RSA".equals(text(jwk, "kty"))) {
                        keys.put(text(jwk, "kid"), rsa(jwk));
                    }
                }
            } else {
                throw new IOException(source + " is neither a PEM public key nor a JWKS");
            }
        } catch (GeneralSecurityException | IllegalArgumentException | JsonParsingException | ClassCastException e) {
            throw new IOException(source + " holds no readable RSA public key: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException(source + " holds no RSA public key");
        }
        return new TrustedKeys(keys);
    }

    private static PublicKey rsa(JsonObject jwk) throws GeneralSecurityException {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        BigInteger n = new BigInteger(1, b64.decode(text(jwk, "n")));
        BigInteger e = new BigInteger(1, b64.decode(text(jwk, "e")));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    public int size() {
        return keys.size();
    }

    /**
     * The keys to try for a signature naming {@code kid}: the key of that kid when the set names it, else every key
     * (a PEM key names no kid; the caller chose to trust it).
     */
    List<PublicKey> candidates(String kid) {
        if (kid != null && keys.containsKey(kid)) {
            return List.of(keys.get(kid));
        }
        return new ArrayList<>(keys.values());
    }
}
