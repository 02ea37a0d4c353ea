package org.modelregistry.application.catalog;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.api.catalog.ArtifactContent;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PayloadTooLargeException;
import org.modelregistry.api.problem.StorageUnavailableException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.infrastructure.config.ApiSettings;
import org.modelregistry.infrastructure.storage.BlobStore;
import org.modelregistry.infrastructure.storage.BlobStore.StagedBlob;
import org.modelregistry.infrastructure.storage.BlobStoreUnavailableException;
import org.modelregistry.infrastructure.storage.BlobTooLargeException;

/**
 * Artifacts and their content. An upload is streamed to staging with no transaction open (a several-GB upload
 * must not hold a database connection or hit the transaction timeout); only the short step that checks the digest
 * and records the content runs in a transaction, and the blob becomes visible only if that step succeeds. Stored
 * content counts against the organization's storage quota ({@link StorageQuotas}): 507 when it does not fit.
 */
@Stateless
@Local(ArtifactService.class)
@LocalBean // the no-interface view lets storeContent call its own steps through the container
public class ArtifactServiceBean implements ArtifactService {

    private static final Logger LOG = Logger.getLogger(ArtifactServiceBean.class.getName());

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @Inject
    StorageSettings settings;

    @Inject
    ApiSettings apiSettings;

    @Inject
    BlobStore blobs;

    @EJB
    ArtifactServiceBean self;

    @Inject
    ModelAccess access;

    @Inject
    CurrentCaller caller;

    @EJB
    StorageQuotas quotas;

    @Override
    public ArtifactDto create(UUID modelId, String version, CreateArtifactRequest request) {
        if (request == null) {
            throw new BadRequestException("body", "a JSON object describing the artifact is required");
        }
        String actor = actor();
        Model model = access.editable(modelId);
        ModelVersion v = access.version(modelId, version);
        Artifact artifact = Artifact.register(v, request, actor);
        if (models.findArtifact(v.getId(), artifact.getName()).isPresent()) {
            throw new ConflictException(
                    "Version " + version + " already has an artifact named " + artifact.getName(), "name");
        }
        models.add(artifact);
        models.flush();
        audit.record(
                actor,
                "artifact.created",
                "artifact",
                artifact.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("modelId", modelId.toString())
                        .add("version", version)
                        .add("name", artifact.getName())
                        .add("type", artifact.getType().name())
                        .build());
        return CatalogMapper.toDto(artifact, v.getVersion());
    }

