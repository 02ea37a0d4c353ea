package org.modelregistry.domain.catalog;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, ordered by its precedence rules (build metadata is ignored for order).
 * {@link #sortKey()} encodes that order as a string that sorts byte-wise the same way, so the database can order
 * and page versions by precedence with an index (the column uses the "C" collation).
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {

    // The regular expression recommended by semver.org.
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    private static final int MAX_LENGTH = 128;
    private static final int NUMBER_DIGITS = 19;

    private final String text;
    private final long major;
    private final long minor;
    private final long patch;
    private final List<String> preRelease;
    private final String build;

    private SemanticVersion(String text, long major, long minor, long patch, List<String> preRelease, String build) {
        this.text = text;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        this.build = build;
    }

    /**
     * Parses a version such as {@code 1.4.0-rc.1+build.7}.
     *
     * @throws IllegalArgumentException with a message fit for a user when it is not a valid semantic version
     */
    public static SemanticVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Semantic Versioning 2.0.0 version "
                    + "(MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.4.0-rc.1)");
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        for (String id : pre) {
            if (isNumeric(id) && id.length() > NUMBER_DIGITS) {
                throw new IllegalArgumentException("numeric pre-release identifier '" + id + "' is too large");
            }
        }
        return new SemanticVersion(
                text,
                number(m.group(1)),
                number(m.group(2)),
                number(m.group(3)),
                Collections.unmodifiableList(new ArrayList<>(pre)),
                m.group(5));
    }

    private static long number(String digits) {
        if (digits.length() > NUMBER_DIGITS
                || new BigInteger(digits).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("version number '" + digits + "' is too large");
        }
        return Long.parseLong(digits);
    }

    private static boolean isNumeric(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    public List<String> preRelease() {
        return preRelease;
    }

    public String build() {
        return build;
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /**
     * A string whose byte-wise order is the version's precedence: fixed-width numbers, '!' before pre-release
     * identifiers (which sorts below '~', the marker of a release), and '#' between identifiers ('#' sorts below
     * every character an identifier may hold, so a shorter list of equal prefix sorts first). Numeric identifiers
     * get a '0' prefix and alphanumeric ones a '1', as numeric ones have lower precedence.
     */
    public String sortKey() {
        StringBuilder key = new StringBuilder(80);
        key.append(pad(major)).append('.').append(pad(minor)).append('.').append(pad(patch));
        if (preRelease.isEmpty()) {
            return key.append('~').toString();
        }
        key.append('!');
        for (int i = 0; i < preRelease.size(); i++) {
            if (i > 0) {
                key.append('#');
            }
            String id = preRelease.get(i);
            key.append(isNumeric(id) ? "0" + pad(Long.parseLong(id)) : "1" + id);
        }
        return key.toString();
    }

    private static String pad(long n) {
        String s = Long.toString(n);
        return "0".repeat(NUMBER_DIGITS - s.length()) + s;
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            // a release has higher precedence than any of its pre-releases
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            String a = preRelease.get(i);
            String b = o.preRelease.get(i);
            boolean an = isNumeric(a);
            boolean bn = isNumeric(b);
            if (an && bn) {
                c = Long.compare(Long.parseLong(a), Long.parseLong(b));
            } else if (an != bn) {
                c = an ? -1 : 1;
            } else {
                c = a.compareTo(b);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemanticVersion v && text.equals(v.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
