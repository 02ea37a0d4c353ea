package org.modelregistry.application.identity;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.identity.CreateServiceAccountRequest;
import org.modelregistry.api.identity.CreatedServiceAccount;
import org.modelregistry.api.identity.ServiceAccountDto;
import org.modelregistry.api.identity.ServiceAccountService;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.ServiceAccount;
import org.modelregistry.domain.identity.UserRepository;

/** Service accounts for CI pipelines: created, listed and revoked by registry administrators; audited. */
@Stateless
@Local(ServiceAccountService.class)
public class ServiceAccountServiceBean implements ServiceAccountService {

    @Inject
    UserRepository users;

    @Inject
    ModelRepository catalog;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditTrail audit;

    @Override
    public CreatedServiceAccount create(CreateServiceAccountRequest request) {
        String actor = requireRegistryAdmin();
        if (request == null) {
            throw new BadRequestException("body", "a JSON object describing the service account is required");
        }
        Organization org = catalog.organization(request.organization())
                .orElseThrow(
                        () -> new InvalidInputException("organization", "no organization " + request.organization()));
        ServiceAccount.Created created =
                ServiceAccount.create(request.name(), org.getId(), request.role(), request.expiresInDays(), actor);
        if (users.serviceAccountByName(request.name()).isPresent()) {
            throw new ConflictException("A service account named " + request.name() + " exists", "name");
        }
        users.add(created.account());
        users.flush();
        audit.record(
                actor,
                "service-account.created",
                "service_account",
                created.account().getId(),
                org.getId(),
                Json.createObjectBuilder()
                        .add("name", request.name())
                        .add("role", request.role().name())
                        .add("keyPrefix", created.account().getKeyPrefix())
                        .build());
        return new CreatedServiceAccount(toDto(created.account()), created.apiKey());
    }

    @Override
    public List<ServiceAccountDto> list() {
        requireRegistryAdmin();
        return users.serviceAccounts().stream().map(this::toDto).toList();
    }

    @Override
    public void revoke(UUID id) {
        String actor = requireRegistryAdmin();
        ServiceAccount sa = users.serviceAccount(id).orElseThrow(() -> new NotFoundException("service account", id));
        sa.revoke(actor);
        users.flush();
        audit.record(
                actor,
                "service-account.revoked",
                "service_account",
                id,
                sa.getOrganizationId(),
                Json.createObjectBuilder().add("name", sa.getName()).build());
    }

    private ServiceAccountDto toDto(ServiceAccount sa) {
        return new ServiceAccountDto(
                sa.getId(),
                sa.getName(),
                sa.principal(),
                catalog.organization(sa.getOrganizationId())
                        .map(Organization::getSlug)
                        .orElse(null),
                sa.getRole(),
                sa.getKeyPrefix(),
                sa.getExpiresAt(),
                sa.getRevokedAt(),
                sa.getLastUsedAt(),
                sa.getCreatedAt(),
                sa.getCreatedBy());
    }

    private String requireRegistryAdmin() {
        return caller.requireRegistryAdmin("service accounts");
    }
}
