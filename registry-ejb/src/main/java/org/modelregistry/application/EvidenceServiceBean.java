package org.modelregistry.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.governance.AuditService;
import org.modelregistry.api.governance.EvidenceService;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Digests;
import org.modelregistry.infrastructure.security.SigningKeys;

/**
 * Builds evidence bundles from the same services the API uses (so the bundle shows what the API shows), plus a
 * manifest whose JWS signature lets a third party check, offline, that nothing in the zip was changed.
 */
@Stateless
@Local(EvidenceService.class)
public class EvidenceServiceBean implements EvidenceService {

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    ArtifactService artifacts;

    @EJB
    LifecycleService lifecycle;

    @EJB
    AuditService audit;

    @EJB
    SigningKeys keys;

    @Override
    public byte[] bundle(UUID modelId, String version) {
        // the audit search checks that the caller is an auditor (or a registry administrator) first
        var modelTrail = audit.search(null, null, modelId, null, null, 500, null);
        ModelVersionDto v = versions.get(modelId, version);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.json", JsonText.write(models.get(modelId)));
        files.put("version.json", JsonText.write(v));
        files.put("artifacts.json", JsonText.write(artifacts.list(modelId, version, 500, null).items()));
        files.put("approvals.json", JsonText.write(lifecycle.approvals(modelId, version)));
        files.put("audit-model.json", JsonText.write(modelTrail.items()));
        files.put("audit-version.json", JsonText.write(
                audit.search(null, null, v.id(), null, null, 500, null).items()));

        JsonObjectBuilder digests = Json.createObjectBuilder();
        files.forEach((name, content) -> digests.add(name, Digests.sha256Hex(content)));
        String manifest = Json.createObjectBuilder()
                .add("format", "model-registry-evidence/1")
                .add("modelId", modelId.toString())
                .add("version", version)
                .add("createdAt", AuditedEntity.now().toString())
                .add("sha256", digests)
                .build().toString();
        files.put("manifest.json", manifest);
        files.put("manifest.jws", sign(manifest));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private String sign(String manifest) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(manifest);
        jws.setKey(keys.signingKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the evidence manifest", e);
        }
    }
}
