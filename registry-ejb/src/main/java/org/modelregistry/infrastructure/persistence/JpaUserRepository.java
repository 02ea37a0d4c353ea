package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.ServiceAccount;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;

/** {@link UserRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<User> findByUsername(String username) {
        return em.createNamedQuery("User.findByUsername", User.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Membership> memberships(User user) {
        return em.createNamedQuery("Membership.findByUser", Membership.class)
                .setParameter("userId", user.getId())
                .getResultList();
    }

    @Override
    public Optional<User> find(UUID id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    @Override
    public List<User> list(int limit) {
        return em.createQuery("SELECT u FROM User u ORDER BY u.username", User.class)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void replaceMemberships(User user, List<Membership> memberships) {
        memberships(user).forEach(em::remove);
        em.flush(); // the removals go first: a replacement may reuse a key
        memberships.forEach(em::persist);
    }

    @Override
    public Optional<ServiceAccount> serviceAccountByPrefix(String keyPrefix) {
        return em.createNamedQuery("ServiceAccount.findByPrefix", ServiceAccount.class)
                .setParameter("prefix", keyPrefix)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<ServiceAccount> serviceAccountByName(String name) {
        return em.createNamedQuery("ServiceAccount.findByName", ServiceAccount.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<ServiceAccount> serviceAccount(UUID id) {
        return Optional.ofNullable(em.find(ServiceAccount.class, id));
    }

    @Override
    public List<ServiceAccount> serviceAccounts() {
        return em.createQuery("SELECT s FROM ServiceAccount s ORDER BY s.name", ServiceAccount.class)
                .getResultList();
    }

    @Override
    public void awaitBootstrapTurn() {
        // a transaction-scoped advisory lock: released by the commit, whatever happens
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(hashtext('registry.admin-bootstrap')) AS text)")
                .getSingleResult();
    }

    @Override
    public void add(Object entity) {
        em.persist(entity);
    }

    @Override
    public void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (PersistenceErrors.isUniqueViolation(e)) {
                throw new ConflictException("The name is taken", "username");
            }
            throw e;
        }
    }
}
