package org.modelregistry.domain.governance;

import static org.modelregistry.api.catalog.VersionState.APPROVED;
import static org.modelregistry.api.catalog.VersionState.CHANGES_REQUESTED;
import static org.modelregistry.api.catalog.VersionState.DEPLOYED;
import static org.modelregistry.api.catalog.VersionState.DEPRECATED;
import static org.modelregistry.api.catalog.VersionState.DRAFT;
import static org.modelregistry.api.catalog.VersionState.IN_REVIEW;
import static org.modelregistry.api.catalog.VersionState.REJECTED;
import static org.modelregistry.api.catalog.VersionState.RETIRED;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelregistry.api.catalog.VersionState;

/**
 * The version lifecycle: DRAFT -> IN_REVIEW -> APPROVED, CHANGES_REQUESTED (back to DRAFT) or REJECTED;
 * APPROVED -> DEPLOYED -> DEPRECATED -> RETIRED; APPROVED and DEPLOYED versions go back to IN_REVIEW for
 * revalidation (a new review round, as an expired approval requires). Owners make the moves of
 * {@link #requestable}; APPROVED, CHANGES_REQUESTED and REJECTED are reached only through reviewers' decisions,
 * DEPLOYED only through a deployment.
 * <p>
 * Once a version has been APPROVED its content is frozen for good: no path leads it back to DRAFT, where content
 * changes. A re-review that is withdrawn or asks for changes ends in DEPRECATED or goes back to review; a change of
 * content means a new version.
 */
public final class Lifecycle {

    private static final Map<VersionState, Set<VersionState>> REQUESTABLE = new EnumMap<>(Map.of(
            DRAFT, Set.of(IN_REVIEW),
            IN_REVIEW, Set.of(DRAFT),
            CHANGES_REQUESTED, Set.of(DRAFT),
            APPROVED, Set.of(IN_REVIEW, DEPRECATED),
            DEPLOYED, Set.of(IN_REVIEW, DEPRECATED),
            DEPRECATED, Set.of(RETIRED),
            REJECTED, Set.of(),
            RETIRED, Set.of()));

    /** The moves of a version whose content was approved once: never back to DRAFT. */
    private static final Map<VersionState, Set<VersionState>> REQUESTABLE_FROZEN = new EnumMap<>(Map.of(
            IN_REVIEW, Set.of(DEPRECATED),
            CHANGES_REQUESTED, Set.of(IN_REVIEW, DEPRECATED)));

    private Lifecycle() {}

    /** The moves an owner may request from {@code state}, in lifecycle order. */
    public static List<VersionState> requestable(VersionState state) {
        return requestable(state, false);
    }

    /** The moves an owner may request from {@code state}, for a version whose content is frozen or not. */
    public static List<VersionState> requestable(VersionState state, boolean contentFrozen) {
        return moves(state, contentFrozen).stream().sorted().toList();
    }

    public static boolean isRequestable(VersionState from, VersionState to) {
        return isRequestable(from, to, false);
    }

    public static boolean isRequestable(VersionState from, VersionState to, boolean contentFrozen) {
        return moves(from, contentFrozen).contains(to);
    }

    private static Set<VersionState> moves(VersionState from, boolean contentFrozen) {
        if (contentFrozen && REQUESTABLE_FROZEN.containsKey(from)) {
            return REQUESTABLE_FROZEN.get(from);
        }
        return REQUESTABLE.getOrDefault(from, Set.of());
    }

    /** Why a move cannot be requested: states that only decisions or deployments reach say so. */
    public static String whyNot(VersionState from, VersionState to) {
        return whyNot(from, to, false);
    }

    public static String whyNot(VersionState from, VersionState to, boolean contentFrozen) {
        if (contentFrozen && to == DRAFT) {
            return "the version was approved once: its content is frozen for good and it never returns to DRAFT;"
                    + " register a new version to change it";
        }
        return switch (to) {
            case APPROVED, CHANGES_REQUESTED, REJECTED ->
                from == IN_REVIEW
                        ? to + " is reached through reviewers' decisions (POST .../approvals)"
                        : to + " is reached only from IN_REVIEW, through reviewers' decisions";
            case DEPLOYED -> "DEPLOYED is reached through a deployment";
            default -> "the lifecycle allows " + requestable(from, contentFrozen) + " from " + from;
        };
    }
}
