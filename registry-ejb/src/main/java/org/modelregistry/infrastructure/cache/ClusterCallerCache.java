package org.modelregistry.infrastructure.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.modelregistry.domain.identity.UserGrant;

/**
 * The caller cache on the cluster's JCache, with the read cache's protocol ({@link EpochSlots}). Two kinds of entry:
 * {@code name:<username>} holds the user's id, {@code user:<id>} the grant. A membership names its user only by id,
 * so the grant is kept by id, and a change of memberships empties it without knowing the name; a change of the user
 * (state, administrator flag, creation, removal) empties both. A request reads the id by name, then the grant by id:
 * two reads of the local member, no database.
 *
 * <p>Follows the read cache's switch ({@link CatalogCache#enabled()}): off, every request reads the database.
 */
@ApplicationScoped
public class ClusterCallerCache implements CallerCache {

    public static final String CALLERS = "registry-callers";

    @EJB
    ClusterMember member;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    MetricRegistry metrics;

    @Inject
    CatalogCache catalog;

    private EpochSlots slots;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    @PostConstruct
    void start() {
        slots = new EpochSlots(
                name -> member.<String, String>cache(name),
                () -> transactions,
                ClusterCallerCache.class.getName() + ".pending");
        metrics.gauge(CacheMetrics.READS, hits::get, new Tag("cache", "callers"), new Tag("result", "hit"));
        metrics.gauge(CacheMetrics.READS, misses::get, new Tag("cache", "callers"), new Tag("result", "miss"));
    }

    @Override
    public Optional<UserGrant> user(String username, Supplier<Optional<UserGrant>> load) {
        if (!catalog.enabled()) {
            return load.get();
        }
        UserGrant[] loaded = new UserGrant[1];
        Optional<String> id = slots.read(
                CALLERS,
                byName(username),
                String.class,
                () -> load.get().map(grant -> {
                    loaded[0] = grant;
                    return grant.userId().toString();
                }),
                hits,
                misses);
        if (loaded[0] != null || id.isEmpty()) {
            // read from the database just now: its grant entry is filled by a later request, which takes its lease
            // before it reads (filling it from this read could put back a grant a commit has emptied since)
            return Optional.ofNullable(loaded[0]);
        }
        UUID userId = UUID.fromString(id.get());
        Optional<UserGrant> grant = slots.read(
                CALLERS,
                byId(userId),
                UserGrant.class,
                () -> load.get().filter(g -> g.userId().equals(userId)),
                hits,
                misses);
        // empty only when the name now belongs to another account than the one kept: ask the database
        return grant.isPresent() ? grant : load.get();
    }

    @Override
    public void userChanged(UUID userId, String username) {
        slots.emptyAfterCommit(CALLERS, byName(username));
        slots.emptyAfterCommit(CALLERS, byId(userId));
    }

    @Override
    public void membershipsChanged(UUID userId) {
        slots.emptyAfterCommit(CALLERS, byId(userId));
    }

    private static String byName(String username) {
        return "name:" + username;
    }

    private static String byId(UUID userId) {
        return "user:" + userId;
    }
}
