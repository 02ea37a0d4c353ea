package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;

/** {@link UserRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<User> findByUsername(String username) {
        return em.createNamedQuery("User.findByUsername", User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    @Override
    public List<Membership> memberships(User user) {
        return em.createNamedQuery("Membership.findByUser", Membership.class).setParameter("userId", user.getId())
                .getResultList();
    }

    @Override
    public void add(Object entity) {
        em.persist(entity);
    }
}
