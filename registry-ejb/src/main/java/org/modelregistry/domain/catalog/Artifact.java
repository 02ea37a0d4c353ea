package org.modelregistry.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * A file that belongs to a model version: weights, a container image, a dataset, a model card... Its content is
 * either referenced by URI (with the digest and size the caller declares) or uploaded into the registry's
 * content-addressed blob store, where the registry computes the digest itself.
 */
@Entity
@Table(name = "artifact")
@NamedNativeQuery(
        name = "Artifact.storedBytesOfOrganization",
        query = "SELECT COALESCE(SUM(a.size_bytes), 0) FROM artifact a JOIN model m ON m.id = a.model_id"
                + " WHERE a.stored AND m.organization_id = CAST(? AS uuid)")
@NamedQuery(
        name = "Artifact.findByVersionAndName",
        query = "SELECT a FROM Artifact a WHERE a.versionId = :versionId AND a.name = :name")
public class Artifact extends AuditedEntity {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+=@-]{0,254}$");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$");

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "artifact_type", nullable = false, length = 32)
    private ArtifactType type;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "uri", length = CatalogRules.MAX_URI)
    private String uri;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "size_bytes")
    private Long size;

    @Column(name = "license", length = 512)
    private String license;

    @Column(name = "media_type", length = 255)
    private String mediaType;

    @Column(name = "stored", nullable = false)
    private boolean stored;

    protected Artifact() {
        // for JPA
    }

    private Artifact(ModelVersion version, String actor) {
        super(actor);
        this.modelId = version.getModelId();
        this.versionId = version.getId();
    }

    /**
     * Registers an artifact of a DRAFT version.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public static Artifact register(ModelVersion version, CreateArtifactRequest r, String actor) {
        version.requireDraft("its artifacts");
        FieldErrors errors = new FieldErrors();
        errors.check(r.type() != null, "type", "is required: one of " + List.of(ArtifactType.values()));
        if (r.name() == null || r.name().isEmpty()) {
            errors.add("name", "is required");
        } else {
            errors.check(
                    NAME.matcher(r.name()).matches(),
                    "name",
                    "must be 1-255 characters: letters, digits or . _ + = @ -, starting with a letter or digit");
        }
        CatalogRules.uri(errors, "uri", r.uri(), false);
        String sha = r.sha256() == null ? null : r.sha256().toLowerCase(Locale.ROOT);
        errors.check(
                sha == null || CatalogRules.SHA256.matcher(sha).matches(),
                "sha256",
                "must be 64 hexadecimal characters (a SHA-256 digest)");
        errors.check(r.size() == null || r.size() >= 0, "size", "must not be negative");
        String license = null;
        if (r.license() != null) {
            try {
                license = SpdxLicense.canonical(r.license());
            } catch (IllegalArgumentException e) {
                errors.add("license", e.getMessage());
            }
        }
        errors.check(
                r.mediaType() == null || MEDIA_TYPE.matcher(r.mediaType()).matches(),
                "mediaType",
                "must be a media type such as application/octet-stream");
        errors.throwIfAny();
        Artifact a = new Artifact(version, actor);
        a.type = r.type();
        a.name = r.name();
        a.uri = r.uri();
        a.sha256 = sha;
        a.size = r.size();
        a.license = license;
        a.mediaType = r.mediaType();
        return a;
    }

    /**
     * Checks that content may be uploaded: the version is a DRAFT, the artifact is not a URI reference and holds no
     * content yet (content is immutable: a new file is a new artifact).
     */
    public void requireUploadable(ModelVersion version) {
        version.requireDraft("its artifacts");
        if (uri != null) {
            throw new ConflictException(
                    "Artifact " + name + " references external content at its uri; "
                            + "register a new artifact without uri to upload content",
                    "uri");
        }
        if (stored) {
            throw new ConflictException("Artifact " + name + " already has content; content is immutable", "content");
        }
    }

    /** Records uploaded content whose digest the registry computed; a declared digest or size must match it. */
    public void contentStored(String computedSha256, long computedSize, String uploadMediaType, String actor) {
        if (sha256 != null && !sha256.equals(computedSha256)) {
            throw new InvalidInputException(
                    "digest-mismatch",
                    "Digest mismatch",
                    "sha256",
                    "declared " + sha256 + " but the uploaded content has " + computedSha256);
        }
        if (size != null && size != computedSize) {
            throw new InvalidInputException(
                    "size-mismatch",
                    "Size mismatch",
                    "size",
                    "declared " + size + " bytes but " + computedSize + " bytes were uploaded");
        }
        this.sha256 = computedSha256;
        this.size = computedSize;
        this.stored = true;
        if (mediaType == null
                && uploadMediaType != null
                && MEDIA_TYPE.matcher(uploadMediaType).matches()) {
            this.mediaType = uploadMediaType;
        }
        touch(actor);
    }

    public UUID getModelId() {
        return modelId;
    }

    public UUID getVersionId() {
        return versionId;
    }

    public ArtifactType getType() {
        return type;
    }

    public String getName() {
        return name;
    }

    public String getUri() {
        return uri;
    }

    public String getSha256() {
        return sha256;
    }

    public Long getSize() {
        return size;
    }

    public String getLicense() {
        return license;
    }

    public String getMediaType() {
        return mediaType;
    }

    public boolean isStored() {
        return stored;
    }
}
