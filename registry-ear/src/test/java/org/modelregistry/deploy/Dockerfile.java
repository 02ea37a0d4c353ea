package org.modelregistry.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile that these checks read: FROM, COPY/ADD (sources and destination), USER,
 * HEALTHCHECK, in order. Continuation lines are joined; comments and parser directives are skipped.
 */
final class Dockerfile {

    /** One COPY or ADD; {@code fromStage} when it copies from another build stage (not from the context). */
    record Copy(List<String> sources, String destination, boolean fromStage) {}

    record Instruction(String keyword, String arguments) {}

    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile parse(String text) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String joined = current.toString().strip();
            current.setLength(0);
            int space = joined.indexOf(' ');
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : joined.substring(space + 1).strip();
            result.add(new Instruction(keyword, arguments));
        }
        return new Dockerfile(result);
    }

    List<Instruction> instructions() {
        return instructions;
    }

    List<String> all(String keyword) {
        return instructions.stream()
                .filter(i -> i.keyword().equals(keyword))
                .map(Instruction::arguments)
                .toList();
    }

    /** The image of the last FROM (the stage that is the image). */
    String baseImage() {
        List<String> froms = all("FROM");
        if (froms.isEmpty()) {
            throw new IllegalStateException("the Dockerfile has no FROM");
        }
        List<String> words = words(froms.get(froms.size() - 1));
        return words.stream().filter(w -> !w.startsWith("--")).findFirst().orElseThrow();
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
                continue;
            }
            List<String> words = words(instruction.arguments());
            boolean fromStage = words.stream().anyMatch(w -> w.startsWith("--from="));
            List<String> operands =
                    words.stream().filter(w -> !w.startsWith("--")).toList();
            if (operands.size() < 2) {
                throw new IllegalStateException(
                        instruction.keyword() + " needs a source and a destination: " + instruction.arguments());
            }
            copies.add(
                    new Copy(operands.subList(0, operands.size() - 1), operands.get(operands.size() - 1), fromStage));
        }
        return copies;
    }

    /** Shell form split on white space, or leading flags followed by the strings of the JSON (exec) form. */
    static List<String> words(String arguments) {
        String trimmed = arguments.strip();
        int bracket = trimmed.indexOf('[');
        if (bracket >= 0
                && trimmed.endsWith("]")
                && trimmed.substring(0, bracket).indexOf('"') < 0) {
            List<String> words = new ArrayList<>();
            String flags = trimmed.substring(0, bracket).strip();
            if (!flags.isEmpty()) {
                words.addAll(List.of(flags.split("\\s+")));
            }
            Matcher m = JSON_STRING.matcher(trimmed.substring(bracket));
            while (m.find()) {
                words.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            return words;
        }
        return List.of(trimmed.split("\\s+"));
    }
}
