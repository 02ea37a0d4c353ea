package org.modelregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

    private final Path root = RepositoryFiles.root();
    private final String compose = RepositoryFiles.read(root.resolve(ComposeChecks.COMPOSE));
    private final String nginx = RepositoryFiles.read(root.resolve(ComposeChecks.NGINX));
    private final String envExample = RepositoryFiles.read(root.resolve(ComposeChecks.ENV_EXAMPLE));
    private final KnownSettings settings =
            KnownSettings.fromDocs(RepositoryFiles.read(root.resolve("docs/configuration.md")));

    private List<String> problems(String composeText, String nginxText) {
        return new ComposeChecks(composeText, nginxText, envExample, settings).problems();
    }

    private List<String> problemsWithCompose(String from, String to) {
        String changed = compose.replace(from, to);
        assertThat(changed).as("the test's edit of compose.yaml").isNotEqualTo(compose);
        return problems(changed, nginx);
    }

    @Test
    void twoServersBehindNginxWithTheSharedBackends() {
        ComposeChecks checks = new ComposeChecks(compose, nginx, envExample, settings);

        assertThat(checks.problems()).isEmpty();
        assertThat(checks.registryServers()).containsExactly("registry-1", "registry-2");
        assertThat(checks.services())
                .contains("nginx", "postgres", "artemis", "opensearch", "s3", "registry-1", "registry-2");
    }

    @Test
    void aBackendNamedByAServiceThatDoesNotExistIsCaught() {
        assertThat(problemsWithCompose("REGISTRY_JMS_HOST: artemis", "REGISTRY_JMS_HOST: broker"))
                .containsExactly(
                        "registry-1: REGISTRY_JMS_HOST names the host broker, which is no service",
                        "registry-2: REGISTRY_JMS_HOST names the host broker, which is no service");
        assertThat(problemsWithCompose("opensearch:9200", "search:9200")).hasSize(2);
        assertThat(problemsWithCompose("http://s3:9000\n", "http://minio:9000\n"))
                .hasSize(2);
        assertThat(problemsWithCompose("      s3:\n        condition", "      minio:\n        condition"))
                .singleElement()
                .asString()
                .contains("depends_on minio, which is no service");
    }

    @Test
    void aClusterMemberThatIsNotTheOtherServerIsCaught() {
        assertThat(problemsWithCompose(
                        "REGISTRY_CLUSTER_MEMBERS: registry-2:5701", "REGISTRY_CLUSTER_MEMBERS: registry-3:5701"))
                .anySatisfy(p -> assertThat(p).contains("names registry-3:5701, which is not another registry server"));
        assertThat(problemsWithCompose(
                        "REGISTRY_CLUSTER_MEMBERS: registry-1:5701", "REGISTRY_CLUSTER_MEMBERS: registry-1:5702"))
                .singleElement()
                .asString()
                .contains("not the Hazelcast port 5701");
        assertThat(problemsWithCompose(
                        "REGISTRY_CLUSTER_INTERFACE: 172.30.0.12", "REGISTRY_CLUSTER_INTERFACE: 127.0.0.1"))
                .singleElement()
                .asString()
                .contains("registry-2: REGISTRY_CLUSTER_INTERFACE 127.0.0.1 is not its address");
    }

    @Test
    void aSettingTheRegistryDoesNotReadIsCaught() {
        assertThat(problemsWithCompose("REGISTRY_STORAGE_S3_PATH_STYLE:", "REGISTRY_STORAGE_S3_PATHSTYLE:"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("REGISTRY_STORAGE_S3_PATHSTYLE is no setting"));
    }

    @Test
    void aSecretWrittenIntoTheComposeFileIsCaught() {
        assertThat(problemsWithCompose(
                        "ARTEMIS_PASSWORD: ${REGISTRY_JMS_PASSWORD:?set REGISTRY_JMS_PASSWORD in docker/.env}",
                        "ARTEMIS_PASSWORD: registry"))
                .singleElement()
                .asString()
                .contains("artemis: ARTEMIS_PASSWORD is written in the compose file");
        assertThat(problemsWithCompose("${REGISTRY_SECRETS_KEY:?", "${REGISTRY_SECRET_KEY:?"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("REGISTRY_SECRET_KEY, which docker/env.example does not list"));
    }

    @Test
    void serversThatDoNotShareTheSecretsKeyAreCaught() {
        String secondKeyOwn = compose.replace(
                "      REGISTRY_SERVER_ID: registry-2\n",
                "      REGISTRY_SERVER_ID: registry-2\n      REGISTRY_SECRETS_KEY: ${REGISTRY_SECRETS_KEY_2:?own key}\n");

        assertThat(new ComposeChecks(secondKeyOwn, nginx, envExample + "REGISTRY_SECRETS_KEY_2=<key>\n", settings)
                        .problems())
                .singleElement()
                .asString()
                .contains("REGISTRY_SECRETS_KEY differs between the registry servers");
    }

    @Test
    void nginxWithoutOneOfTheServersOrOnAnotherPortIsCaught() {
        String oneServer = nginx.replace("        server registry-2:9080 max_fails=2 fail_timeout=10s;\n", "");
        assertThat(oneServer).isNotEqualTo(nginx);
        assertThat(problems(compose, oneServer))
                .anySatisfy(p -> assertThat(p).contains("proxy_pass to registry, whose servers [registry-1]"));
        assertThat(problems(compose, nginx.replace("registry-1:9080", "registry-1:9443")))
                .singleElement()
                .asString()
                .contains("not the registry's HTTP port 9080");
        assertThat(problemsWithCompose("172\\.30\\.0\\.10", "172\\.30\\.0\\.99"))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("does not match nginx's address 172.30.0.10"));
    }

    @Test
    void aPortPublishedBeyondLoopbackIsCaught() {
        assertThat(problemsWithCompose("\"127.0.0.1:8080:80\"", "\"8080:80\""))
                .singleElement()
                .asString()
                .contains("nginx: publishes 8080:80 beyond the host's loopback");
    }
}
