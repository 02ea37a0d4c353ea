package org.modelregistry.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** For tests that run a registry of their own beside the test server: the launcher's command, files of a copy. */
final class ServerCopies {

    private static final Path EMBEDDED =
            Path.of(System.getProperty("registry.it.embedded.module", "../liberty-config/embedded/target"));

    private ServerCopies() {}

    /** {@code java [options] -cp <the launcher's class path> EmbeddedServices [arguments]}: what bin/registry runs. */
    static List<String> launcher(String... optionsThenArguments) throws IOException {
        String classPath = EMBEDDED.resolve("classes")
                + File.pathSeparator
                + Files.readString(EMBEDDED.resolve("launcher.classpath")).trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC"));
        int i = 0;
        while (i < optionsThenArguments.length && optionsThenArguments[i].startsWith("-")) {
            command.add(optionsThenArguments[i++]);
        }
        command.addAll(List.of("-cp", classPath, "org.modelregistry.embedded.EmbeddedServices"));
        while (i < optionsThenArguments.length) {
            command.add(optionsThenArguments[i++]);
        }
        return command;
    }

    /** Replaces the {@code key=value} lines of these keys (an empty value: removes the line). */
    static void rewrite(Path file, Map<String, Object> values) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq < 0 || !values.containsKey(line.substring(0, eq))) {
                lines.add(line);
            }
        }
        values.forEach((key, value) -> {
            if (!value.toString().isEmpty()) {
                lines.add(key + "=" + value);
            }
        });
        Files.write(file, lines);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