    @Override
    public ArtifactDto get(UUID modelId, String version, UUID artifactId) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        return CatalogMapper.toDto(artifact(v, artifactId, false), v.getVersion());
    }

    @Override
    public Page<ArtifactDto> list(UUID modelId, String version, Integer limit, String cursor) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        int size = Cursor.limit(limit, apiSettings.defaultPageSize(), apiSettings.maxPageSize());
        List<String> after = Cursor.decode("artifacts", cursor, 1);
        List<Artifact> page =
                models.listArtifacts(v.getId(), after == null ? null : Cursor.uuid(after.get(0)), size + 1);
        String next = null;
        if (page.size() > size) {
            page = page.subList(0, size);
            next = Cursor.encode("artifacts", page.get(size - 1).getId().toString());
        }
        return new Page<>(
                page.stream().map(a -> CatalogMapper.toDto(a, v.getVersion())).toList(), next);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ArtifactDto storeContent(
            UUID modelId, String version, UUID artifactId, InputStream content, String mediaType, Long declaredBytes) {
        // fail fast, before reading a large body: state, declared size against the cap and the quota
        Room room = self.checkUploadable(modelId, version, artifactId, declaredBytes);
        long max = settings.maxUploadBytes();
        long limit = Math.min(max, room.remainingBytes());
        try (StagedBlob staged = blobs.stage(content, limit)) {
            return self.recordContent(modelId, version, artifactId, staged, mediaType);
        } catch (BlobTooLargeException e) {
            if (limit < max) { // the quota stopped the stream, not the upload cap: 507 with the figures
                quotas.require(room.organizationId(), limit + 1, false);
            }
            throw new PayloadTooLargeException("content", max);
        } catch (BlobStoreUnavailableException e) {
            // the object store failed, not the client: nothing was recorded, worth trying again
            LOG.warning(() -> "upload of artifact " + artifactId + " failed: " + e.getMessage());
            throw new StorageUnavailableException(e.getMessage());
        } catch (IOException e) {
            // the client went away or the disk failed mid-stream; nothing was recorded
            LOG.warning(() -> "upload of artifact " + artifactId + " failed: " + e);
            throw new BadRequestException("content", "the upload could not be read completely: " + e.getMessage());
        }
    }

    /** The organization an upload counts against and the bytes its quota leaves free. */
    public record Room(UUID organizationId, long remainingBytes) {}

    /**
     * Internal step of {@link #storeContent}: its own short transaction. A size declared by the request
     * ({@code Content-Length}) or at registration is checked against the upload cap (413) and the quota (507).
     */
    public Room checkUploadable(UUID modelId, String version, UUID artifactId, Long declaredBytes) {
        Model model = access.editable(modelId);
        ModelVersion v = access.version(modelId, version);
        Artifact artifact = artifact(v, artifactId, false);
        artifact.requireUploadable(v);
        long declared = Math.max(
                declaredBytes == null ? 0 : declaredBytes, artifact.getSize() == null ? 0 : artifact.getSize());
        if (declared > settings.maxUploadBytes()) {
            throw new PayloadTooLargeException("content", settings.maxUploadBytes());
        }
        quotas.require(model.getOrganizationId(), declared, false);
        return new Room(model.getOrganizationId(), quotas.remaining(model.getOrganizationId()));
    }

    /** Internal step of {@link #storeContent}: checks the digest and records the content, then publishes the blob. */
    public ArtifactDto recordContent(UUID modelId, String version, UUID artifactId, StagedBlob staged, String mediaType)
            throws IOException {
        String actor = actor();
        Model model = access.editable(modelId);
        ModelVersion v = access.version(modelId, version);
        Artifact artifact = artifact(v, artifactId, true);
        artifact.requireUploadable(v);
        // under the organization's row lock: concurrent uploads cannot share the same free space
        quotas.require(model.getOrganizationId(), staged.size(), true);
        artifact.contentStored(staged.sha256(), staged.size(), mediaType, actor);
        models.flush();
        audit.record(
                actor,
                "artifact.content-stored",
                "artifact",
                artifactId,
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("sha256", staged.sha256())
                        .add("size", staged.size())
                        .build());
        // Published before commit: a rollback after this leaves an unreferenced blob, never a reference to none.
        staged.commit();
        return CatalogMapper.toDto(artifact, v.getVersion());
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long maxUploadBytes() {
        return settings.maxUploadBytes();
    }

    @Override
    public ArtifactContent content(UUID modelId, String version, UUID artifactId) {
        access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        Artifact a = artifact(v, artifactId, false);
        if (!a.isStored()) {
            throw new NotFoundException("content of artifact", artifactId);
        }
        String sha256 = a.getSha256();
        String mediaType = a.getMediaType() == null ? "application/octet-stream" : a.getMediaType();
        try {
            if (!blobs.exists(sha256)) {
                throw new IllegalStateException(
                        "blob " + sha256 + " of artifact " + artifactId + " is missing from the blob store");
            }
        } catch (BlobStoreUnavailableException e) {
            throw new StorageUnavailableException(e.getMessage()); // the object store is away: 503, not 500
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // asked only now, after the access checks above: the URL itself grants the read
        URI direct =
                blobs.downloadUrl(sha256, a.getSize(), a.getName(), mediaType).orElse(null);
        return new ArtifactContent(
                (offset, length) -> blobs.open(sha256, offset, length),
                sha256,
                a.getSize(),
                mediaType,
                a.getName(),
                direct);
    }

    private Artifact artifact(ModelVersion v, UUID artifactId, boolean lock) {
        return models.findArtifact(v.getId(), artifactId, lock)
                .orElseThrow(() -> new NotFoundException("artifact", artifactId));
    }

    private String actor() {
        return caller.get().username();
    }
}
