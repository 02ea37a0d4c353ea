package org.modelregistry.application.identity;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.identity.CreateUserRequest;
import org.modelregistry.api.identity.MembershipDto;
import org.modelregistry.api.identity.OrganizationDto;
import org.modelregistry.api.identity.StorageUsageDto;
import org.modelregistry.api.identity.UserDto;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.StorageQuotas;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditDiff;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.MergePatch;
import org.modelregistry.domain.shared.Revisions;

/** User and organization management, for registry administrators only; every change is audited. */
@Stateless
@Local(UserService.class)
public class UserServiceBean implements UserService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "username", "createdAt", "createdBy", "updatedAt", "revision");

    @Inject
    UserRepository users;

    @Inject
    ModelRepository catalog;

    @Inject
    CurrentCaller caller;

    @EJB
    StorageQuotas quotas;

    @Inject
    AuditTrail audit;

    @Inject
    IdentitySettings settings;

    @Override
    public UserDto create(CreateUserRequest request) {
        String actor = requireRegistryAdmin();
        if (request == null) {
            throw new BadRequestException("body", "a JSON object describing the user is required");
        }
        FieldErrors errors = new FieldErrors();
        errors.check(request.password() != null, "password", "is required");
        List<Membership> memberships = new ArrayList<>();
        errors.throwIfAny();
        User user = User.create(
                request.username(),
                request.displayName(),
                request.email(),
                request.password().toCharArray(),
                settings.pbkdf2Iterations(),
                actor);
        user.update(
                request.displayName(),
                request.email(),
                request.active() == null || request.active(),
                Boolean.TRUE.equals(request.registryAdmin()),
                actor);
        if (users.findByUsername(user.getUsername()).isPresent()) {
            throw new ConflictException("A user named " + user.getUsername() + " exists", "username");
        }
        memberships.addAll(resolve(user.getId(), request.memberships()));
        users.add(user);
        users.flush();
        users.replaceMemberships(user, memberships);
        audit.record(
                actor,
                "user.created",
                "user",
                user.getId(),
                null,
                Json.createObjectBuilder()
                        .add("username", user.getUsername())
                        .add("registryAdmin", user.isRegistryAdmin())
                        .add("memberships", memberships.size())
                        .build());
        return toDto(user);
    }

    @Override
    public UserDto get(UUID id) {
        requireRegistryAdmin();
        return toDto(find(id));
    }

    @Override
    public List<UserDto> list() {
        requireRegistryAdmin();
        return users.list(1000).stream().map(this::toDto).toList();
    }

    @Override
    public UserDto patch(UUID id, JsonObject mergePatch, Long expectedRevision) {
        String actor = requireRegistryAdmin();
        User user = find(id);
        Revisions.check(expectedRevision, user.getRowVersion());
        UserDto current = toDto(user);
        JsonObject editable = editable(current);
        CreateUserRequest values = CreateUserRequest.fromJson(MergePatch.apply(editable, mergePatch, READ_ONLY));
        boolean self = user.getUsername().equalsIgnoreCase(caller.get().username());
        if (self && (!Boolean.TRUE.equals(values.active()) || !Boolean.TRUE.equals(values.registryAdmin()))) {
            throw new ConflictException(
                    "Administrators cannot deactivate themselves or drop their own"
                            + " administrator flag; another administrator can",
                    "registryAdmin");
        }
        user.update(
                values.displayName(),
                values.email(),
                Boolean.TRUE.equals(values.active()),
                Boolean.TRUE.equals(values.registryAdmin()),
                actor);
        if (values.password() != null) {
            user.setPassword(values.password().toCharArray(), settings.pbkdf2Iterations(), actor);
        }
        if (mergePatch.containsKey("memberships")) {
            users.replaceMemberships(user, resolve(user.getId(), values.memberships()));
        }
        users.flush();
        JsonObject redacted = mergePatch.containsKey("password")
                ? Json.createObjectBuilder(mergePatch).add("password", "***").build()
                : mergePatch;
        UserDto updated = toDto(user);
        JsonObject changes = AuditDiff.changes(editable, editable(updated));
        audit.record(
                actor,
                "user.updated",
                "user",
                user.getId(),
                null,
                Json.createObjectBuilder()
                        .add("patch", redacted)
                        .add("changes", changes)
                        .add("passwordChanged", values.password() != null)
                        .build());
        return updated;
    }

    /** The fields an administrator may change (never the password, which is written apart). */
    private static JsonObject editable(UserDto user) {
        return JsonText.toObject(new CreateUserRequest(
                null, user.displayName(), user.email(), null, user.active(), user.registryAdmin(), user.memberships()));
    }

    @Override
    public OrganizationDto createOrganization(String slug, String displayName) {
        String actor = requireRegistryAdmin();
        Organization org = new Organization(slug, displayName);
        if (catalog.organization(slug).isPresent()) {
            throw new ConflictException("An organization " + slug + " exists", "slug");
        }
        catalog.add(org);
        catalog.flush();
        audit.record(
                actor,
                "organization.created",
                "organization",
                org.getId(),
                org.getId(),
                Json.createObjectBuilder().add("slug", slug).build());
        return toDto(org);
    }

    @Override
    public List<OrganizationDto> organizations() {
        Set<UUID> visible = caller.get().visibleOrganizations();
        return catalog.organizations().stream()
                .filter(o -> visible == null || visible.contains(o.getId()))
                .map(UserServiceBean::toDto)
                .toList();
    }

    @Override
    public StorageUsageDto storage(String organization) {
        Organization org = organizationBySlug(organization);
        Set<UUID> visible = caller.get().visibleOrganizations();
        if (visible != null && !visible.contains(org.getId())) {
            throw new NotFoundException("organization", organization); // others' tenants are not disclosed
        }
        return quotas.usage(org);
    }

    @Override
    public StorageUsageDto limitStorage(String organization, Long quotaBytes) {
        String actor = requireRegistryAdmin();
        Organization org = organizationBySlug(organization);
        Long before = org.getStorageQuotaBytes();
        org.limitStorage(quotaBytes);
        catalog.flush();
        audit.record(
                actor,
                "organization.storage-quota-set",
                "organization",
                org.getId(),
                org.getId(),
                Json.createObjectBuilder()
                        .add("slug", org.getSlug())
                        .add("before", before == null ? Json.createValue("default") : Json.createValue(before))
                        .add("after", quotaBytes == null ? Json.createValue("default") : Json.createValue(quotaBytes))
                        .build());
        return quotas.usage(org);
    }

    private Organization organizationBySlug(String slug) {
        return catalog.organization(slug).orElseThrow(() -> new NotFoundException("organization", slug));
    }

    private List<Membership> resolve(UUID userId, List<MembershipDto> requested) {
        List<Membership> out = new ArrayList<>();
        if (requested == null) {
            return out;
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < requested.size(); i++) {
            MembershipDto m = requested.get(i);
            var org = catalog.organization(m.organization());
            if (org.isEmpty()) {
                errors.add("memberships[" + i + "].organization", "no organization " + m.organization());
            } else if (out.stream()
                    .noneMatch(x -> x.getOrganizationId().equals(org.get().getId()) && x.getRole() == m.role())) {
                out.add(new Membership(userId, org.get().getId(), m.role()));
            }
        }
        errors.throwIfAny();
        return out;
    }

    private UserDto toDto(User u) {
        List<MembershipDto> memberships = users.memberships(u).stream()
                .map(m -> new MembershipDto(
                        catalog.organization(m.getOrganizationId())
                                .map(Organization::getSlug)
                                .orElse(null),
                        m.getRole()))
                .toList();
        return new UserDto(
                u.getId(),
                u.getUsername(),
                u.getDisplayName(),
                u.getEmail(),
                u.isActive(),
                u.isRegistryAdmin(),
                memberships,
                u.getCreatedAt(),
                u.getCreatedBy(),
                u.getUpdatedAt(),
                u.getRowVersion());
    }

    private static OrganizationDto toDto(Organization o) {
        return new OrganizationDto(o.getId(), o.getSlug(), o.getDisplayName(), o.getCreatedAt());
    }

    private User find(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    private String requireRegistryAdmin() {
        return caller.requireRegistryAdmin("users and organizations");
    }
}
