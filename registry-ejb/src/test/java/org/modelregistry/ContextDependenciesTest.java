package org.modelregistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The context map, enforced: every bounded context has a package in each module's layer, a class of a context imports
 * another context's classes only when its {@code package-info.java} says it may, and the list names nothing the
 * package does not use. Reads the sources of all modules, so a dependency added or removed fails the build instead of
 * drifting from the documentation.
 */
class ContextDependenciesTest {

    static final List<String> CONTEXTS = List.of(
            "catalog",
            "identity",
            "governance",
            "policy",
            "audit",
            "evaluation",
            "deployment",
            "notification",
            "search",
            "jobs");

    /** The layer roots, relative to the repository root, that hold one package per context. */
    static final List<String> LAYERS = List.of(
            "registry-api/src/main/java/org/modelregistry/api",
            "registry-ejb/src/main/java/org/modelregistry/domain",
            "registry-ejb/src/main/java/org/modelregistry/application",
            "registry-web/rest/src/main/java/org/modelregistry/interfaces/rest");

    /**
     * The console's page packages: one per context that has pages (not every context does), held to the same import
     * rules as the layers above.
     */
    static final List<String> PAGE_LAYERS =
            List.of("registry-web/console/src/main/java/org/modelregistry/interfaces/web");

    /** Every layer whose context packages the import rules cover. */
    static final List<String> ALL_LAYERS =
            Stream.concat(LAYERS.stream(), PAGE_LAYERS.stream()).toList();

    private static final Pattern MAY_USE = Pattern.compile("Contexts it may use[^:]*:\\s*([^.]*)\\.");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?org\\.modelregistry\\.([\\w.]+);", Pattern.MULTILINE);

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void everyContextHasAPackageWithAPackageInfoInEveryLayer() {
        List<String> missing = new ArrayList<>();
        for (String layer : LAYERS) {
            for (String context : CONTEXTS) {
                Path info = root.resolve(layer).resolve(context).resolve("package-info.java");
                if (!Files.isRegularFile(info) || allowed(info) == null) {
                    missing.add(root.relativize(info).toString());
                }
            }
        }
        assertThat(missing)
                .as("package-info.java files saying which contexts the package may use")
                .isEmpty();
    }

    @Test
    void aContextImportsOnlyTheContextsItsPackageInfoAllows() {
        List<String> violations = new ArrayList<>();
        for (String layer : ALL_LAYERS) {
            for (String context : CONTEXTS) {
                Path dir = root.resolve(layer).resolve(context);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                Set<String> allowed = Files.isRegularFile(dir.resolve("package-info.java"))
                        ? allowed(dir.resolve("package-info.java"))
                        : null;
                if (allowed == null) {
                    continue; // reported by the test above
                }
                for (Path source : sources(dir)) {
                    Matcher imports = IMPORT.matcher(read(source));
                    while (imports.find()) {
                        String used = contextOf(imports.group(1));
                        if (used != null && !used.equals(context) && !allowed.contains(used)) {
                            violations.add(root.relativize(source) + " imports " + imports.group(1));
                        }
                    }
                }
            }
        }
        assertThat(violations)
                .as("imports of contexts that package-info.java does not list")
                .isEmpty();
    }

    @Test
    void aPackageInfoListsOnlyTheContextsThePackageUses() {
        // the lists are the context map (docs/architecture.md draws them): a dependency removed must leave the list
        List<String> stale = new ArrayList<>();
        for (String layer : ALL_LAYERS) {
            for (String context : CONTEXTS) {
                Path dir = root.resolve(layer).resolve(context);
                Path info = dir.resolve("package-info.java");
                if (!Files.isRegularFile(info) || allowed(info) == null) {
                    continue; // reported above
                }
                Set<String> used = new LinkedHashSet<>();
                for (Path source : sources(dir)) {
                    Matcher imports = IMPORT.matcher(read(source));
                    while (imports.find()) {
                        String other = contextOf(imports.group(1));
                        if (other != null && !other.equals(context)) {
                            used.add(other);
                        }
                    }
                }
                Set<String> unused = new LinkedHashSet<>(allowed(info));
                unused.removeAll(used);
                if (!unused.isEmpty()) {
                    stale.add(root.relativize(info) + " lists " + unused + " but uses only " + used);
                }
            }
        }
        assertThat(stale)
                .as("contexts a package-info.java lists but its package does not use")
                .isEmpty();
    }

    @Test
    void theCheckSeesAForbiddenImport() {
        assertThat(contextOf("application.deployment.DeploymentServiceBean")).isEqualTo("deployment");
        assertThat(contextOf("api.problem.NotFoundException")).isNull();
        assertThat(contextOf("infrastructure.search.SearchIndex")).isEqualTo("search");
        Matcher m = MAY_USE.matcher(" * <p>Contexts it may use (checked by x): catalog, identity.\n");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("catalog, identity");
    }

    /** The context an imported name belongs to: the first context name among its packages, if any. */
    static String contextOf(String imported) {
        String[] parts = imported.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            if (CONTEXTS.contains(parts[i])) {
                return parts[i];
            }
        }
        return null;
    }

    private static Set<String> allowed(Path packageInfo) {
        Matcher m = MAY_USE.matcher(read(packageInfo).replaceAll("\\s*\\n\\s*\\*\\s*", " "));
        if (!m.find()) {
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>();
        Arrays.stream(m.group(1).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty() && !s.equals("none"))
                .forEach(allowed::add);
        return allowed;
    }

    private static List<Path> sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
