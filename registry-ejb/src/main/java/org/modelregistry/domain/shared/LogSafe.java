package org.modelregistry.domain.shared;

/**
 * Makes a value a caller supplied (a user name, a client address, a path, an API key prefix, a search) safe to put
 * in a log line: CR, LF and every other control or line-separator character is written as an escape ({@code \n},
 * {@code \r}, {@code \t}, {@code \\u2028}), a backslash is doubled so that an escape cannot be faked, and long values
 * are cut. Without it a user name such as {@code "x\n[INFO] admin signed in"} forges a line in messages.log.
 */
public final class LogSafe {

    /** Longer values are cut: a 1 MB value must not become a 1 MB log line. */
    public static final int MAX_CHARS = 200;

    private LogSafe() {}

    public static String of(Object value) {
        return of(value, MAX_CHARS);
    }

    public static String of(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int end = Math.min(s.length(), maxChars);
        if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never cut a pair in half
        }
        StringBuilder out = new StringBuilder(end + 24);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < s.length()) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
