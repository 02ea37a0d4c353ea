package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.domain.notification.MailMessage;
import org.modelregistry.domain.notification.MailMessageRepository;

/** {@link MailMessageRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaMailMessageRepository implements MailMessageRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public void addIfAbsent(MailMessage m) {
        em.createNamedQuery("MailMessage.insertIfAbsent")
                .setParameter(1, m.getId().toString())
                .setParameter(2, m.getEventSeq())
                .setParameter(3, m.getRecipient())
                .setParameter(4, m.getSubject())
                .setParameter(5, m.getBody())
                .setParameter(6, m.getState().name())
                .setParameter(7, m.getNextAttemptAt())
                .setParameter(8, m.getCreatedAt())
                .executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked") // a native query whose resultClass is MailMessage
    public List<MailMessage> claimDue(int max) {
        return em.createNamedQuery("MailMessage.claimDue").setParameter(1, max).getResultList();
    }

    @Override
    public Optional<OffsetDateTime> nextDue() {
        return NextDue.of(em.createNativeQuery("SELECT min(next_attempt_at) FROM mail_message WHERE state = 'PENDING'")
                .getSingleResult());
    }

    @Override
    public Optional<MailMessage> find(UUID id) {
        return Optional.ofNullable(em.find(MailMessage.class, id));
    }

    @Override
    public List<String> reviewersOf(UUID modelId) {
        return addresses("MailMessage.reviewersOfModel", modelId);
    }

    @Override
    public List<String> ownersOf(UUID modelId) {
        return addresses("MailMessage.ownersOfModel", modelId);
    }

    @SuppressWarnings("unchecked") // a native query of one text column
    private List<String> addresses(String query, UUID modelId) {
        return em.createNamedQuery(query).setParameter(1, modelId.toString()).getResultList();
    }
}
