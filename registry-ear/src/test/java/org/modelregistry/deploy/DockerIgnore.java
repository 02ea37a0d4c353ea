package org.modelregistry.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file read the way BuildKit reads it (moby's patternmatcher): patterns in order, the last
 * one that matches decides, {@code !} lets a path back in, a pattern also matches the directories above a path (as
 * many leading components as the pattern has), {@code *} and {@code ?} stay within one component, {@code **} spans
 * any number of them.
 */
final class DockerIgnore {

    private record Rule(Pattern regex, int components, boolean exception, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = clean(exception ? line.substring(1).strip() : line);
            rules.add(new Rule(toRegex(pattern), pattern.split("/").length, exception, line));
        }
        return new DockerIgnore(rules);
    }

    /** Whether the build context leaves out this path (relative to the context, with '/'). */
    boolean excludes(String path) {
        String file = clean(path);
        String[] parts = file.split("/");
        boolean excluded = false;
        for (Rule rule : rules) {
            boolean match = rule.regex().matcher(file).matches();
            if (!match && parts.length > 1 && rule.components() < parts.length) {
                String parent = String.join("/", List.of(parts).subList(0, rule.components()));
                match = rule.regex().matcher(parent).matches();
            }
            if (match) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    private static String clean(String pattern) {
        String p = pattern.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replaceAll("/+", "/");
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                        regex.append("(?:.*/)?"); // "**/" : zero or more leading directories
                    } else {
                        regex.append(".*");
                    }
                } else {
                    regex.append("[^/]*");
                }
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in .dockerignore pattern " + pattern);
                }
                String set = pattern.substring(i + 1, end);
                regex.append('[')
                        .append(set.startsWith("^") || set.startsWith("!") ? "^" + set.substring(1) : set)
                        .append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
