package org.modelregistry.deploy;

import static org.modelregistry.deploy.YamlFiles.at;
import static org.modelregistry.deploy.YamlFiles.list;
import static org.modelregistry.deploy.YamlFiles.map;
import static org.modelregistry.deploy.YamlFiles.string;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code docker/compose.yaml} with {@code docker/nginx.conf} and {@code docker/env.example}: services
 * name each other by names that exist, the registry servers read only settings the registry has, form one cluster,
 * sit behind nginx, and take every secret from the uncommitted {@code .env} file.
 */
final class ComposeChecks {

    static final String COMPOSE = "docker/compose.yaml";
    static final String NGINX = "docker/nginx.conf";
    static final String ENV_EXAMPLE = "docker/env.example";
    private static final String DOCKERFILE = "docker/Dockerfile";
    private static final int HTTP_PORT = 9080;
    private static final String HAZELCAST_PORT = "5701";
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY)$");
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+([\\w-]+)\\s*\\{([^}]*)}");
    private static final Pattern UPSTREAM_SERVER =
            Pattern.compile("^\\s*server\\s+([\\w.-]+):(\\d+)", Pattern.MULTILINE);
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://([\\w-]+)\\s*;");

    private final Map<String, Object> compose;
    private final String nginx;
    private final String envExample;
    private final KnownSettings settings;
    private final List<String> problems = new ArrayList<>();

    ComposeChecks(String composeText, String nginxText, String envExampleText, KnownSettings settings) {
        this.compose = YamlFiles.documents(composeText).get(0);
        this.nginx = nginxText;
        this.envExample = envExampleText;
        this.settings = settings;
    }

    Set<String> services() {
        return map(compose.get("services")).keySet();
    }

    /** The services built from docker/Dockerfile: the registry servers. */
    List<String> registryServers() {
        return services().stream()
                .filter(s -> DOCKERFILE.equals(string(at(service(s), "build.dockerfile"))))
                .toList();
    }

    List<String> problems() {
        problems.clear();
        for (String name : services()) {
            checkService(name);
        }
        checkRegistryServers();
        checkNginx();
        return List.copyOf(problems);
    }

    private Map<String, Object> service(String name) {
        return map(map(compose.get("services")).get(name));
    }

    private Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object value = service(name).get("environment");
        if (value instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] pair = String.valueOf(entry).split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        } else {
            map(value).forEach((k, v) -> env.put(k, string(v)));
        }
        return env;
    }

    private void checkService(String name) {
        Map<String, Object> service = service(name);
        if (!service.containsKey("image") && !service.containsKey("build")) {
            problems.add(name + ": neither image nor build");
        }
        Object dependsOn = service.get("depends_on");
        Set<String> dependencies = dependsOn instanceof List<?> l
                ? new TreeSet<>(l.stream().map(String::valueOf).toList())
                : map(dependsOn).keySet();
        for (String dependency : dependencies) {
            if (!services().contains(dependency)) {
                problems.add(name + ": depends_on " + dependency + ", which is no service");
            }
        }
        Object networks = service.get("networks");
        Set<String> networkNames = networks instanceof List<?> l
                ? new TreeSet<>(l.stream().map(String::valueOf).toList())
                : map(networks).keySet();
        for (String network : networkNames) {
            if (!map(compose.get("networks")).containsKey(network)) {
                problems.add(name + ": network " + network + " is not declared");
            }
        }
        for (Object volume : list(service.get("volumes"))) {
            String source = String.valueOf(volume).split(":")[0];
            if (!source.startsWith(".")
                    && !source.startsWith("/")
                    && !map(compose.get("volumes")).containsKey(source)) {
                problems.add(name + ": volume " + source + " is not declared");
            }
        }
        for (Object port : list(service.get("ports"))) {
            if (!String.valueOf(port).startsWith("127.0.0.1:")) {
                problems.add(name + ": publishes " + port + " beyond the host's loopback");
            }
        }
        environment(name).forEach((key, value) -> checkSecret(name, key, value));
    }

    /** A secret comes from .env (${NAME:?message}), never written into the compose file. */
    private void checkSecret(String service, String key, String value) {
        if (!SECRET_NAME.matcher(key).matches()) {
            return;
        }
        Matcher required = value == null ? null : REQUIRED.matcher(value);
        if (required == null || !required.matches()) {
            problems.add(service + ": " + key + " is written in the compose file; take it from .env as ${NAME:?...}");
        } else if (!envExample.lines().anyMatch(l -> l.startsWith(required.group(1) + "="))) {
            problems.add(
                    service + ": " + key + " reads " + required.group(1) + ", which " + ENV_EXAMPLE + " does not list");
        }
    }

    private void checkRegistryServers() {
        List<String> servers = registryServers();
        if (servers.size() < 2) {
            problems.add("fewer than two registry servers (services built from " + DOCKERFILE + "): " + servers);
        }
        Set<String> serverIds = new HashSet<>();
        for (String server : servers) {
            Map<String, String> env = environment(server);
            env.keySet().stream()
                    .filter(k -> k.startsWith("REGISTRY_") && !settings.reads(k))
                    .forEach(k -> problems.add(
                            server + ": " + k + " is no setting of the registry" + " (docs/configuration.md)"));
            checkHost(server, "REGISTRY_DB_URL", jdbcHost(env.get("REGISTRY_DB_URL")));
            checkHost(server, "REGISTRY_JMS_HOST", env.get("REGISTRY_JMS_HOST"));
            checkHost(server, "REGISTRY_STORAGE_S3_ENDPOINT", urlHost(env.get("REGISTRY_STORAGE_S3_ENDPOINT")));
            for (String host : split(env.get("REGISTRY_SEARCH_ELASTICSEARCH_HOSTS"))) {
                checkHost(server, "REGISTRY_SEARCH_ELASTICSEARCH_HOSTS", host.split(":")[0]);
            }
            if (!"elasticsearch".equals(env.get("REGISTRY_SEARCH_BACKEND"))) {
                problems.add(server + ": REGISTRY_SEARCH_BACKEND is not elasticsearch (one index for all servers)");
            }
            if (env.get("REGISTRY_STORAGE_URL") == null
                    || !env.get("REGISTRY_STORAGE_URL").startsWith("s3://")) {
                problems.add(server + ": REGISTRY_STORAGE_URL is not s3://... (one store for all servers)");
            }
            if (!serverIds.add(String.valueOf(env.get("REGISTRY_SERVER_ID")))) {
                problems.add(server + ": REGISTRY_SERVER_ID " + env.get("REGISTRY_SERVER_ID") + " is not unique");
            }
            checkClusterMembers(server, env, servers);
        }
        for (String same : List.of("REGISTRY_CLUSTER_NAME", "REGISTRY_SECRETS_KEY", "REGISTRY_DB_URL")) {
            Set<String> values = new HashSet<>();
            servers.forEach(s -> values.add(environment(s).get(same)));
            if (values.size() != 1 || values.contains(null)) {
                problems.add(same + " differs between the registry servers (or is missing): " + values);
            }
        }
    }

    private void checkClusterMembers(String server, Map<String, String> env, List<String> servers) {
        Set<String> members = new TreeSet<>();
        for (String member : split(env.get("REGISTRY_CLUSTER_MEMBERS"))) {
            String[] hostPort = member.split(":");
            members.add(hostPort[0]);
            if (!servers.contains(hostPort[0]) || hostPort[0].equals(server)) {
                problems.add(server + ": REGISTRY_CLUSTER_MEMBERS names " + member + ", which is not another"
                        + " registry server");
            } else if (hostPort.length > 1 && !hostPort[1].equals(HAZELCAST_PORT)) {
                problems.add(server + ": REGISTRY_CLUSTER_MEMBERS names " + member + ", not the Hazelcast port "
                        + HAZELCAST_PORT);
            }
        }
        Set<String> others = new TreeSet<>(servers);
        others.remove(server);
        if (!members.containsAll(others)) {
            problems.add(server + ": REGISTRY_CLUSTER_MEMBERS " + members + " leaves out " + others);
        }
        String address = ipv4Address(server);
        if (address == null || !address.equals(env.get("REGISTRY_CLUSTER_INTERFACE"))) {
            problems.add(server + ": REGISTRY_CLUSTER_INTERFACE " + env.get("REGISTRY_CLUSTER_INTERFACE")
                    + " is not its address on the network, " + address);
        }
    }

    private void checkHost(String server, String setting, String host) {
        if (host == null || !services().contains(host)) {
            problems.add(server + ": " + setting + " names the host " + host + ", which is no service");
        }
    }

    /** nginx proxies to an upstream of exactly the registry servers, and the registry trusts nginx's address. */
    private void checkNginx() {
        String proxy = services().stream()
                .filter(s -> String.valueOf(service(s).get("image")).startsWith("nginx"))
                .findFirst()
                .orElse(null);
        if (proxy == null) {
            problems.add("no nginx service in front of the registry servers");
            return;
        }
        boolean mounted = list(service(proxy).get("volumes")).stream()
                .anyMatch(v -> String.valueOf(v).startsWith("./nginx.conf:/etc/nginx/nginx.conf"));
        if (!mounted) {
            problems.add(proxy + ": does not mount ./nginx.conf as /etc/nginx/nginx.conf");
        }
        Map<String, Set<String>> upstreams = new LinkedHashMap<>();
        Matcher u = UPSTREAM.matcher(nginx);
        while (u.find()) {
            Set<String> servers = new TreeSet<>();
            Matcher s = UPSTREAM_SERVER.matcher(u.group(2));
            while (s.find()) {
                servers.add(s.group(1));
                if (Integer.parseInt(s.group(2)) != HTTP_PORT) {
                    problems.add(NGINX + ": upstream " + u.group(1) + " server " + s.group(1) + ":" + s.group(2)
                            + " is not the registry's HTTP port " + HTTP_PORT);
                }
                if (!services().contains(s.group(1))) {
                    problems.add(NGINX + ": upstream " + u.group(1) + " names " + s.group(1) + ", which is no service");
                }
            }
            upstreams.put(u.group(1), servers);
        }
        Matcher pass = PROXY_PASS.matcher(nginx);
        while (pass.find()) {
            Set<String> servers = upstreams.get(pass.group(1));
            if (servers == null || !servers.equals(new TreeSet<>(registryServers()))) {
                problems.add(NGINX + ": proxy_pass to " + pass.group(1) + ", whose servers " + servers
                        + " are not the registry servers " + registryServers());
            }
        }
        if (upstreams.isEmpty()) {
            problems.add(NGINX + ": no upstream");
        }
        Set<String> dependencies = map(service(proxy).get("depends_on")).keySet();
        if (!dependencies.containsAll(registryServers())) {
            problems.add(proxy + ": does not wait for every registry server (depends_on " + dependencies + ")");
        }
        String address = ipv4Address(proxy);
        for (String server : registryServers()) {
            String trusted = environment(server).get("REGISTRY_HTTP_TRUSTED_PROXIES");
            if (address == null
                    || trusted == null
                    || !Pattern.compile(trusted).matcher(address).matches()) {
                problems.add(server + ": REGISTRY_HTTP_TRUSTED_PROXIES " + trusted + " does not match nginx's address "
                        + address + " (the clients' addresses would be nginx's)");
            }
        }
    }

    private String ipv4Address(String service) {
        Object networks = service(service).get("networks");
        if (!(networks instanceof Map)) {
            return null;
        }
        return map(networks).values().stream()
                .map(n -> string(map(n).get("ipv4_address")))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String jdbcHost(String url) {
        return url == null || !url.startsWith("jdbc:") ? null : urlHost(url.substring("jdbc:".length()));
    }

    private static String urlHost(String url) {
        return url == null ? null : URI.create(url).getHost();
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : List.of(value.strip().split("\\s*,\\s*"));
    }
}
