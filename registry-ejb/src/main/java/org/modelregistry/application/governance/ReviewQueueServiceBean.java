package org.modelregistry.application.governance;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.governance.PendingReviewDto;
import org.modelregistry.api.governance.ReviewQueueService;
import org.modelregistry.api.identity.Role;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.SqlValues;

/**
 * The caller's review queue: what {@link LifecycleServiceBean#decide} would accept from them now. Deciding takes the
 * REVIEWER role in the model's organization (an administrator without it cannot decide, so sees no queue there).
 */
@Stateless
@Local(ReviewQueueService.class)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ReviewQueueServiceBean implements ReviewQueueService {

    @Inject
    CurrentCaller caller;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<PendingReviewDto> waitingForMe(Integer limit) {
        Caller who = caller.get();
        String reviewing = who.roles().entrySet().stream()
                .filter(e -> e.getValue().contains(Role.REVIEWER))
                .map(Map.Entry::getKey)
                .map(UUID::toString)
                .collect(Collectors.joining(","));
        if (reviewing.isEmpty()) {
            return List.of();
        }
        int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNamedQuery("ReviewSnapshot.waitingFor")
                .setParameter(1, who.username())
                .setParameter(2, "{" + reviewing + "}")
                .setParameter(3, n)
                .getResultList();
        return rows.stream()
                .map(r -> new PendingReviewDto(
                        SqlValues.uuid((String) r[1]),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        RiskTier.valueOf((String) r[5]),
                        ((Number) r[6]).intValue(),
                        (String) r[7],
                        SqlValues.time(r[0])))
                .toList();
    }
}
