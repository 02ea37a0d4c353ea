package org.modelregistry.deploy;

import static org.modelregistry.deploy.YamlFiles.at;
import static org.modelregistry.deploy.YamlFiles.list;
import static org.modelregistry.deploy.YamlFiles.map;
import static org.modelregistry.deploy.YamlFiles.string;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks of the Kubernetes manifests in {@code docker/kubernetes/}: what {@code kustomization.yaml} lists is
 * there and known to Kubernetes, and the objects fit together (selectors, ports, probes, Secrets, the Hazelcast
 * discovery, RBAC, the autoscaler and the disruption budget) and with the registry's settings.
 */
final class KubernetesManifestChecks {

    static final String DIRECTORY = "docker/kubernetes";

    /** apiVersion of each kind these manifests may use (the stable ones, as of Kubernetes 1.29). */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"),
            Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"));

    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/health/started", "readinessProbe", "/health/ready", "livenessProbe", "/health/live");
    private static final Pattern DNS_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");
    private static final int HAZELCAST_PORT = 5701;

    private record Manifest(String file, Map<String, Object> content) {
        String kind() {
            return string(content.get("kind"));
        }

        String name() {
            return string(at(content, "metadata.name"));
        }

        String where() {
            return file + " " + kind() + " " + name();
        }
    }

    private final Map<String, String> files;
    private final KnownSettings settings;
    private final List<Manifest> manifests = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String namespace;

    KubernetesManifestChecks(Map<String, String> files, KnownSettings settings) {
        this.files = new TreeMap<>(files);
        this.settings = settings;
    }

