package org.modelregistry.application.governance;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.governance.EvidenceService;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.policy.PolicyEvaluationDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.application.audit.AuditChainer;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.catalog.ModelVersion;
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

    @EJB
    PolicyService policies;

    @EJB
    AuditChainer chainer;

    @Inject
    ModelAccess access;

    @Inject
    ReviewedContent reviewed;

    @Override
    public byte[] bundle(UUID modelId, String version) {
        // the audit search checks that the caller is an auditor (or a registry administrator) first
        chainer.chainPending(); // the trail's records carry their chain hashes
        var modelTrail = audit.search(null, null, modelId, null, null, null, 500, null);
        ModelVersionDto v = versions.get(modelId, version);
        // evidence vouches for reviewed content: an approved version whose content differs is refused (409)
        ModelVersion entity = access.version(modelId, version);
        reviewed.requireApprovedContent(entity);
        String contentDigest = reviewed.digest(entity);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.json", JsonText.write(models.get(modelId)));
        files.put("version.json", JsonText.write(v));
        files.put(
                "artifacts.json",
                JsonText.write(artifacts.list(modelId, version, 500, null).items()));
        files.put("approvals.json", JsonText.write(lifecycle.approvals(modelId, version)));
        files.put("audit-model.json", JsonText.write(modelTrail.items()));
        files.put(
                "audit-version.json",
                JsonText.write(audit.search(null, null, v.id(), null, null, null, 500, null)
                        .items()));
        List<PolicyEvaluationDto> evaluations = policies.evaluations(modelId, version);
        files.put("policy-evaluations.json", JsonText.write(evaluations));
        // the exact text of every policy version that judged this version
        JsonArrayBuilder rules = Json.createArrayBuilder();
        evaluations.stream().map(PolicyEvaluationDto::policyId).distinct().forEach(policyId -> {
            Set<Integer> used = evaluations.stream()
                    .filter(e -> e.policyId().equals(policyId))
                    .map(PolicyEvaluationDto::policyVersion)
                    .collect(Collectors.toSet());
            policies.revisions(policyId).stream()
                    .filter(r -> used.contains(r.version()))
                    .forEach(r -> rules.add(Json.createObjectBuilder()
                            .add("policyId", policyId.toString())
                            .add("policy", JsonText.toObject(r))));
        });
        files.put("policies.json", rules.build().toString());
        List<AuditCheckpointDto> checkpoints = audit.checkpoints();
        files.put("audit-checkpoint.json", checkpoints.isEmpty() ? "null" : JsonText.write(checkpoints.get(0)));

        JsonObjectBuilder digests = Json.createObjectBuilder();
        files.forEach((name, content) -> digests.add(name, Digests.sha256Hex(content)));
        String manifest = Json.createObjectBuilder()
                .add("format", "model-registry-evidence/1")
                .add("modelId", modelId.toString())
                .add("version", version)
                .add("contentDigest", contentDigest)
                .add("createdAt", AuditedEntity.now().toString())
                .add("sha256", digests)
                .build()
                .toString();
        files.put("manifest.json", manifest);
        files.put("manifest.jws", keys.sign(manifest));

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
}
