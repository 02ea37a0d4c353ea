package org.modelregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerImageTest {

    private final Path root = RepositoryFiles.root();
    private final String dockerfile = RepositoryFiles.read(root.resolve(ContainerImageChecks.DOCKERFILE));
    private final String ignore = RepositoryFiles.read(root.resolve(ContainerImageChecks.IGNORE_FILE));
    private final String jvmOptions = RepositoryFiles.read(root.resolve(ContainerImageChecks.JVM_OPTIONS));

    private List<String> problems(String dockerfileText, String ignoreText, String jvmOptionsText) {
        return new ContainerImageChecks(root, dockerfileText, ignoreText, jvmOptionsText).problems();
    }

    @Test
    void everyCopySourceReachesTheBuildContextAndIsMadeByTheBuild() {
        ContainerImageChecks checks = ContainerImageChecks.ofRepository(root);

        assertThat(checks.problems()).isEmpty();
        assertThat(checks.checkedPaths())
                .contains(
                        "liberty-config/server/server.xml",
                        "registry-ear/target/registry.ear",
                        "docker/jvm.options",
                        "docker/health.sh")
                .anySatisfy(p -> assertThat(p).matches("liberty-config/artemis-rar/target/artemis-rar-.+\\.rar"))
                .anySatisfy(p -> assertThat(p).matches("registry-ear/target/dependency/postgresql-[0-9.]+\\.jar"));
    }

    @Test
    void anIgnoreFileThatLeavesOutTheResourceAdapterIsCaught() {
        // the ignore file as it was before issue 15's first fix: the adapter's COPY would fail with "not found"
        String withoutAdapter = ignore.replace("!liberty-config/artemis-rar/target/artemis-rar-*.rar\n", "");

        assertThat(withoutAdapter).isNotEqualTo(ignore);
        assertThat(problems(dockerfile, withoutAdapter, jvmOptions))
                .singleElement()
                .asString()
                .contains("artemis-rar/target/artemis-rar-*.rar", "leaves", "out of the build context");
    }

    @Test
    void aLaterPatternThatExcludesACopiedFileAgainIsCaught() {
        assertThat(problems(dockerfile, ignore + "docker/*.sh\n", jvmOptions))
                .singleElement()
                .asString()
                .contains("docker/health.sh");
    }

    @Test
    void aCopyOfAFileTheBuildDoesNotMakeIsCaught() {
        String wrongName =
                dockerfile.replace("registry-ear/target/registry.ear", "registry-ear/target/registry-ear.ear");

        assertThat(problems(wrongName, ignore + "!registry-ear/target/registry-ear.ear\n", jvmOptions))
                .singleElement()
                .asString()
                .contains("registry-ear.ear", "the build makes no such file", "registry-ear/target/registry.ear");
    }

    @Test
    void aCopyOfARepositoryFileThatIsNotThereIsCaught() {
        String missing = dockerfile.replace("docker/health.sh /opt", "docker/healthcheck.sh /opt");

        assertThat(problems(missing, ignore, jvmOptions))
                .anySatisfy(p -> assertThat(p).contains("docker/healthcheck.sh", "no such file"));
    }

    @Test
    void aCopiedDriverThatThePrerequisiteCommandDoesNotFetchIsCaught() {
        String otherScope = dockerfile.replace("-DincludeScope=provided", "-DincludeScope=runtime");

        // the driver, Hazelcast and the cluster member's configuration are all provided dependencies
        assertThat(problems(otherScope, ignore, jvmOptions))
                .hasSize(3)
                .anySatisfy(p -> assertThat(String.valueOf(p))
                        .contains("postgresql-", "provided dependency of registry-ear", "-DincludeScope"))
                .anySatisfy(p -> assertThat(String.valueOf(p)).contains("hazelcast-"))
                .anySatisfy(p -> assertThat(String.valueOf(p)).contains("registry-cluster-"));
    }

    @Test
    void theImageIsTheLibertyVersionOfTheBuild() {
        assertThat(Dockerfile.parse(dockerfile).baseImage())
                .startsWith("icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi");

        String older = dockerfile.replace("open-liberty:26.0.0.3-", "open-liberty:25.0.0.12-");
        assertThat(problems(older, ignore, jvmOptions))
                .singleElement()
                .asString()
                .contains("not pinned to the Liberty version of the build", "26.0.0.3");
        String unpinned = dockerfile.replace("open-liberty:26.0.0.3-", "open-liberty:");
        assertThat(problems(unpinned, ignore, jvmOptions)).hasSize(1);
    }

    @Test
    void theImageRunsAsAnotherUserThanRoot() {
        String asRoot = dockerfile.replace("USER 1001\n", "USER 1001\nUSER root\n");

        assertThat(problems(asRoot, ignore, jvmOptions))
                .singleElement()
                .asString()
                .contains("runs as root");
    }

    @Test
    void theHealthCheckAsksReadiness() {
        String live = dockerfile.replace("\"/health/ready\"]", "\"/health/live\"]");

        assertThat(live).isNotEqualTo(dockerfile);
        assertThat(problems(live, ignore, jvmOptions))
                .singleElement()
                .asString()
                .contains("HEALTHCHECK does not ask /health/ready");
    }

    @Test
    void theImageHasTheRunCommandsJvmOptionsButTheHeapSize() {
        String withoutUtc = jvmOptions.replace("-Duser.timezone=UTC\n", "");

        assertThat(problems(dockerfile, ignore, withoutUtc))
                .singleElement()
                .asString()
                .contains("-Duser.timezone=UTC");
    }

    @Test
    void dockerIgnoreReadsPatternsAsBuildKitDoes() {
        DockerIgnore ignoreAll = DockerIgnore.parse("*\n!a/b/*.jar\n!docs\ndocs/secret.md\n**/*.tmp\n");

        assertThat(ignoreAll.excludes("pom.xml")).isTrue();
        assertThat(ignoreAll.excludes("a/b/x.jar")).isFalse();
        assertThat(ignoreAll.excludes("a/b/c/x.jar"))
                .as("* stays in one component")
                .isTrue();
        assertThat(ignoreAll.excludes("a/b/x.war")).isTrue();
        assertThat(ignoreAll.excludes("docs/guide.md"))
                .as("a pattern matches the directories above")
                .isFalse();
        assertThat(ignoreAll.excludes("docs/secret.md"))
                .as("the last matching pattern decides")
                .isTrue();
        assertThat(ignoreAll.excludes("a/b/x.tmp")).as("** spans directories").isTrue();
        assertThat(DockerIgnore.parse("/target/\n").excludes("target/x.jar")).isTrue();
        assertThat(DockerIgnore.parse("target\n").excludes("module/target/x.jar"))
                .isFalse();
    }
}
