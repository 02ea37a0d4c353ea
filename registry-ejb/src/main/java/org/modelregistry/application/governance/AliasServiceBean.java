package org.modelregistry.application.governance;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.AliasService;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ApprovalExpiredException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.governance.AliasMove;
import org.modelregistry.domain.governance.Approval;
import org.modelregistry.domain.governance.ReviewRound;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.FieldErrors;

/**
 * Aliases and their history. Owners move ordinary aliases; protected ones ({@code registry.aliases.protected},
 * default {@code production}) only point at APPROVED or DEPLOYED versions and only a DEPLOYER (or a registry
 * administrator) moves them.
 */
@Stateless
@Local(AliasService.class)
public class AliasServiceBean implements AliasService {

    @Inject
    ModelRepository models;

    @Inject
    ModelAccess access;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @Inject
    Aliases aliases;

    @Inject
    ReviewedContent reviewed;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public AliasDto move(UUID modelId, String alias, String version) {
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "alias", alias);
        errors.check(version != null && !version.isBlank(), "version", "is required");
        errors.throwIfAny();
        Model model = mayMove(modelId, alias);
        ModelVersion v = models.findVersion(modelId, version)
                .orElseThrow(() -> new InvalidInputException("version", "model has no version " + version));
        if (aliases.isProtected(alias)
                && v.getState() != VersionState.APPROVED
                && v.getState() != VersionState.DEPLOYED) {
            throw new ConflictException(
                    "Alias " + alias + " is protected: it only points at APPROVED or DEPLOYED" + " versions, and "
                            + version + " is " + v.getState(),
                    "version");
        }
        Optional<Approval> approval = lastApproval(v);
        if (aliases.isProtected(alias)) {
            requireValidApproval(v);
        }
        reviewed.requireApprovedContent(v);
        AliasMove m = new AliasMove(
                modelId,
                alias,
                v.getId(),
                v.getVersion(),
                caller.get().username(),
                approval.map(Approval::getId).orElse(null));
        em.persist(m);
        audit.record(
                caller.get().username(),
                "alias.moved",
                "model",
                modelId,
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("alias", alias)
                        .add("version", v.getVersion())
                        .build());
        return toDto(m, approval);
    }

    @Override
    public void remove(UUID modelId, String alias) {
        Model model = mayMove(modelId, alias);
        if (aliases.current(modelId).get(alias) == null) {
            throw new NotFoundException("alias", alias);
        }
        em.persist(new AliasMove(modelId, alias, null, null, caller.get().username(), null));
        audit.record(
                caller.get().username(),
                "alias.removed",
                "model",
                modelId,
                model.getOrganizationId(),
                Json.createObjectBuilder().add("alias", alias).build());
    }

    @Override
    public List<AliasDto> list(UUID modelId) {
        access.visible(modelId);
        List<AliasDto> out = new ArrayList<>();
        for (AliasMove m : aliases.current(modelId).values()) {
            out.add(toDto(m, approvalOf(m)));
        }
        return out;
    }

    @Override
    public AliasDto get(UUID modelId, String alias, OffsetDateTime at) {
        access.visible(modelId);
        OffsetDateTime when = at == null ? OffsetDateTime.now() : at;
        AliasMove m = em.createQuery(
                        "SELECT m FROM AliasMove m WHERE m.modelId = :model AND m.alias = :alias"
                                + " AND m.movedAt <= :at ORDER BY m.movedAt DESC, m.id DESC",
                        AliasMove.class)
                .setParameter("model", modelId)
                .setParameter("alias", alias)
                .setParameter("at", when)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .filter(x -> x.getVersionId() != null)
                .orElseThrow(() -> new NotFoundException("alias", alias + (at == null ? "" : " at " + at)));
        return toDto(m, approvalOf(m));
    }

    @Override
    public List<AliasDto> history(UUID modelId, String alias, int limit) {
        access.visible(modelId);
        return em.createQuery(
                        "SELECT m FROM AliasMove m WHERE m.modelId = :model AND m.alias = :alias"
                                + " ORDER BY m.movedAt DESC, m.id DESC",
                        AliasMove.class)
                .setParameter("model", modelId)
                .setParameter("alias", alias)
                .setMaxResults(Math.max(1, Math.min(limit, 200)))
                .getResultStream()
                .map(m -> toDto(m, approvalOf(m)))
                .toList();
    }

    /** Protected aliases: DEPLOYER or registry administrator; others: the model's owners. */
    private Model mayMove(UUID modelId, String alias) {
        if (!aliases.isProtected(alias)) {
            return access.changeable(modelId);
        }
        Model model = access.visible(modelId);
        Caller who = caller.get();
        if (!who.registryAdmin() && !who.has(model.getOrganizationId(), Role.DEPLOYER)) {
            throw new ForbiddenException("Alias " + alias + " is protected: only a DEPLOYER moves it");
        }
        return model;
    }

    private Optional<Approval> lastApproval(ModelVersion v) {
        return em.createQuery(
                        "SELECT a FROM Approval a WHERE a.versionId = :v AND a.decision = :approve"
                                + " ORDER BY a.decidedAt DESC",
                        Approval.class)
                .setParameter("v", v.getId())
                .setParameter("approve", Decision.APPROVE)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** An expired approval ({@link ReviewRound#approvalExpiry}) keeps a version out of protected aliases. */
    private void requireValidApproval(ModelVersion v) {
        ReviewRound.approvalExpiry(em.createNamedQuery("Approval.findByRound", Approval.class)
                        .setParameter("versionId", v.getId())
                        .setParameter("round", v.getReviewRound())
                        .getResultList())
                .filter(expiry -> expiry.isBefore(OffsetDateTime.now()))
                .ifPresent(expiry -> {
                    throw new ApprovalExpiredException(v.getVersion(), expiry.toString());
                });
    }

    private Optional<Approval> approvalOf(AliasMove m) {
        return m.getApprovalId() == null
                ? Optional.empty()
                : Optional.ofNullable(em.find(Approval.class, m.getApprovalId()));
    }

    private static AliasDto toDto(AliasMove m, Optional<Approval> approval) {
        return new AliasDto(
                m.getAlias(),
                m.getVersion(),
                m.getMovedAt(),
                m.getMovedBy(),
                m.getApprovalId(),
                approval.map(Approval::getReviewer).orElse(null));
    }
}
