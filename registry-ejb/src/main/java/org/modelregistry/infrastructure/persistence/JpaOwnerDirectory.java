package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.domain.catalog.OwnerDirectory;
import org.modelregistry.domain.identity.ServiceAccount;

/** {@link OwnerDirectory} over the identity tables of the registry's persistence unit. */
@ApplicationScoped
public class JpaOwnerDirectory implements OwnerDirectory {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<Principal> owner(String name, UUID organizationId) {
        if (name.startsWith(ServiceAccount.PRINCIPAL_PREFIX)) {
            return first(em.createNativeQuery("SELECT id::text, 'svc+' || name FROM service_account WHERE name = ?"
                            + " AND organization_id = CAST(? AS uuid) AND revoked_at IS NULL AND expires_at > now()")
                    .setParameter(1, name.substring(ServiceAccount.PRINCIPAL_PREFIX.length()))
                    .setParameter(2, organizationId.toString())
                    .getResultList());
        }
        // user names are unique regardless of case: the owner is stored under the account's own spelling
        return first(em.createNativeQuery("SELECT u.id::text, u.username FROM app_user u WHERE lower(u.username) ="
                        + " lower(?) AND u.active AND (u.registry_admin OR EXISTS (SELECT 1 FROM membership m"
                        + " WHERE m.user_id = u.id AND m.organization_id = CAST(? AS uuid)))")
                .setParameter(1, name)
                .setParameter(2, organizationId.toString())
                .getResultList());
    }

    private static Optional<Principal> first(List<?> rows) {
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new Principal((String) r[1], UUID.fromString((String) r[0]));
        });
    }
}
