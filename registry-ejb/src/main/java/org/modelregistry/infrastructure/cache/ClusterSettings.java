package org.modelregistry.infrastructure.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * How this server finds the others (registry.cluster.*): the cluster's name, the address and port its member
 * listens on, and either a fixed member list (TCP-IP: loopback in tests, host names on VMs) or Kubernetes discovery
 * through a headless service. Multicast is never used. Alone by default: a member list that is empty makes a cluster of
 * one.
 */
@ApplicationScoped
public class ClusterSettings implements CheckedSettings {

    /** The member's instance name: Liberty's session cache finds the same member by it. */
    public static final String INSTANCE_NAME = "registry";

    @Inject
    @ConfigProperty(name = "registry.cluster.name", defaultValue = "model-registry")
    String name;

    @Inject
    @ConfigProperty(name = "registry.cluster.members")
    Optional<String> members;

    @Inject
    @ConfigProperty(name = "registry.cluster.port", defaultValue = "5701")
    int port;

    @Inject
    @ConfigProperty(name = "registry.cluster.interface", defaultValue = "127.0.0.1")
    String networkInterface;

    @Inject
    @ConfigProperty(name = "registry.cluster.discovery", defaultValue = "tcp")
    String discovery;

    @Inject
    @ConfigProperty(name = "registry.cluster.kubernetes.service-dns")
    Optional<String> serviceDns;

    /** How members find each other. */
    public enum Discovery {
        TCP,
        KUBERNETES
    }

    @Override
    public void check() {
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("registry.cluster.name: must be 1 to 64 characters");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("registry.cluster.port: not a port: " + port);
        }
        for (String member : members()) {
            int colon = member.lastIndexOf(':');
            if (colon == 0 || member.isBlank()) {
                throw new IllegalArgumentException("registry.cluster.members: not host[:port]: '" + member + "'");
            }
            if (colon > 0) {
                try {
                    int p = Integer.parseInt(member.substring(colon + 1));
                    if (p < 1 || p > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "registry.cluster.members: not host[:port]: '" + member + "'", e);
                }
            }
        }
        Discovery d = discovery();
        if (d == Discovery.KUBERNETES && serviceDns.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("registry.cluster.kubernetes.service-dns: needed when "
                    + "registry.cluster.discovery is kubernetes (the headless service's DNS name)");
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The address the member binds to and announces; {@code *} lets Hazelcast choose among the host's. */
    public String networkInterface() {
        return networkInterface.trim();
    }

    /** The other members (host[:port]), empty when this server is alone or discovery is Kubernetes. */
    public List<String> members() {
        List<String> list = new ArrayList<>();
        for (String m : members.orElse("").split(",")) {
            if (!m.isBlank()) {
                list.add(m.trim());
            }
        }
        return list;
    }

    public Discovery discovery() {
        try {
            return Discovery.valueOf(discovery.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "registry.cluster.discovery: must be 'tcp' or 'kubernetes', not '" + discovery + "'", e);
        }
    }

    public String serviceDns() {
        return serviceDns.orElse("").trim();
    }
}
