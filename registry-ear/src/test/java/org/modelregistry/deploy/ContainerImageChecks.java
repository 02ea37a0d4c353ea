package org.modelregistry.deploy;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The checks of {@code docker/Dockerfile} and {@code docker/Dockerfile.dockerignore}: every COPY source reaches the
 * build context and is a file the repository has or the build makes; the image is the Liberty version of the build;
 * it runs as a user other than root, with a health check on readiness and the run command's JVM options.
 */
final class ContainerImageChecks {

    static final String DOCKERFILE = "docker/Dockerfile";
    static final String IGNORE_FILE = "docker/Dockerfile.dockerignore";
    static final String JVM_OPTIONS = "docker/jvm.options";
    private static final String IMAGE = "icr.io/appcafe/open-liberty:";
    private static final Pattern INCLUDE_IDS = Pattern.compile("-DincludeArtifactIds=([\\w.,-]+)");
    private static final Pattern INCLUDE_SCOPE = Pattern.compile("-DincludeScope=(\\w+)");

    private final Path root;
    private final String dockerfileText;
    private final Dockerfile dockerfile;
    private final DockerIgnore ignore;
    private final String jvmOptions;
    private final BuildOutputs outputs;
    private final List<String> checkedPaths = new ArrayList<>();

    ContainerImageChecks(Path root, String dockerfileText, String ignoreText, String jvmOptions) {
        this.root = root;
        this.dockerfileText = dockerfileText;
        this.dockerfile = Dockerfile.parse(dockerfileText);
        this.ignore = DockerIgnore.parse(ignoreText);
        this.jvmOptions = jvmOptions;
        this.outputs = new BuildOutputs(root);
    }

    static ContainerImageChecks ofRepository(Path root) {
        return new ContainerImageChecks(
                root,
                RepositoryFiles.read(root.resolve(DOCKERFILE)),
                RepositoryFiles.read(root.resolve(IGNORE_FILE)),
                RepositoryFiles.read(root.resolve(JVM_OPTIONS)));
    }

    /** Every context path the COPY checks looked at (so a test can see that they looked at something). */
    List<String> checkedPaths() {
        return checkedPaths;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkBaseImage(problems);
        checkCopies(problems);
        checkUser(problems);
        checkHealthCheck(problems);
        checkJvmOptions(problems);
        return problems;
    }

    private void checkBaseImage(List<String> problems) {
        String image = dockerfile.baseImage();
        String version = BuildOutputs.text(
                BuildOutputs.child(BuildOutputs.pom(root.resolve("pom.xml")), "properties"), "openliberty.version");
        if (!image.startsWith(IMAGE)) {
            problems.add("FROM " + image + " is not the official Open Liberty image (" + IMAGE + "...)");
        } else if (!image.substring(IMAGE.length()).startsWith(version + "-")) {
            problems.add("FROM " + image + " is not pinned to the Liberty version of the build, openliberty.version "
                    + version + " (expected " + IMAGE + version + "-...)");
        } else if (!image.contains("java17")) {
            problems.add("FROM " + image + " is not a Java 17 image, the Java the build compiles for");
        }
    }

    private void checkCopies(List<String> problems) {
        List<Dockerfile.Copy> copies = dockerfile.copies();
        for (Dockerfile.Copy copy : copies) {
            if (copy.fromStage()) {
                continue;
            }
            for (String source : copy.sources()) {
                checkSource(source, copy, problems);
            }
        }
    }

