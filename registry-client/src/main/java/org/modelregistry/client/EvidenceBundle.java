package org.modelregistry.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An evidence bundle as {@code GET .../evidence} makes it (docs/evidence.md), checked offline: no server, only the
 * zip and a public key the caller trusts. The bundle carries no key of its own on purpose: a key shipped beside
 * the signature proves only that someone signed, since whoever alters the files can sign them again with a key of
 * their own and put that key in the zip.
 *
 * <p>The checks, in order: {@code manifest.jws} is a compact RS256 JWS (no other algorithm is accepted, {@code none}
 * least of all) whose signature holds for one of the trusted keys; its payload is byte for byte
 * {@code manifest.json}; the manifest's format is known; every file it lists is in the zip with that SHA-256, and
 * the zip holds no file it does not list; the audit checkpoint, when there is one, is signed by a trusted key and
 * says what its file says.
 */
public final class EvidenceBundle {

    /** The format {@code manifest.json} declares. */
    public static final String FORMAT = "model-registry-evidence/1";

    /** Bundles are a few JSON files: anything this large is not one (and is not unpacked into memory). */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final int MAX_ENTRIES = 1000;

    private final Map<String, byte[]> files;

    private EvidenceBundle(Map<String, byte[]> files) {
        this.files = files;
    }

