package org.modelregistry.domain.deployment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The CI/CD systems whose own events report a deployment's progress, by the path segment they post to. */
public enum CiSystem {
    GITHUB,
    GITLAB,
    JENKINS;

    /** The system a path segment names ({@code github}, {@code gitlab}, {@code jenkins}), if it names one. */
    public static Optional<CiSystem> of(String pathSegment) {
        return Arrays.stream(values())
                .filter(s -> s.pathSegment().equals(pathSegment))
                .findFirst();
    }

    public String pathSegment() {
        return name().toLowerCase(Locale.ROOT);
    }
}
