package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.domain.notification.ClaimedDelivery;
import org.modelregistry.domain.notification.DeliveryState;
import org.modelregistry.domain.notification.WebhookDelivery;
import org.modelregistry.domain.notification.WebhookDeliveryAttempt;
import org.modelregistry.domain.notification.WebhookDeliveryRepository;

/** {@link WebhookDeliveryRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaWebhookDeliveryRepository implements WebhookDeliveryRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public void addIfAbsent(WebhookDelivery d) {
        em.createNamedQuery("WebhookDelivery.insertIfAbsent")
                .setParameter(1, d.getId().toString())
                .setParameter(2, d.getSubscriptionId().toString())
                .setParameter(3, d.getEventSeq())
                .setParameter(4, d.getEventType())
                .setParameter(5, d.getPayload())
                .setParameter(6, d.getState().name())
                .setParameter(7, d.getNextAttemptAt())
                .setParameter(8, d.getCreatedAt())
                .executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked") // a native query mapped to ClaimedDelivery by its @SqlResultSetMapping
    public List<ClaimedDelivery> claimDue(int max) {
        return em.createNamedQuery("WebhookDelivery.claimDue")
                .setParameter(1, max)
                .getResultList();
    }

    @Override
    public Optional<OffsetDateTime> nextDue() {
        // deliveries of disabled subscriptions are not claimed, so they are not due either
        Object due = em.createNativeQuery("SELECT min(d.next_attempt_at) FROM webhook_delivery d JOIN"
                        + " webhook_subscription s ON s.id = d.subscription_id WHERE d.state = 'PENDING' AND s.enabled")
                .getSingleResult();
        return NextDue.of(due);
    }

    @Override
    public Optional<WebhookDelivery> find(UUID id) {
        return Optional.ofNullable(em.find(WebhookDelivery.class, id));
    }

    @Override
    public List<WebhookDelivery> log(UUID subscriptionId, DeliveryState state, int limit) {
        TypedQuery<WebhookDelivery> q = state == null
                ? em.createNamedQuery("WebhookDelivery.findBySubscription", WebhookDelivery.class)
                : em.createNamedQuery("WebhookDelivery.findBySubscriptionAndState", WebhookDelivery.class)
                        .setParameter("state", state);
        return q.setParameter("subscriptionId", subscriptionId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void addAttemptIfAbsent(WebhookDeliveryAttempt a) {
        em.createNamedQuery("WebhookDeliveryAttempt.insertIfAbsent")
                .setParameter(1, a.getDeliveryId().toString())
                .setParameter(2, a.getAttempt())
                .setParameter(3, a.getStartedAt())
                .setParameter(4, a.getDurationMs())
                .setParameter(5, a.getHttpStatus())
                .setParameter(6, a.getError())
                .executeUpdate();
    }

    @Override
    public List<WebhookDeliveryAttempt> attempts(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery("WebhookDeliveryAttempt.findByDeliveries", WebhookDeliveryAttempt.class)
                .setParameter("deliveryIds", deliveryIds)
                .getResultList();
    }
}