    /** Reads the zip; refuses one with duplicate names, too many entries or too many bytes. */
    public static EvidenceBundle read(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (files.size() >= MAX_ENTRIES) {
                    throw new IOException("not an evidence bundle: more than " + MAX_ENTRIES + " entries");
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
                total += content.length;
                if (total > MAX_BYTES) {
                    throw new IOException("not an evidence bundle: more than " + MAX_BYTES + " bytes");
                }
                if (files.put(e.getName(), content) != null) {
                    throw new IOException("not an evidence bundle: " + e.getName() + " appears twice");
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("not an evidence bundle: " + zip + " is not a zip or is empty");
        }
        return new EvidenceBundle(files);
    }

    /** The names of the files in the bundle, in zip order. */
    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    /**
     * The result of the checks.
     *
     * @param keyId    the {@code kid} the manifest was signed with, or null
     * @param checked  each check that passed, in words
     * @param failures each check that failed, in words; empty when the bundle is intact
     */
    public record Report(
            String modelId,
            String version,
            String createdAt,
            String keyId,
            String contentDigest,
            List<String> checked,
            List<String> failures) {

        public boolean valid() {
            return failures.isEmpty();
        }
    }

    /** Checks the bundle against the trusted keys (see {@link TrustedKeys}). */
    public Report verify(TrustedKeys keys) {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        byte[] manifestBytes = files.get("manifest.json");
        byte[] jwsBytes = files.get("manifest.jws");
        if (manifestBytes == null || jwsBytes == null) {
            failures.add("manifest.json or manifest.jws is missing: not an evidence bundle");
            return new Report(null, null, null, null, null, checked, failures);
        }
        Jws jws = Jws.parse(new String(jwsBytes, StandardCharsets.UTF_8).trim());
        String keyId = jws == null ? null : jws.keyId();
        if (jws == null) {
            failures.add("manifest.jws is not a compact JWS");
        } else if (!"RS256".equals(jws.algorithm())) {
            failures.add("manifest.jws is signed with " + jws.algorithm() + ", not RS256");
        } else if (!jws.verifiedBy(keys)) {
            failures.add("the signature of manifest.jws does not hold for "
                    + (keys.size() == 1 ? "the trusted key" : "any of the " + keys.size() + " trusted keys")
                    + (keyId == null ? "" : " (it names key " + keyId + ")"));
        } else {
            checked.add("manifest.jws: RS256 signature holds for the trusted key" + (keyId == null ? "" : " " + keyId));
            if (MessageDigest.isEqual(jws.payload(), manifestBytes)) {
                checked.add("manifest.json is the signed manifest");
            } else {
                failures.add("manifest.json is not the signed manifest");
            }
        }
        JsonObject manifest = object(manifestBytes);
        if (manifest == null) {
            failures.add("manifest.json is not a JSON object");
            return new Report(null, null, null, keyId, null, checked, failures);
        }
        if (!FORMAT.equals(string(manifest, "format"))) {
            failures.add("manifest.json declares format " + string(manifest, "format") + ", not " + FORMAT);
        }
        JsonObject digests = manifest.get("sha256") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        for (var entry : digests.entrySet()) {
            byte[] content = files.get(entry.getKey());
            String expected = entry.getValue() instanceof JsonString s ? s.getString() : String.valueOf(entry);
            if (content == null) {
                failures.add(entry.getKey() + " is listed in the manifest but missing from the bundle");
            } else if (!sha256(content).equals(expected)) {
                failures.add(entry.getKey() + " does not match the manifest (sha256 " + sha256(content) + ")");
            } else {
                checked.add(entry.getKey() + " matches the manifest");
            }
        }
        for (String name : files.keySet()) {
            if (!digests.containsKey(name) && !name.equals("manifest.json") && !name.equals("manifest.jws")) {
                failures.add(name + " is in the bundle but not in the manifest");
            }
        }
        checkpoint(keys, checked, failures);
        return new Report(
                string(manifest, "modelId"),
                string(manifest, "version"),
                string(manifest, "createdAt"),
                keyId,
                string(manifest, "contentDigest"),
                checked,
                failures);
    }

    /** The audit checkpoint in the bundle is signed by a trusted key and its fields are what was signed. */
    private void checkpoint(TrustedKeys keys, List<String> checked, List<String> failures) {
        byte[] bytes = files.get("audit-checkpoint.json");
        if (bytes == null || new String(bytes, StandardCharsets.UTF_8).trim().equals("null")) {
            checked.add("audit-checkpoint.json: none was taken before the bundle");
            return;
        }
        JsonObject file = object(bytes);
        Jws jws = file == null ? null : Jws.parse(string(file, "jws"));
        if (jws == null || !"RS256".equals(jws.algorithm()) || !jws.verifiedBy(keys)) {
            failures.add("audit-checkpoint.json: its jws is not signed by a trusted key");
            return;
        }
        JsonObject signed = object(jws.payload());
        boolean same = signed != null
                && "audit-checkpoint".equals(string(signed, "type"))
                && String.valueOf(signed.get("seq")).equals(String.valueOf(file.get("seq")))
                && String.valueOf(signed.get("hash")).equals(String.valueOf(file.get("hash")))
                && String.valueOf(signed.get("records")).equals(String.valueOf(file.get("records")));
        if (same) {
            checked.add("audit-checkpoint.json: signed checkpoint of record " + file.get("seq"));
        } else {
            failures.add("audit-checkpoint.json: its fields are not the ones its jws signs");
        }
    }

    private static JsonObject object(byte[] json) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            return reader.read() instanceof JsonObject o ? o : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(RegistryClient.sha256().digest(content));
    }

    /** A compact JWS split into its parts. */
    private record Jws(JsonObject header, byte[] signingInput, byte[] payload, byte[] signature) {

        static Jws parse(String compact) {
            if (compact == null) {
                return null;
            }
            String[] parts = compact.trim().split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                Base64.Decoder b64 = Base64.getUrlDecoder();
                JsonObject header = object(b64.decode(parts[0]));
                if (header == null) {
                    return null;
                }
                return new Jws(
                        header,
                        (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                        b64.decode(parts[1]),
                        b64.decode(parts[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        String algorithm() {
            return string(header, "alg");
        }

        String keyId() {
            return string(header, "kid");
        }

        boolean verifiedBy(TrustedKeys keys) {
            for (PublicKey key : keys.candidates(keyId())) {
                try {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initVerify(key);
                    rsa.update(signingInput);
                    if (rsa.verify(signature)) {
                        return true;
                    }
                } catch (GeneralSecurityException e) {
                    // not an RSA key, or a malformed signature: this key does not verify it
                }
            }
            return false;
        }
    }

    /** For tests: a bundle from names and contents. */
    static EvidenceBundle of(Map<String, byte[]> files) {
        return new EvidenceBundle(new LinkedHashMap<>(files));
    }
}
