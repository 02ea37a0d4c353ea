package org.modelregistry.interfaces.mlflow;

/** A caller's value as an error message may repeat it: printable, and cut to a length that cannot flood a log. */
final class Shown {

    private static final int MAX = 200;

    private Shown() {}

    static String of(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return value.codePointCount(0, value.length()) > MAX ? out + "..." : out.toString();
    }
}
