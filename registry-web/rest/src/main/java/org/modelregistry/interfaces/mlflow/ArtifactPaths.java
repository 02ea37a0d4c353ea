package org.modelregistry.interfaces.mlflow;

import java.util.List;

/**
 * The segments of an artifact path, refusing every way out of it before anything is looked up: empty segments
 * ({@code //}, a leading or trailing {@code /}), {@code .} and {@code ..}, backslashes, percent signs (a second
 * encoding), control characters, and paths longer than any the registry names.
 */
final class ArtifactPaths {

    static final int MAX_LENGTH = 1024;

    private ArtifactPaths() {}

    static List<String> segments(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (path.length() > MAX_LENGTH) {
            throw MlflowException.invalid("An artifact path is at most " + MAX_LENGTH + " characters");
        }
        List<String> segments = List.of(path.split("/", -1));
        for (String s : segments) {
            boolean bad = s.isEmpty()
                    || s.equals(".")
                    || s.equals("..")
                    || s.indexOf('\\') >= 0
                    || s.indexOf('%') >= 0
                    || s.chars().anyMatch(Character::isISOControl);
            if (bad) {
                throw MlflowException.invalid("Invalid artifact path '" + Shown.of(path)
                        + "': segments must be non-empty names, without '.', '..', '\\\\' or '%'");
            }
        }
        return segments;
    }
}
