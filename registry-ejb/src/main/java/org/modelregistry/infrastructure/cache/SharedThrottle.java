package org.modelregistry.infrastructure.cache;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentMap;

/**
 * The stores of the throttles (sign-in lock-outs, per-address failures, per-principal request budgets) as maps of the
 * cluster, so that limits hold across servers: each is bounded (100,000 keys a member, the least
 * recently used forgotten first) and forgets a key unused for two hours (liberty-config/cluster's
 * registry-hazelcast.xml). A lost counter
 * (a member gone before its backup caught up) only gives a client a fresh budget, never a wrong refusal.
 */
@ApplicationScoped
public class SharedThrottle {

    /** Maps of this prefix are bounded and forget idle keys (registry-hazelcast.xml). */
    static final String MAP_PREFIX = "registry-throttle-";

    @EJB
    ClusterMember member;

    /** The cluster's store named {@code name}. */
    public <V> ConcurrentMap<String, V> store(String name) {
        return member.map(MAP_PREFIX + name);
    }
}
