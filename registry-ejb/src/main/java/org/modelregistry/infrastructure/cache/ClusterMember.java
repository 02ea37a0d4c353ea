package org.modelregistry.infrastructure.cache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.modelregistry.api.common.ClusterMemberInfo;

/**
 * This server's Hazelcast member. The member belongs to the server, not to the application: Liberty's session cache
 * (the console's HTTP sessions, server.xml) creates it when the server starts, from {@code registry-hazelcast.xml}
 * filled with the registry's settings (liberty-config/cluster), and the application finds it by its instance name.
 * Where no session cache made it (a server without that feature), the application creates it from the same file. It
 * is never shut down when the application stops; Hazelcast's shutdown hook leaves the cluster gracefully when the JVM
 * ends, handing this member's partitions to the others first.
 *
 * <p>The settings reach the member as system properties or environment variables only (it starts before the
 * application); {@link #start} checks that MicroProfile Config sees the same cluster name and port, and refuses to
 * start otherwise, so a setting given where the member cannot see it is not silently ignored.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class ClusterMember {

    private static final Logger LOG = Logger.getLogger(ClusterMember.class.getName());
    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
    static final String CONFIG = "registry-hazelcast.xml";

    @Inject
    ClusterSettings settings;

    private HazelcastInstance instance;
    private CacheManager caches;

    @PostConstruct
    void start() {
        settings.check();
        HazelcastInstance existing = Hazelcast.getHazelcastInstanceByName(ClusterSettings.INSTANCE_NAME);
        if (existing != null && existing.getLifecycleService().isRunning()) {
            instance = existing;
        } else {
            long started = System.nanoTime();
            instance = Hazelcast.newHazelcastInstance(
                    new ClasspathXmlConfig(Thread.currentThread().getContextClassLoader(), CONFIG));
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(() -> "Cluster member started in " + millis + " ms");
        }
        Config running = instance.getConfig();
        if (!running.getClusterName().equals(settings.name())
                || running.getNetworkConfig().getPort() != settings.port()) {
            throw new IllegalStateException("the cluster member runs as cluster '" + running.getClusterName()
                    + "' on port " + running.getNetworkConfig().getPort() + " but registry.cluster.name is '"
                    + settings.name() + "' and registry.cluster.port " + settings.port()
                    + ": give the registry.cluster.* settings as environment variables (REGISTRY_CLUSTER_*) or JVM"
                    + " system properties, which the member (started before the application) reads too");
        }
        LOG.info(() ->
                "Cluster '" + settings.name() + "': this member " + localAddress() + "; members " + memberAddresses());
        CachingProvider provider = Caching.getCachingProvider(MEMBER_PROVIDER, Hazelcast.class.getClassLoader());
        // the provider's default URI and class loader: a cache manager of another scope prefixes its caches' names
        // with it (an application class loader's name differs from server to server), and the servers would each
        // empty a cache of their own
        caches = provider.getCacheManager(
                provider.getDefaultURI(),
                provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceName(ClusterSettings.INSTANCE_NAME));
    }

    public HazelcastInstance instance() {
        return instance;
    }

    /** A JCache cache of the registry, configured in {@link #config}. */
    public <K, V> Cache<K, V> cache(String name) {
        return caches.getCache(name);
    }

    /** A map of the cluster (the throttles' counters). */
    public <K, V> IMap<K, V> map(String name) {
        return instance.getMap(name);
    }

    /** The members the cluster has now, this one first. */
    public List<ClusterMemberInfo> members() {
        List<ClusterMemberInfo> list = new ArrayList<>();
        if (instance == null || !instance.getLifecycleService().isRunning()) {
            return list;
        }
        for (Member m : instance.getCluster().getMembers()) {
            ClusterMemberInfo info = new ClusterMemberInfo(
                    m.getUuid().toString(),
                    m.getAddress().getHost() + ":" + m.getAddress().getPort(),
                    m.localMember(),
                    m.getVersion().toString());
            if (m.localMember()) {
                list.add(0, info);
            } else {
                list.add(info);
            }
        }
        return list;
    }

    /** Whether this member runs and is part of a cluster (a lone member is a cluster of one). */
    public boolean running() {
        return instance != null && instance.getLifecycleService().isRunning();
    }

    public String clusterName() {
        return settings.name();
    }

    private String localAddress() {
        var a = instance.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    private List<String> memberAddresses() {
        return members().stream().map(ClusterMemberInfo::address).toList();
    }
}
