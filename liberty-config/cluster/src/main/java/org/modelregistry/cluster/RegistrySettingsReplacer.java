package org.modelregistry.cluster;

import com.hazelcast.config.replacer.spi.ConfigReplacer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Fills {@code $REGISTRY{key}} in the member's configuration from the registry's cluster settings, read as
 * MicroProfile Config reads them from the process: the JVM system property {@code registry.cluster.<key>} first,
 * then the environment variable {@code REGISTRY_CLUSTER_<KEY>} (upper case, dots and dashes as underscores). The
 * member starts before the application, so server.xml variables and bootstrap.properties do not reach it: the
 * application checks at start that its own view of the settings matches the running member's.
 *
 * <p>Keys: {@code name}, {@code port}, {@code members} (comma-separated host[:port]), {@code interface} (an address,
 * or {@code *} for any), {@code discovery} ({@code tcp} or {@code kubernetes}),
 * {@code kubernetes.service-dns}; and what the file needs derived from them: {@code tcp-ip-enabled},
 * {@code kubernetes-enabled}, {@code interface-enabled}, {@code bind-any}. A malformed value stops the member with a
 * message naming the setting.
 */
public class RegistrySettingsReplacer implements ConfigReplacer {

    private Function<String, String> source = RegistrySettingsReplacer::fromProcess;

    @Override
    public void init(Properties properties) {
        // nothing to configure: the settings come from the process
    }

    /** For tests: the settings from a map of {@code registry.cluster.*} names. */
    void useSettings(Map<String, String> settings) {
        source = settings::get;
    }

    @Override
    public String getPrefix() {
        return "REGISTRY";
    }

    @Override
    public String getReplacement(String key) {
        String discovery = setting("discovery", "tcp").toLowerCase(Locale.ROOT);
        if (!discovery.equals("tcp") && !discovery.equals("kubernetes")) {
            throw new IllegalArgumentException(
                    "registry.cluster.discovery: must be 'tcp' or 'kubernetes', not '" + discovery + "'");
        }
        String address = setting("interface", "127.0.0.1");
        boolean anyAddress = address.isEmpty() || address.equals("*");
        return switch (key) {
            case "name" -> name();
            case "port" -> String.valueOf(port(setting("port", "5701"), "registry.cluster.port"));
            // a member list names at least this member: Hazelcast refuses an empty one
            case "members" ->
                members().isEmpty()
                        ? (anyAddress ? "127.0.0.1" : address) + ":"
                                + port(setting("port", "5701"), "registry.cluster.port")
                        : String.join(",", members());
            case "interface" -> anyAddress ? "0.0.0.0" : address;
            case "interface-enabled" -> String.valueOf(!anyAddress);
            case "bind-any" -> String.valueOf(anyAddress);
            case "tcp-ip-enabled" -> String.valueOf(discovery.equals("tcp"));
            case "kubernetes-enabled" -> String.valueOf(discovery.equals("kubernetes"));
            case "kubernetes.service-dns" -> serviceDns(discovery);
            default -> throw new IllegalArgumentException("registry-hazelcast.xml names an unknown setting: " + key);
        };
    }

    private String name() {
        String name = setting("name", "model-registry");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("registry.cluster.name: must be 1 to 64 characters");
        }
        return name;
    }

    private String serviceDns(String discovery) {
        String dns = setting("kubernetes.service-dns", "");
        if (discovery.equals("kubernetes") && dns.isEmpty()) {
            throw new IllegalArgumentException("registry.cluster.kubernetes.service-dns: needed when "
                    + "registry.cluster.discovery is kubernetes (the headless service's DNS name)");
        }
        return dns.isEmpty() ? "unused" : dns;
    }

    private List<String> members() {
        List<String> list = new ArrayList<>();
        for (String m : setting("members", "").split(",")) {
            String member = m.trim();
            if (member.isEmpty()) {
                continue;
            }
            int colon = member.lastIndexOf(':');
            if (colon == 0) {
                throw new IllegalArgumentException("registry.cluster.members: not host[:port]: '" + member + "'");
            }
            if (colon > 0) {
                port(member.substring(colon + 1), "registry.cluster.members");
            }
            list.add(member);
        }
        return list;
    }

    private static int port(String value, String setting) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(setting + ": not a port: '" + value + "'");
    }

    private String setting(String key, String fallback) {
        String value = source.apply("registry.cluster." + key);
        return value == null ? fallback : value.trim();
    }

    private static String fromProcess(String name) {
        String value = System.getProperty(name);
        if (value != null) {
            return value;
        }
        return System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
}