    private void checkSource(String source, Dockerfile.Copy copy, List<String> problems) {
        String path = source.startsWith("./") ? source.substring(2) : source;
        boolean glob = path.contains("*") || path.contains("?") || path.contains("[");
        List<String> concrete = new ArrayList<>();
        if (path.contains("/target/")) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
            List<BuildOutputs.Output> made = outputs.outputsFor(path).stream()
                    .filter(o -> matcher.matches(Path.of(o.path())))
                    .toList();
            if (made.isEmpty()) {
                problems.add("COPY " + source + ": the build makes no such file (" + outputsOf(path) + ")");
            } else if (made.size() > 1 && !copy.destination().endsWith("/")) {
                problems.add("COPY " + source + " to the file " + copy.destination() + " matches several files: "
                        + made.stream().map(BuildOutputs.Output::path).toList());
            }
            for (BuildOutputs.Output output : made) {
                concrete.add(output.path());
                output.scope().ifPresent(scope -> checkPrerequisite(source, output, scope, problems));
            }
        } else if (glob) {
            problems.add("COPY " + source + ": a pattern outside target/ copies whatever happens to be there");
        } else if (!Files.isRegularFile(root.resolve(path))) {
            problems.add("COPY " + source + ": no such file in the repository");
        } else {
            concrete.add(path);
        }
        for (String file : concrete) {
            checkedPaths.add(file);
            if (ignore.excludes(file)) {
                problems.add("COPY " + source + ": " + IGNORE_FILE + " leaves " + file
                        + " out of the build context, so the build fails with \"not found\"");
            }
        }
    }

    /** A copied dependency is there only if the documented prerequisite command copies it. */
    private void checkPrerequisite(String source, BuildOutputs.Output output, String scope, List<String> problems) {
        String file = output.path().substring(output.path().lastIndexOf('/') + 1);
        Matcher ids = INCLUDE_IDS.matcher(dockerfileText);
        Matcher scopes = INCLUDE_SCOPE.matcher(dockerfileText);
        boolean named = ids.find() && List.of(ids.group(1).split(",")).stream().anyMatch(file::startsWith);
        if (!named) {
            problems.add("COPY " + source + ": the prerequisite command in the Dockerfile's header does not copy "
                    + file + " (-DincludeArtifactIds)");
        }
        if (!scopes.find() || !scopes.group(1).equals(scope)) {
            problems.add("COPY " + source + ": " + file + " is a " + scope + " dependency of " + output.module()
                    + ", but the prerequisite command's -DincludeScope does not say " + scope);
        }
    }

    private String outputsOf(String path) {
        List<String> made = outputs.outputsFor(path).stream()
                .map(BuildOutputs.Output::path)
                .filter(p -> !p.contains("/dependency/") || path.contains("/dependency/"))
                .toList();
        return made.isEmpty() ? "no Maven module there" : "it makes " + made;
    }

    private void checkUser(List<String> problems) {
        List<String> users = dockerfile.all("USER");
        if (users.isEmpty()) {
            problems.add("the Dockerfile sets no USER: the image runs as whatever its base image says");
            return;
        }
        String last = users.get(users.size() - 1).split(":")[0].strip().toLowerCase(Locale.ROOT);
        if (last.equals("root") || last.equals("0")) {
            problems.add("the image runs as root (the last USER is " + last + ")");
        }
    }

    private void checkHealthCheck(List<String> problems) {
        List<String> checks = dockerfile.all("HEALTHCHECK");
        if (checks.isEmpty() || checks.get(checks.size() - 1).strip().equalsIgnoreCase("NONE")) {
            problems.add("the image has no HEALTHCHECK");
        } else if (!checks.get(checks.size() - 1).contains("/health/ready")) {
            problems.add("the HEALTHCHECK does not ask /health/ready: " + checks.get(checks.size() - 1));
        }
    }

    /** Every option of the run command (registry-ear's liberty-maven-plugin jvmOptions) but the heap size. */
    private void checkJvmOptions(List<String> problems) {
        boolean copied = dockerfile.copies().stream()
                .anyMatch(c ->
                        c.sources().contains(JVM_OPTIONS) && c.destination().equals("/config/jvm.options"));
        if (!copied) {
            problems.add("the Dockerfile does not copy " + JVM_OPTIONS + " to /config/jvm.options");
        }
        List<String> image = jvmOptions
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(ContainerImageChecks::normalize)
                .toList();
        for (String option : runCommandJvmOptions()) {
            boolean heap = option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-XX:Max");
            if (!heap && !image.contains(normalize(option))) {
                problems.add(JVM_OPTIONS + " lacks the run command's JVM option " + option
                        + " (registry-ear/pom.xml, jvmOptions)");
            }
        }
    }

    private List<String> runCommandJvmOptions() {
        List<String> options = new ArrayList<>();
        Element ear = BuildOutputs.pom(root.resolve("registry-ear/pom.xml"));
        for (Element plugin :
                BuildOutputs.children(BuildOutputs.child(BuildOutputs.child(ear, "build"), "plugins"), "plugin")) {
            if ("liberty-maven-plugin".equals(BuildOutputs.text(plugin, "artifactId"))) {
                Element jvm = BuildOutputs.child(BuildOutputs.child(plugin, "configuration"), "jvmOptions");
                for (Element param : BuildOutputs.children(jvm, "param")) {
                    options.add(param.getTextContent().strip());
                }
            }
        }
        if (options.isEmpty()) {
            throw new IllegalStateException("registry-ear/pom.xml's liberty-maven-plugin has no jvmOptions");
        }
        return options;
    }

    /** "--add-opens a=b" and "--add-opens=a=b" are one option. */
    private static String normalize(String option) {
        return option.startsWith("--") ? option.replaceFirst("\\s+", "=") : option;
    }
}
