package org.modelregistry.application.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.modelregistry.api.common.DailyCountDto;
import org.modelregistry.api.common.FailureDto;
import org.modelregistry.api.common.RecentFailuresDto;
import org.modelregistry.api.common.RecentFailuresQuery;
import org.modelregistry.domain.shared.SqlValues;

/**
 * Runs a context's two named native queries of recent failures (the latest ones, and their number per day) within the
 * organizations a caller may see. Each context owns its queries, on its entity; they share this shape:
 *
 * <ul>
 *   <li>both take {@code ?1} true for every organization (a registry administrator), {@code ?2} the organization ids
 *       as a PostgreSQL array literal, {@code ?3} the limit (latest) or the number of days, today included (per day);
 *   <li>the latest query returns {@code at, model_id, model_group, model, version, subject, reason}, newest first;
 *   <li>the per-day query returns {@code day} (text, {@code YYYY-MM-DD}, UTC) and {@code n}.
 * </ul>
 *
 * Both read partial indexes of the failed rows only (V26), so they cost what the failures cost, not the table.
 */
@ApplicationScoped
public class RecentFailures {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    /**
     * @param visible the caller's organizations; null for all of them
     * @param given the limit and the days; null for the defaults
     */
    public RecentFailuresDto query(
            String latestQuery, String perDayQuery, Set<UUID> visible, RecentFailuresQuery given) {
        RecentFailuresQuery q = given == null ? new RecentFailuresQuery(null, null) : given;
        int days = q.daysOrDefault();
        if (visible != null && visible.isEmpty()) {
            return new RecentFailuresDto(List.of(), zeros(days, Map.of()));
        }
        boolean all = visible == null;
        String organizations =
                all ? "{}" : visible.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNamedQuery(latestQuery)
                .setParameter(1, all)
                .setParameter(2, organizations)
                .setParameter(3, q.limitOrDefault())
                .getResultList();
        List<FailureDto> latest = rows.stream()
                .map(r -> new FailureDto(
                        SqlValues.time(r[0]),
                        SqlValues.uuid((String) r[1]),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (String) r[6]))
                .toList();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNamedQuery(perDayQuery)
                .setParameter(1, all)
                .setParameter(2, organizations)
                .setParameter(3, days)
                .getResultList();
        Map<LocalDate, Long> byDay = new HashMap<>();
        counts.forEach(r -> byDay.put(LocalDate.parse((String) r[0]), ((Number) r[1]).longValue()));
        return new RecentFailuresDto(latest, zeros(days, byDay));
    }

    /** Every day of the window, oldest first, with its count or zero. */
    static List<DailyCountDto> zeros(int days, Map<LocalDate, Long> counts) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DailyCountDto> all = new ArrayList<>(days);
        for (int i = days - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            all.add(new DailyCountDto(day, counts.getOrDefault(day, 0L)));
        }
        return all;
    }
}
