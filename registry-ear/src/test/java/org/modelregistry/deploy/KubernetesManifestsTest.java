package org.modelregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {

    private final Path root = RepositoryFiles.root();
    private final Map<String, String> files = KubernetesManifestChecks.filesOf(root);
    private final KnownSettings settings =
            KnownSettings.fromDocs(RepositoryFiles.read(root.resolve("docs/configuration.md")));

    /** The problems of the manifests with one file changed: a broken copy must be caught. */
    private List<String> problemsWith(String file, String from, String to) {
        Map<String, String> copy = new LinkedHashMap<>(files);
        String changed = copy.get(file).replace(from, to);
        assertThat(changed).as("the test's edit of " + file).isNotEqualTo(copy.get(file));
        copy.put(file, changed);
        return new KubernetesManifestChecks(copy, settings).problems();
    }

    @Test
    void theManifestsFitTogether() {
        KubernetesManifestChecks checks = new KubernetesManifestChecks(files, settings);

        assertThat(checks.problems()).isEmpty();
        assertThat(checks.objects())
                .contains(
                        "Deployment model-registry",
                        "Service model-registry",
                        "Service registry-hazelcast",
                        "ServiceAccount model-registry",
                        "Role model-registry-hazelcast",
                        "RoleBinding model-registry-hazelcast",
                        "HorizontalPodAutoscaler model-registry",
                        "PodDisruptionBudget model-registry",
                        "Secret registry-database",
                        "Secret registry-broker",
                        "Secret registry-object-store",
                        "Secret registry-keys",
                        "NetworkPolicy model-registry");
    }

    @Test
    void aDeploymentWhoseSelectorMissesItsPodsIsCaught() {
        assertThat(problemsWith(
                        "deployment.yaml",
                        "      app.kubernetes.io/component: server\n  strategy",
                        "      app.kubernetes.io/component: api\n  strategy"))
                .anySatisfy(p -> assertThat(p).contains("Deployment model-registry: selector", "does not match"));
    }

    @Test
    void oneReplicaIsCaught() {
        assertThat(problemsWith("deployment.yaml", "replicas: 2", "replicas: 1"))
                .singleElement()
                .asString()
                .contains("replicas 1, at least 2");
    }

    @Test
    void aProbeOnAPathThatIsNotItsHealthEndpointIsCaught() {
        assertThat(problemsWith("deployment.yaml", "path: /health/live", "path: /health"))
                .singleElement()
                .asString()
                .contains("livenessProbe asks /health, expected /health/live");
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotOpenIsCaught() {
        assertThat(problemsWith(
                        "deployment.yaml",
                        "              path: /health/ready\n              port: http",
                        "              path: /health/ready\n              port: 9443"))
                .singleElement()
                .asString()
                .contains("readinessProbe port 9443 is not a port of the container");
    }

    @Test
    void aSettingTheRegistryDoesNotReadIsCaught() {
        assertThat(problemsWith("configmap.yaml", "REGISTRY_JMS_PORT:", "REGISTRY_JMS_PORTS:"))
                .singleElement()
                .asString()
                .contains("REGISTRY_JMS_PORTS is no setting of the registry");
        assertThat(problemsWith("deployment.yaml", "name: REGISTRY_DB_OWNER_USER", "name: REGISTRY_DB_OWNER"))
                .singleElement()
                .asString()
                .contains("REGISTRY_DB_OWNER is no setting");
    }

    @Test
    void aSecretKeyRefToAnUndefinedSecretOrKeyIsCaught() {
        assertThat(problemsWith(
                        "deployment.yaml",
                        "name: registry-broker\n                  key: user",
                        "name: registry-jms\n                  key: user"))
                .singleElement()
                .asString()
                .contains("REGISTRY_JMS_USER reads the Secret registry-jms, which is not defined");
        assertThat(problemsWith("secrets.yaml", "  secret-key: \"<S3", "  secretkey: \"<S3"))
                .singleElement()
                .asString()
                .contains("reads the key secret-key that the Secret registry-object-store lacks");
    }

    @Test
    void aSecretWithARealValueIsCaught() {
        assertThat(problemsWith("secrets.yaml", "\"<broker user's password>\"", "\"s3cr3t-broker\""))
                .singleElement()
                .asString()
                .contains("Secret registry-broker: password holds a value, not a <placeholder>");
    }

    @Test
    void aPodThatMayRunAsRootOrWriteItsRootFilesystemIsCaught() {
        assertThat(problemsWith("deployment.yaml", "runAsNonRoot: true", "runAsNonRoot: false"))
                .singleElement()
                .asString()
                .contains("runAsNonRoot is not true");
        assertThat(problemsWith("deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"))
                .singleElement()
                .asString()
                .contains("readOnlyRootFilesystem is not true");
    }

    @Test
    void aContainerWithoutLimitsIsCaught() {
        assertThat(problemsWith(
                        "deployment.yaml", "            limits:\n              cpu: \"2\"\n", "            limits:\n"))
                .singleElement()
                .asString()
                .contains("resources.limits.cpu is not set");
    }

    @Test
    void aServiceOrBudgetThatSelectsNoPodsIsCaught() {
        assertThat(problemsWith(
                        "service.yaml", "app.kubernetes.io/component: server", "app.kubernetes.io/component: web"))
                .singleElement()
                .asString()
                .contains("Service model-registry: selector", "selects the pods of no Deployment");
        assertThat(problemsWith(
                        "pdb.yaml",
                        "app.kubernetes.io/name: model-registry\n      app",
                        "app.kubernetes.io/name: registry\n      app"))
                .singleElement()
                .asString()
                .contains("PodDisruptionBudget model-registry: selector");
        assertThat(problemsWith("service.yaml", "targetPort: http", "targetPort: web"))
                .singleElement()
                .asString()
                .contains("targetPort web is not a port of model-registry");
    }

    @Test
    void hazelcastDiscoveryThroughAServiceThatIsNotHeadlessOrInAnotherNamespaceIsCaught() {
        assertThat(problemsWith("service-hazelcast.yaml", "clusterIP: None", "type: ClusterIP"))
                .singleElement()
                .asString()
                .contains("names no headless Service");
        assertThat(problemsWith("kustomization.yaml", "namespace: model-registry", "namespace: ml"))
                .singleElement()
                .asString()
                .contains("REGISTRY_CLUSTER_KUBERNETES_SERVICE_DNS", "is not <service>.ml.svc.cluster.local");
    }

    @Test
    void anAccountThatMayNotListEndpointsIsCaught() {
        assertThat(problemsWith(
                        "rbac.yaml",
                        "resources: [\"endpoints\", \"pods\", \"services\"]",
                        "resources: [\"pods\", \"services\"]"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("may not", "endpoints"));
        assertThat(problemsWith("rbac.yaml", "    name: model-registry\n", "    name: default\n"))
                .hasSize(6);
    }

    @Test
    void anAutoscalerBelowTwoOrOnAnotherTargetIsCaught() {
        assertThat(problemsWith("hpa.yaml", "minReplicas: 2", "minReplicas: 1"))
                .singleElement()
                .asString()
                .contains("minReplicas 1, at least 2");
        assertThat(problemsWith(
                        "hpa.yaml",
                        "kind: Deployment\n    name: model-registry",
                        "kind: Deployment\n    name: registry"))
                .singleElement()
                .asString()
                .contains("scaleTargetRef");
    }

    @Test
    void anUnknownKindOrApiVersionAndAFileKustomizeLeavesOutAreCaught() {
        assertThat(problemsWith("pdb.yaml", "apiVersion: policy/v1", "apiVersion: policy/v1beta1"))
                .singleElement()
                .asString()
                .contains("apiVersion policy/v1beta1, expected policy/v1");
        assertThat(problemsWith("kustomization.yaml", "  - pdb.yaml\n", ""))
                .singleElement()
                .asString()
                .contains("pdb.yaml is not in kustomization.yaml's resources");
    }

    @Test
    void aHazelcastPortOpenToOtherPodsIsCaught() {
        // the community edition authenticates no member: whoever reaches 5701 joins the cluster
        String hazelcastRule = "    - from:\n        - podSelector:\n            matchLabels:\n"
                + "              app.kubernetes.io/name: model-registry\n"
                + "              app.kubernetes.io/component: server\n      ports:\n        - port: hazelcast\n";
        assertThat(problemsWith("networkpolicy.yaml", hazelcastRule, "    - ports:\n        - port: hazelcast\n"))
                .singleElement()
                .asString()
                .contains("lets anyone reach the Hazelcast port 5701");
        assertThat(problemsWith("networkpolicy.yaml", "    - ports:\n        - port: http\n", "    - {}\n"))
                .singleElement()
                .asString()
                .contains("lets anyone reach the Hazelcast port");
        assertThat(problemsWith(
                        "networkpolicy.yaml",
                        hazelcastRule,
                        hazelcastRule.replace(
                                "        - podSelector:", "        - namespaceSelector: {}\n          podSelector:")))
                .singleElement()
                .asString()
                .contains("reach the Hazelcast port");
        assertThat(problemsWith("kustomization.yaml", "  - networkpolicy.yaml\n", ""))
                .contains(
                        "networkpolicy.yaml is not in kustomization.yaml's resources: kubectl apply -k leaves it out",
                        "deployment.yaml Deployment model-registry: no NetworkPolicy limits who reaches its pods'"
                                + " Hazelcast port");
    }
}
