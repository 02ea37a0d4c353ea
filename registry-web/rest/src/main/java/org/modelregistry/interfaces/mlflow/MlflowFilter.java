package org.modelregistry.interfaces.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * MLflow's search filter: comparisons joined by {@code AND}, each {@code <key> <op> <value>} with a string value in
 * single or double quotes ({@code IN} takes a parenthesised list of them). Keys are {@code name}, {@code run_id},
 * {@code source_path} and {@code tags.<key>} (a tag key may be back-quoted); operators {@code =}, {@code !=},
 * {@code LIKE}, {@code ILIKE} (with {@code %} and {@code _}) and {@code IN}. Which keys an endpoint accepts is the
 * endpoint's choice ({@link #parse}).
 */
public record MlflowFilter(List<Clause> clauses) {

    /** The longest filter read: far beyond any useful one, so a huge string is refused before it is scanned. */
    static final int MAX_LENGTH = 4096;

    /** One comparison; {@code values} holds one value except for {@code IN}. */
    public record Clause(String key, String op, List<String> values) {

        /** Whether {@code actual} (null when the object has no such field or tag) satisfies the comparison. */
        public boolean test(String actual) {
            if (actual == null) {
                return false;
            }
            return switch (op) {
                case "=" -> actual.equals(values.get(0));
                case "!=" -> !actual.equals(values.get(0));
                case "IN" -> values.contains(actual);
                case "LIKE" -> like(values.get(0), false).matcher(actual).matches();
                case "ILIKE" -> like(values.get(0), true).matcher(actual).matches();
                default -> throw new IllegalStateException(op);
            };
        }

        /** The tag key of a {@code tags.<key>} clause, null for other keys. */
        public String tagKey() {
            return key.startsWith("tags.") ? key.substring(5) : null;
        }

        /** The value of an equality, or null when this clause is not {@code <key> = <value>}. */
        public String equalTo(String field) {
            return key.equals(field) && op.equals("=") ? values.get(0) : null;
        }
    }

    /** Whether an object whose fields and tags {@code lookup} answers satisfies every clause. */
    public boolean test(Function<String, String> lookup) {
        return clauses.stream().allMatch(c -> c.test(lookup.apply(c.key())));
    }

    /** The value an equality on {@code field} requires, or null when there is none. */
    public String equalTo(String field) {
        return clauses.stream()
                .map(c -> c.equalTo(field))
                .filter(v -> v != null)
                .findFirst()
                .orElse(null);
    }

    /**
     * Parses a filter; null or blank is the empty filter.
     *
     * @param keys the plain keys this endpoint searches by; {@code tags.<key>} is always allowed
     * @throws MlflowException INVALID_PARAMETER_VALUE naming what is wrong
     */
    public static MlflowFilter parse(String filter, Set<String> keys) {
        if (filter == null || filter.isBlank()) {
            return new MlflowFilter(List.of());
        }
        if (filter.length() > MAX_LENGTH) {
            throw MlflowException.invalid("filter must be at most " + MAX_LENGTH + " characters");
        }
        return new Parser(filter, keys).parse();
    }

    private static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(
                regex.toString(),
                ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL : Pattern.DOTALL);
    }

    /** A recursive-descent reader of the grammar above. */
    private static final class Parser {
        private final String s;
        private final Set<String> keys;
        private int i;

        Parser(String s, Set<String> keys) {
            this.s = s;
            this.keys = keys;
        }

        MlflowFilter parse() {
            List<Clause> clauses = new ArrayList<>();
            clauses.add(clause());
            skipSpaces();
            while (i < s.length()) {
                String word = word();
                if (!word.equalsIgnoreCase("AND")) {
                    throw error("expected AND between comparisons (OR is not supported)");
                }
                clauses.add(clause());
                skipSpaces();
            }
            return new MlflowFilter(List.copyOf(clauses));
        }

        private Clause clause() {
            String key = key();
            String op = operator();
            List<String> values = new ArrayList<>();
            skipSpaces();
            if (op.equals("IN")) {
                expect('(');
                values.add(string());
                skipSpaces();
                while (peek() == ',') {
                    i++;
                    values.add(string());
                    skipSpaces();
                }
                expect(')');
            } else {
                values.add(string());
            }
            return new Clause(key, op, List.copyOf(values));
        }

        private String key() {
            skipSpaces();
            String word = word();
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("tags") || lower.equals("tag")) {
                if (peek() != '.') {
                    throw error("expected tags.<key>");
                }
                i++;
                String tag = peek() == '`' || peek() == '"' ? quoted(peek()) : word();
                if (tag.isEmpty()) {
                    throw error("a tag key is required after tags.");
                }
                return "tags." + tag;
            }
            if (!keys.contains(lower)) {
                throw MlflowException.invalid("Invalid filter: cannot search by '" + Shown.of(word) + "'; the keys are "
                        + String.join(", ", keys.stream().sorted().toList()) + " and tags.<key>");
            }
            return lower;
        }

        private String operator() {
            skipSpaces();
            if (s.startsWith("!=", i)) {
                i += 2;
                return "!=";
            }
            if (peek() == '=') {
                i++;
                return "=";
            }
            String word = word().toUpperCase(Locale.ROOT);
            if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
                return word;
            }
            throw error("expected one of =, !=, LIKE, ILIKE, IN");
        }

        private String string() {
            skipSpaces();
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a value in quotes");
            }
            return quoted(q);
        }

        private String quoted(char q) {
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw error("unterminated quote");
            }
            String value = s.substring(i + 1, end);
            i = end + 1;
            return value;
        }

        private String word() {
            skipSpaces();
            int start = i;
            while (i < s.length()
                    && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
                i++;
            }
            if (start == i) {
                throw error("expected a word");
            }
            return s.substring(start, i);
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private MlflowException error(String what) {
            return MlflowException.invalid("Invalid filter '" + Shown.of(s) + "' at character " + i + ": " + what);
        }
    }
}