    static Map<String, String> filesOf(Path root) {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(root.resolve(DIRECTORY))) {
            paths.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .forEach(p -> files.put(p.getFileName().toString(), RepositoryFiles.read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** "Kind name" of every object read by the last {@link #problems()}. */
    List<String> objects() {
        return manifests.stream().map(m -> m.kind() + " " + m.name()).toList();
    }

    List<String> problems() {
        problems.clear();
        manifests.clear();
        loadThroughKustomization();
        for (Manifest m : manifests) {
            checkKindAndName(m);
        }
        of("Deployment").forEach(this::checkDeployment);
        of("Service").forEach(this::checkService);
        of("HorizontalPodAutoscaler").forEach(this::checkAutoscaler);
        of("PodDisruptionBudget").forEach(this::checkDisruptionBudget);
        of("Secret").forEach(this::checkSecretIsATemplate);
        of("ConfigMap").forEach(this::checkSettingsOfConfigMap);
        checkHazelcastDiscovery();
        of("Deployment").forEach(this::checkHazelcastPortIsClosedToOthers);
        if (of("Deployment").isEmpty()) {
            problems.add("no Deployment in " + DIRECTORY);
        }
        return List.copyOf(problems);
    }

    private void loadThroughKustomization() {
        String text = files.get("kustomization.yaml");
        if (text == null) {
            problems.add(DIRECTORY + " has no kustomization.yaml");
            return;
        }
        Map<String, Object> kustomization = YamlFiles.documents(text).get(0);
        namespace = string(kustomization.get("namespace"));
        List<String> resources = list(kustomization.get("resources")).stream()
                .map(String::valueOf)
                .toList();
        for (String resource : resources) {
            String manifestText = files.get(resource);
            if (manifestText == null) {
                problems.add("kustomization.yaml lists " + resource + ", which is not in " + DIRECTORY);
                continue;
            }
            for (Map<String, Object> document : YamlFiles.documents(manifestText)) {
                manifests.add(new Manifest(resource, document));
            }
        }
        for (String file : files.keySet()) {
            if (!file.equals("kustomization.yaml") && !resources.contains(file)) {
                problems.add(file + " is not in kustomization.yaml's resources: kubectl apply -k leaves it out");
            }
        }
    }

    private void checkKindAndName(Manifest m) {
        String expected = API_VERSIONS.get(m.kind());
        String apiVersion = string(m.content().get("apiVersion"));
        if (expected == null) {
            problems.add(m.file() + ": unknown kind " + m.kind());
        } else if (!expected.equals(apiVersion)) {
            problems.add(m.where() + ": apiVersion " + apiVersion + ", expected " + expected);
        }
        if (m.name() == null
                || !DNS_NAME.matcher(m.name()).matches()
                || m.name().length() > 253) {
            problems.add(m.file() + " " + m.kind() + ": metadata.name " + m.name() + " is not a DNS name");
        }
        if (at(m.content(), "metadata.namespace") != null) {
            problems.add(m.where() + ": names a namespace; kustomization.yaml's namespace sets it for all");
        }
    }

    private void checkDeployment(Manifest d) {
        Map<String, Object> spec = map(d.content().get("spec"));
        Object replicas = spec.get("replicas");
        if (!(replicas instanceof Integer r) || r < 2) {
            problems.add(d.where() + ": replicas " + replicas + ", at least 2 (one server lost, one left)");
        }
        Map<String, Object> selector = map(at(spec, "selector.matchLabels"));
        Map<String, Object> labels = podLabels(d);
        if (selector.isEmpty() || !matches(selector, labels)) {
            problems.add(d.where() + ": selector " + selector + " does not match the pod labels " + labels);
        }
        Map<String, Object> pod = map(at(spec, "template.spec"));
        String account = string(pod.get("serviceAccountName"));
        if (account == null || named("ServiceAccount", account) == null) {
            problems.add(d.where() + ": serviceAccountName " + account + " is no ServiceAccount of the manifests");
        }
        if (!Boolean.TRUE.equals(at(pod, "securityContext.runAsNonRoot"))) {
            problems.add(d.where() + ": the pod's securityContext.runAsNonRoot is not true");
        }
        checkTopologySpread(d, pod, labels);
        Set<String> volumes = Set.copyOf(list(pod.get("volumes")).stream()
                .map(v -> string(map(v).get("name")))
                .toList());
        for (Object volume : list(pod.get("volumes"))) {
            String claim = string(at(map(volume), "persistentVolumeClaim.claimName"));
            if (claim != null && named("PersistentVolumeClaim", claim) == null) {
                problems.add(d.where() + ": volume claims " + claim + ", which the manifests do not define");
            }
        }
        List<Object> containers = list(pod.get("containers"));
        if (containers.isEmpty()) {
            problems.add(d.where() + ": no containers");
        }
        for (Object c : containers) {
            checkContainer(d, map(c), volumes);
        }
    }

    private void checkTopologySpread(Manifest d, Map<String, Object> pod, Map<String, Object> labels) {
        boolean acrossNodes = list(pod.get("topologySpreadConstraints")).stream()
                .map(YamlFiles::map)
                .anyMatch(t -> "kubernetes.io/hostname".equals(t.get("topologyKey"))
                        && matches(map(at(t, "labelSelector.matchLabels")), labels)
                        && !map(at(t, "labelSelector.matchLabels")).isEmpty());
        if (!acrossNodes) {
            problems.add(d.where() + ": no topologySpreadConstraints over kubernetes.io/hostname for its own pods");
        }
    }

    private void checkContainer(Manifest d, Map<String, Object> container, Set<String> volumes) {
        String where = d.where() + " container " + container.get("name");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (at(container, "resources." + kind + "." + resource) == null) {
                    problems.add(where + ": resources." + kind + "." + resource + " is not set");
                }
            }
        }
        Object nonRoot = at(container, "securityContext.runAsNonRoot");
        if (Boolean.FALSE.equals(nonRoot)) {
            problems.add(where + ": securityContext.runAsNonRoot is false");
        }
        if (!Boolean.TRUE.equals(at(container, "securityContext.readOnlyRootFilesystem"))) {
            problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(at(container, "securityContext.allowPrivilegeEscalation"))) {
            problems.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
        Map<String, Integer> ports = containerPorts(container);
        PROBE_PATHS.forEach((probe, path) -> {
            Map<String, Object> get = map(at(container, probe + ".httpGet"));
            if (get.isEmpty()) {
                problems.add(where + ": no " + probe + " with httpGet on " + path);
                return;
            }
            if (!path.equals(get.get("path"))) {
                problems.add(where + ": " + probe + " asks " + get.get("path") + ", expected " + path);
            }
            if (!portOf(get.get("port"), ports)) {
                problems.add(
                        where + ": " + probe + " port " + get.get("port") + " is not a port of the container " + ports);
            }
        });
        for (Object mount : list(container.get("volumeMounts"))) {
            String name = string(map(mount).get("name"));
            if (!volumes.contains(name)) {
                problems.add(where + ": mounts the volume " + name + ", which the pod does not have");
            }
        }
        for (Object from : list(container.get("envFrom"))) {
            String configMap = string(at(map(from), "configMapRef.name"));
            String secret = string(at(map(from), "secretRef.name"));
            if (configMap != null && named("ConfigMap", configMap) == null) {
                problems.add(where + ": envFrom names the ConfigMap " + configMap + ", which is not defined");
            }
            if (secret != null && named("Secret", secret) == null) {
                problems.add(where + ": envFrom names the Secret " + secret + ", which is not defined");
            }
        }
        for (Object e : list(container.get("env"))) {
            checkEnv(where, map(e));
        }
    }

    private void checkEnv(String where, Map<String, Object> env) {
        String name = string(env.get("name"));
        if (name.startsWith("REGISTRY_") && !settings.reads(name)) {
            problems.add(where + ": " + name + " is no setting of the registry (docs/configuration.md)");
        }
        Map<String, Object> secretRef = map(at(env, "valueFrom.secretKeyRef"));
        if (!secretRef.isEmpty()) {
            String secret = string(secretRef.get("name"));
            String key = string(secretRef.get("key"));
            Manifest defined = named("Secret", secret);
            if (defined == null) {
                problems.add(where + ": " + name + " reads the Secret " + secret + ", which is not defined");
            } else if (!map(defined.content().get("stringData")).containsKey(key)
                    && !map(defined.content().get("data")).containsKey(key)) {
                problems.add(where + ": " + name + " reads the key " + key + " that the Secret " + secret + " lacks");
            }
        }
        Map<String, Object> configRef = map(at(env, "valueFrom.configMapKeyRef"));
        if (!configRef.isEmpty()) {
            Manifest defined = named("ConfigMap", string(configRef.get("name")));
            if (defined == null || !map(defined.content().get("data")).containsKey(string(configRef.get("key")))) {
                problems.add(where + ": " + name + " reads " + configRef + ", which is not defined");
            }
        }
    }

    private void checkService(Manifest s) {
        Map<String, Object> selector = map(at(s.content(), "spec.selector"));
        Manifest deployment = deploymentSelectedBy(selector);
        if (selector.isEmpty() || deployment == null) {
            problems.add(s.where() + ": selector " + selector + " selects the pods of no Deployment");
            return;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object c : list(at(deployment.content(), "spec.template.spec.containers"))) {
            ports.putAll(containerPorts(map(c)));
        }
        for (Object p : list(at(s.content(), "spec.ports"))) {
            Object target = map(p).getOrDefault("targetPort", map(p).get("port"));
            if (!portOf(target, ports)) {
                problems.add(
                        s.where() + ": targetPort " + target + " is not a port of " + deployment.name() + " " + ports);
            }
        }
    }

    private void checkAutoscaler(Manifest h) {
        Map<String, Object> target = map(at(h.content(), "spec.scaleTargetRef"));
        if (!"Deployment".equals(target.get("kind")) || named("Deployment", string(target.get("name"))) == null) {
            problems.add(h.where() + ": scaleTargetRef " + target + " is no Deployment of the manifests");
        }
        Object min = at(h.content(), "spec.minReplicas");
        Object max = at(h.content(), "spec.maxReplicas");
        if (!(min instanceof Integer lo) || lo < 2) {
            problems.add(h.where() + ": minReplicas " + min + ", at least 2");
        } else if (!(max instanceof Integer hi) || hi < lo) {
            problems.add(h.where() + ": maxReplicas " + max + " below minReplicas " + min);
        }
    }

    private void checkDisruptionBudget(Manifest p) {
        Map<String, Object> selector = map(at(p.content(), "spec.selector.matchLabels"));
        if (selector.isEmpty() || deploymentSelectedBy(selector) == null) {
            problems.add(p.where() + ": selector " + selector + " selects the pods of no Deployment");
        }
        if (!Integer.valueOf(1).equals(at(p.content(), "spec.minAvailable"))) {
            problems.add(p.where() + ": minAvailable " + at(p.content(), "spec.minAvailable") + ", expected 1");
        }
    }

    private void checkSecretIsATemplate(Manifest s) {
        if (s.content().containsKey("data")) {
            problems.add(s.where() + ": has data (base64 values); templates give stringData placeholders only");
        }
        map(s.content().get("stringData")).forEach((key, value) -> {
            if (value == null || !PLACEHOLDER.matcher(String.valueOf(value)).matches()) {
                problems.add(s.where() + ": " + key + " holds a value, not a <placeholder>");
            }
        });
    }

    private void checkSettingsOfConfigMap(Manifest c) {
        for (String key : map(c.content().get("data")).keySet()) {
            if (key.startsWith("REGISTRY_") && !settings.reads(key)) {
                problems.add(c.where() + ": " + key + " is no setting of the registry (docs/configuration.md)");
            }
        }
    }

    /**
     * Kubernetes discovery: the service DNS names a headless Service of this namespace that selects the registry's
     * pods and reaches their Hazelcast port, and the pods' account may read what the plugin reads.
     */
    private void checkHazelcastDiscovery() {
        Map<String, String> env = registryEnvironment();
        if (!"kubernetes".equals(env.get("REGISTRY_CLUSTER_DISCOVERY"))) {
            problems.add("REGISTRY_CLUSTER_DISCOVERY is not kubernetes: the servers would not find each other");
            return;
        }
        String dns = env.get("REGISTRY_CLUSTER_KUBERNETES_SERVICE_DNS");
        String suffix = "." + namespace + ".svc.cluster.local";
        if (dns == null || namespace == null || !dns.endsWith(suffix)) {
            problems.add("REGISTRY_CLUSTER_KUBERNETES_SERVICE_DNS " + dns + " is not <service>" + suffix);
            return;
        }
        Manifest service = named("Service", dns.substring(0, dns.length() - suffix.length()));
        if (service == null || !"None".equals(at(service.content(), "spec.clusterIP"))) {
            problems.add("REGISTRY_CLUSTER_KUBERNETES_SERVICE_DNS " + dns + " names no headless Service");
            return;
        }
        boolean hazelcastPort = list(at(service.content(), "spec.ports")).stream()
                .map(YamlFiles::map)
                .anyMatch(p -> Objects.equals(p.get("port"), HAZELCAST_PORT));
        if (!hazelcastPort) {
            problems.add(service.where() + ": no port " + HAZELCAST_PORT + " for the Hazelcast members");
        }
        if (!Boolean.TRUE.equals(at(service.content(), "spec.publishNotReadyAddresses"))) {
            problems.add(service.where() + ": publishNotReadyAddresses is not true (members meet before ready)");
        }
        for (Manifest d : of("Deployment")) {
            checkDiscoveryRights(d, string(at(d.content(), "spec.template.spec.serviceAccountName")));
        }
    }

    /**
     * The Hazelcast port of the registry's pods is open to those pods only: a NetworkPolicy selects them, and every
     * ingress rule that lets the port through (a rule without ports lets every port through) comes only from pods
     * the Deployment makes. The community edition authenticates no member: whoever reaches the port joins.
     */
    private void checkHazelcastPortIsClosedToOthers(Manifest deployment) {
        Map<String, Object> labels = podLabels(deployment);
        List<Manifest> policies = of("NetworkPolicy").stream()
                .filter(p -> matches(map(at(p.content(), "spec.podSelector.matchLabels")), labels))
                .filter(p -> list(at(p.content(), "spec.policyTypes")).contains("Ingress"))
                .toList();
        if (policies.isEmpty()) {
            problems.add(deployment.where() + ": no NetworkPolicy limits who reaches its pods' Hazelcast port");
        }
        for (Manifest policy : policies) {
            for (Object r : list(at(policy.content(), "spec.ingress"))) {
                Map<String, Object> rule = map(r);
                List<Object> ports = list(rule.get("ports"));
                boolean opensHazelcast = ports.isEmpty()
                        || ports.stream()
                                .map(YamlFiles::map)
                                .anyMatch(p -> "hazelcast".equals(p.get("port"))
                                        || Objects.equals(HAZELCAST_PORT, p.get("port")));
                List<Object> from = list(rule.get("from"));
                boolean onlyRegistryPods = !from.isEmpty()
                        && from.stream()
                                .map(YamlFiles::map)
                                .allMatch(peer -> peer.keySet().equals(Set.of("podSelector"))
                                        && !map(at(peer, "podSelector.matchLabels"))
                                                .isEmpty()
                                        && matches(map(at(peer, "podSelector.matchLabels")), labels));
                if (opensHazelcast && !onlyRegistryPods) {
                    problems.add(policy.where() + ": lets " + (from.isEmpty() ? "anyone" : from)
                            + " reach the Hazelcast port " + HAZELCAST_PORT + " of " + deployment.name());
                }
            }
        }
    }

    private void checkDiscoveryRights(Manifest deployment, String account) {
        List<String> roles = of("RoleBinding").stream()
                .filter(b -> list(b.content().get("subjects")).stream()
                        .map(YamlFiles::map)
                        .anyMatch(
                                s -> "ServiceAccount".equals(s.get("kind")) && Objects.equals(account, s.get("name"))))
                .filter(b -> "Role".equals(at(b.content(), "roleRef.kind")))
                .map(b -> string(at(b.content(), "roleRef.name")))
                .toList();
        for (String resource : List.of("endpoints", "pods", "services")) {
            for (String verb : List.of("get", "list")) {
                boolean allowed = roles.stream()
                        .map(r -> named("Role", r))
                        .filter(Objects::nonNull)
                        .flatMap(r -> list(r.content().get("rules")).stream().map(YamlFiles::map))
                        .anyMatch(rule -> list(rule.get("apiGroups")).contains("")
                                && list(rule.get("resources")).contains(resource)
                                && list(rule.get("verbs")).contains(verb));
                if (!allowed) {
                    problems.add(deployment.where() + ": its ServiceAccount " + account + " may not " + verb + " "
                            + resource + " (the Hazelcast Kubernetes discovery needs it)");
                }
            }
        }
    }

    /** The registry's environment: the ConfigMaps its containers read, then their own env values. */
    private Map<String, String> registryEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Manifest d : of("Deployment")) {
            for (Object c : list(at(d.content(), "spec.template.spec.containers"))) {
                for (Object from : list(map(c).get("envFrom"))) {
                    Manifest configMap = named("ConfigMap", string(at(map(from), "configMapRef.name")));
                    if (configMap != null) {
                        map(configMap.content().get("data")).forEach((k, v) -> env.put(k, string(v)));
                    }
                }
                for (Object e : list(map(c).get("env"))) {
                    Object value = map(e).get("value");
                    if (value != null) {
                        env.put(string(map(e).get("name")), string(value));
                    }
                }
            }
        }
        return env;
    }

    private Manifest deploymentSelectedBy(Map<String, Object> selector) {
        return of("Deployment").stream()
                .filter(d -> matches(selector, podLabels(d)))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> podLabels(Manifest d) {
        return map(at(d.content(), "spec.template.metadata.labels"));
    }

    private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        return selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object p : list(container.get("ports"))) {
            Map<String, Object> port = map(p);
            ports.put(String.valueOf(port.getOrDefault("name", port.get("containerPort"))), (Integer)
                    port.get("containerPort"));
        }
        return ports;
    }

    private static boolean portOf(Object port, Map<String, Integer> ports) {
        if (port instanceof Integer number) {
            return ports.containsValue(number);
        }
        return port != null && ports.containsKey(String.valueOf(port));
    }

    private List<Manifest> of(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
    }

    private Manifest named(String kind, String name) {
        return manifests.stream()
                .filter(m -> kind.equals(m.kind()) && Objects.equals(name, m.name()))
                .findFirst()
                .orElse(null);
    }
}
