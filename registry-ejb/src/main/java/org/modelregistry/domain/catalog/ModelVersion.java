package org.modelregistry.domain.catalog;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.TransitionNotAllowedException;
import org.modelregistry.domain.governance.Lifecycle;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * A version of a model, named by a Semantic Versioning 2.0.0 string unique within the model. It starts as DRAFT;
 * only a DRAFT's metadata and artifacts change, and once a version has been approved it never returns to DRAFT, so
 * that what was reviewed is what gets deployed.
 */
@Entity
@Table(name = "model_version")
@NamedQuery(
        name = "ModelVersion.findByModelAndVersion",
        query = "SELECT v FROM ModelVersion v WHERE v.modelId = :modelId AND v.version = :version")
public class ModelVersion extends AuditedEntity {

    public static final int MAX_METADATA_BYTES = 64 * 1024;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "version", nullable = false, updatable = false, length = 128)
    private String version;

    /** {@link SemanticVersion#sortKey()}: orders versions by precedence in SQL. */
    @Column(name = "version_key", nullable = false, updatable = false, length = 400)
    private String versionKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 32)
    private VersionState state;

    @Column(name = "commit_sha", length = 40)
    private String commitSha;

    /** A JSON object held in a jsonb column (the JDBC connection sends strings as "unspecified"). */
    @Column(name = "metadata", nullable = false)
    private String metadata;

    @Column(name = "description", length = CatalogRules.MAX_DESCRIPTION)
    private String description;

    @Column(name = "source_uri", length = CatalogRules.MAX_URI)
    private String sourceUri;

    @Column(name = "review_round", nullable = false)
    private int reviewRound;

    @Column(name = "submitted_by", length = 128)
    private String submittedBy;

    /** Set by the first approval, never cleared: the content reviewers approved cannot change any more. */
    @Column(name = "content_frozen", nullable = false)
    private boolean contentFrozen;

    /** The content digest ({@link VersionContent}) the version was approved with. */
    @Column(name = "approved_digest", length = 64)
    private String approvedDigest;

    protected ModelVersion() {
        // for JPA
    }

    private ModelVersion(UUID modelId, SemanticVersion version, String actor) {
        super(actor);
        this.modelId = modelId;
        this.version = version.toString();
        this.versionKey = version.sortKey();
        this.state = VersionState.DRAFT;
    }

    /**
     * Registers a new DRAFT version of a model.
     *
     * @throws org.modelregistry.api.problem.InvalidInputException naming every invalid field
     */
    public static ModelVersion register(Model model, CreateVersionRequest request, String actor) {
        return register(model.getId(), request, actor);
    }

    /** The same, for the model of that id (a registration needs its id only, not the loaded entity). */
    public static ModelVersion register(UUID modelId, CreateVersionRequest request, String actor) {
        FieldErrors errors = new FieldErrors();
        SemanticVersion semver = null;
        try {
            semver = SemanticVersion.parse(request.version());
        } catch (IllegalArgumentException e) {
            errors.add("version", e.getMessage());
        }
        String metadata = validate(errors, request);
        errors.throwIfAny();
        ModelVersion v = new ModelVersion(modelId, semver, actor);
        v.assign(request, metadata);
        return v;
    }

    /** Replaces the editable fields; only a DRAFT may change (409 otherwise). */
    public void revise(CreateVersionRequest values, String actor) {
        requireDraft("its metadata");
        FieldErrors errors = new FieldErrors();
        errors.check(version.equals(values.version()), "version", "is read-only");
        String metadata = validate(errors, values);
        errors.throwIfAny();
        assign(values, metadata);
        touch(actor);
    }

    /** Fails with 409 unless the version is a DRAFT: what leaves DRAFT is frozen. */
    public void requireDraft(String what) {
        if (state != VersionState.DRAFT) {
            throw new ConflictException(
                    "Version " + version + " is " + state + ": " + what + " can only change while it is DRAFT",
                    "state");
        }
    }

    /**
     * A move an owner requests (submit for review, withdraw, back to DRAFT after changes were requested, deprecate,
     * retire); anything else is a 409 that lists the moves allowed from here.
     */
    public void requestTransition(VersionState to, String actor) {
        requireRequestable(to);
        if (to == VersionState.IN_REVIEW) {
            reviewRound++; // decisions of earlier rounds do not count again
            submittedBy = actor;
        }
        state = to;
        touch(actor);
    }

    /** 409 with the allowed moves unless an owner may request the move from the current state. */
    public void requireRequestable(VersionState to) {
        if (!Lifecycle.isRequestable(state, to, contentFrozen)) {
            throw new TransitionNotAllowedException(
                    state.name(),
                    String.valueOf(to),
                    Lifecycle.requestable(state, contentFrozen).stream()
                            .map(Enum::name)
                            .toList(),
                    Lifecycle.whyNot(state, to, contentFrozen));
        }
    }

    /**
     * The outcome of reviewers' decisions; only a version in review has one. An approval freezes the content it
     * approved, named by its digest, for good.
     */
    public void decided(VersionState outcome, String approvedContentDigest, String actor) {
        if (state != VersionState.IN_REVIEW) {
            throw new ConflictException("Version " + version + " is " + state + ", not IN_REVIEW", "state");
        }
        if (outcome == VersionState.APPROVED) {
            if (approvedContentDigest == null) {
                throw new IllegalArgumentException("an approval names the content digest it approved");
            }
            contentFrozen = true;
            approvedDigest = approvedContentDigest;
        }
        state = outcome;
        touch(actor);
    }

    /** The digest of a version approved before digests were kept, taken when it is first checked. */
    public void recordApprovedDigest(String digest) {
        if (!contentFrozen || approvedDigest != null) {
            throw new IllegalStateException("only a frozen version without an approved digest takes one");
        }
        approvedDigest = digest;
    }

    public boolean isContentFrozen() {
        return contentFrozen;
    }

    public String getApprovedDigest() {
        return approvedDigest;
    }

    /** A successful production deployment: APPROVED becomes DEPLOYED (a DEPLOYED version stays so). */
    public boolean deployed(String actor) {
        if (state == VersionState.DEPLOYED) {
            return false;
        }
        if (state != VersionState.APPROVED) {
            throw new ConflictException(
                    "Version " + version + " is " + state + ": only an APPROVED version becomes" + " DEPLOYED",
                    "state");
        }
        state = VersionState.DEPLOYED;
        touch(actor);
        return true;
    }

    public int getReviewRound() {
        return reviewRound;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    private static String validate(FieldErrors errors, CreateVersionRequest r) {
        errors.check(
                r.commitSha() == null
                        || CatalogRules.COMMIT_SHA.matcher(r.commitSha()).matches(),
                "commitSha",
                "must be a full 40-character lower-case hexadecimal Git commit SHA");
        CatalogRules.description(errors, "description", r.description());
        CatalogRules.uri(errors, "sourceUri", r.sourceUri(), false);
        String json = r.metadata() == null ? "{}" : r.metadata().toString();
        errors.check(
                json.getBytes(StandardCharsets.UTF_8).length <= MAX_METADATA_BYTES,
                "metadata",
                "must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        errors.check(
                json.indexOf('\u0000') < 0 && !json.contains("\\u0000"), "metadata", "must not contain NUL characters");
        return json;
    }

    private void assign(CreateVersionRequest r, String metadataJson) {
        this.commitSha = r.commitSha();
        this.metadata = metadataJson;
        this.description = r.description();
        this.sourceUri = r.sourceUri();
    }

    public CreateVersionRequest editableValues() {
        return new CreateVersionRequest(version, commitSha, getMetadata(), description, sourceUri);
    }

    public UUID getModelId() {
        return modelId;
    }

    public String getVersion() {
        return version;
    }

    public String getVersionKey() {
        return versionKey;
    }

    public VersionState getState() {
        return state;
    }

    public String getCommitSha() {
        return commitSha;
    }

    public JsonObject getMetadata() {
        try (JsonReader reader = Json.createReader(new StringReader(metadata == null ? "{}" : metadata))) {
            return reader.readObject();
        }
    }

    public String getDescription() {
        return description;
    }

    public String getSourceUri() {
        return sourceUri;
    }
}
