package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.domain.notification.WebhookSubscription;
import org.modelregistry.domain.notification.WebhookSubscriptionRepository;

/** {@link WebhookSubscriptionRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaWebhookSubscriptionRepository implements WebhookSubscriptionRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Optional<WebhookSubscription> find(UUID id) {
        return Optional.ofNullable(em.find(WebhookSubscription.class, id));
    }

    @Override
    public List<WebhookSubscription> list() {
        return em.createNamedQuery("WebhookSubscription.list", WebhookSubscription.class)
                .getResultList();
    }

    @Override
    public List<WebhookSubscription> enabled() {
        return em.createNamedQuery("WebhookSubscription.findEnabled", WebhookSubscription.class)
                .getResultList();
    }

    /** ON CONFLICT DO NOTHING: a taken name is an answer, not an error that would abort the transaction. */
    @Override
    public boolean add(WebhookSubscription s) {
        return em.createNamedQuery("WebhookSubscription.insertIfAbsent")
                        .setParameter(1, s.getId().toString())
                        .setParameter(2, s.getOrganization().getId().toString())
                        .setParameter(3, s.getName())
                        .setParameter(4, s.getUrl())
                        .setParameter(5, s.getSecret())
                        .setParameter(6, s.getEvents())
                        .setParameter(7, s.getModelGroups())
                        .setParameter(8, s.isEnabled())
                        .setParameter(9, s.getCreatedAt())
                        .setParameter(10, s.getCreatedBy())
                        .setParameter(11, s.getUpdatedAt())
                        .setParameter(12, s.getUpdatedBy())
                        .setParameter(13, s.isSecretsSealed())
                        .executeUpdate()
                == 1;
    }

    @Override
    public boolean flush() {
        try {
            em.flush();
            return true;
        } catch (OptimisticLockException e) {
            return false;
        }
    }
}
