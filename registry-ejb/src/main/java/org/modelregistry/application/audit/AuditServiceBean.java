package org.modelregistry.application.audit;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.audit.AuditArchiveDto;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.api.audit.AuditSearchRequest;
import org.modelregistry.api.audit.AuditSearchResultDto;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.domain.audit.AuditEvent;
import org.modelregistry.domain.audit.AuditFilter;
import org.modelregistry.domain.audit.AuditRecord;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.domain.audit.RefusedRequest;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.config.ApiSettings;

/**
 * The audit log's service: decides who may read, verify, archive and checkpoint what, lists records, and hands the
 * rest to the bean whose job it is ({@link AuditVerifier}, {@link AuditArchives}, {@link AuditCheckpoints},
 * {@link AttemptLog}).
 */
@Stateless
@Local(AuditService.class)
public class AuditServiceBean implements AuditService {

    @Inject
    CurrentCaller caller;

    @Inject
    ApiSettings api;

    @Inject
    ModelRepository models;

    @Inject
    AuditRepository log;

    @Inject
    AuditVerifier verifier;

    @EJB
    AttemptLog attempts;

    @EJB
    AuditCheckpoints checkpoints;

    @EJB
    AuditArchives archives;

    @Inject
    AuditIndexSearch indexed;

    @Override
    public Page<AuditRecordDto> search(
            String actor,
            String action,
            UUID objectId,
            String text,
            OffsetDateTime from,
            OffsetDateTime to,
            Integer limit,
            String cursor) {
        Caller who = requireAuditor();
        int size = Cursor.limit(limit, api.defaultPageSize(), api.maxPageSize());
        List<String> after = Cursor.decode("audit", cursor, 1);
        Set<UUID> audited = audited(who);
        List<String> orgs =
                audited == null ? null : audited.stream().map(UUID::toString).toList();
        if (text != null && !text.isBlank() && text.length() > 200) {
            throw new InvalidInputException("q", "at most 200 characters");
        }
        UUID afterId = after == null ? null : Cursor.uuid(after.get(0));
        List<AuditRecord> rows =
                log.search(new AuditFilter(orgs, actor, action, objectId, text, from, to, afterId), size + 1);
        List<AuditRecordDto> items = rows.subList(0, Math.min(size, rows.size())).stream()
                .map(AuditRecordMapper::toDto)
                .toList();
        String next = rows.size() > size
                ? Cursor.encode("audit", items.get(size - 1).id().toString())
                : null;
        return new Page<>(items, next);
    }

    @Override
    public AuditSearchResultDto searchIndexed(AuditSearchRequest request) {
        return indexed.search(request, audited(requireAuditor()));
    }

    /**
     * The organizations whose records the caller may read: those where they are AUDITOR; null for a registry
     * administrator (every record, those of no organization included). The listing and the search share it.
     */
    private static Set<UUID> audited(Caller who) {
        return who.registryAdmin()
                ? null
                : who.roles().entrySet().stream()
                        .filter(e -> e.getValue().contains(Role.AUDITOR))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toUnmodifiableSet());
    }

    private Caller requireAuditor() {
        Caller who = caller.get();
        boolean auditor = who.roles().values().stream().anyMatch(r -> r.contains(Role.AUDITOR));
        if (!who.registryAdmin() && !auditor) {
            throw new ForbiddenException("Reading the audit log takes the AUDITOR role or a registry administrator");
        }
        return who;
    }

    @Override
    public AuditVerification verify(OffsetDateTime from, OffsetDateTime to, String organization) {
        Caller who = requireAuditor();
        return verifier.verify(from, to, verifiedOrganization(who, organization));
    }

    /**
     * Without an organization: the whole registry, for registry administrators. With one (id or slug): for its
     * auditors; anyone else learns nothing about it, not even that it exists.
     */
    private UUID verifiedOrganization(Caller who, String organization) {
        if (organization == null || organization.isBlank()) {
            if (!who.registryAdmin()) {
                throw new ForbiddenException("Verifying the whole registry's audit log takes a registry"
                        + " administrator; an auditor verifies the records of an organization (organization=<id>)");
            }
            return null;
        }
        UUID id = RefusedRequest.uuid(organization.trim());
        var found = id != null ? models.organization(id) : models.organization(organization.trim());
        UUID org = found.map(Organization::getId).orElse(null);
        if (org == null
                || !(who.registryAdmin()
                        || who.roles().getOrDefault(org, Set.of()).contains(Role.AUDITOR))) {
            throw new NotFoundException("organization", organization);
        }
        return org;
    }

    @Override
    public List<AuditArchiveDto> archives() {
        requireAuditor();
        return archives.list();
    }

    @Override
    public AuditArchiveDto archive(String month) {
        return archives.archive(month);
    }

    @Override
    public AuditArchiveDto dropPartition(String month) {
        return archives.drop(month);
    }

    @Override
    public AuditCheckpointDto checkpoint() {
        if (!caller.get().registryAdmin()) {
            throw new ForbiddenException("Checkpoints are taken by registry administrators");
        }
        return checkpoints.checkpoint();
    }

    @Override
    public List<AuditCheckpointDto> checkpoints() {
        requireAuditor();
        return checkpoints.stored();
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefused(String actor, String method, String path, int status, String problemType) {
        RefusedRequest target = RefusedRequest.of(path);
        UUID organization = null;
        if (target.namesModel()) {
            organization = models.findModel(target.objectId())
                    .map(Model::getOrganizationId)
                    .orElse(null);
        }
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("method", method)
                .add("path", path.length() > 512 ? path.substring(0, 512) : path)
                .add("status", status);
        if (problemType != null) {
            details.add("problem", problemType);
        }
        attempts.refused(
                actor == null || actor.isBlank() ? "anonymous" : actor,
                "request.refused",
                target.objectType(),
                target.objectId(),
                organization,
                details.build(),
                status == 401 || status == 403 ? AuditEvent.DENIED : AuditEvent.FAILED);
    }
}
