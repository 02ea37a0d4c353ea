package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Evidence bundles: a third party checks them with the registry's public keys alone, and spots any change. */
class EvidenceIT extends RegistryDeployment {

    @Test
    void aBundleVerifiesAndATamperedOneDoesNot() throws Exception {
        String model = Api.createModel("evidence", "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        String path = "/models/" + model + "/versions/1.0.0";
        Api.post(
                path + "/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"uri\":\"https://x/card.md\"," + "\"sha256\":\""
                        + "ab".repeat(32) + "\",\"license\":\"CC-BY-4.0\"}");

        Reply submitted = Api.post(path + "/transitions", "{\"to\":\"IN_REVIEW\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Api.post("/audit/checkpoints", "");

        var response = Api.CLIENT.send(Api.request(Api.API + path + "/evidence").build(), BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        Map<String, String> files = unzip(response.body());
        assertThat(files)
                .containsKeys(
                        "model.json",
                        "version.json",
                        "artifacts.json",
                        "approvals.json",
                        "audit-model.json",
                        "audit-version.json",
                        "policy-evaluations.json",
                        "policies.json",
                        "audit-checkpoint.json",
                        "manifest.json",
                        "manifest.jws");
        assertThat(files.get("policy-evaluations.json"))
                .contains("licence-allow-list")
                .contains("\"PASS\"");
        assertThat(files.get("policies.json")).contains("a.license in");
        assertThat(files.get("audit-checkpoint.json")).contains("\"jws\"");
        assertThat(files.get("artifacts.json")).contains("ab".repeat(32));
        assertThat(files.get("audit-model.json")).contains("model.created");

        String jwks = Api.get("/auth/jwks", Api.NO_AUTH, "").body();
        assertThat(verify(files, jwks)).isEqualTo("ok");

        Map<String, String> changedFile = new LinkedHashMap<>(files);
        changedFile.put("version.json", files.get("version.json").replace("IN_REVIEW", "APPROVED"));
        assertThat(verify(changedFile, jwks)).isEqualTo("version.json does not match the manifest");

        Map<String, String> changedManifest = new LinkedHashMap<>(changedFile);
        JsonObject manifest = json(files.get("manifest.json"));
        changedManifest.put(
                "manifest.json",
                Json.createObjectBuilder(manifest)
                        .add(
                                "sha256",
                                Json.createObjectBuilder(manifest.getJsonObject("sha256"))
                                        .add("version.json", sha256(changedFile.get("version.json"))))
                        .build()
                        .toString());
        assertThat(verify(changedManifest, jwks)).isEqualTo("the manifest is not the signed one");
    }

    @Test
    void anUnknownVersionHasNoEvidence() {
        String model = Api.createModel("evidence", "LOW").getString("id");
        Api.createVersion(model, "1.0.0");
        assertThat(Api.get("/models/" + model + "/versions/2.0.0/evidence").status())
                .isEqualTo(404);
    }

    /** What docs/evidence.md describes: signature by a published key, signed manifest, every digest. */
    static String verify(Map<String, String> files, String jwksJson) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(files.get("manifest.jws"));
        var key = new VerificationJwkSelector().select(jws, new JsonWebKeySet(jwksJson).getJsonWebKeys());
        if (key == null) {
            return "no published key signed it";
        }
        jws.setKey(key.getKey());
        if (!jws.verifySignature()) {
            return "bad signature";
        }
        if (!jws.getPayload().equals(files.get("manifest.json"))) {
            return "the manifest is not the signed one";
        }
        JsonObject digests = json(files.get("manifest.json")).getJsonObject("sha256");
        for (String name : digests.keySet()) {
            if (!digests.getString(name).equals(sha256(files.get(name)))) {
                return name + " does not match the manifest";
            }
        }
        return "ok";
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
