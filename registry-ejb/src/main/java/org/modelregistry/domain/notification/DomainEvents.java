package org.modelregistry.domain.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The domain events subscribers can hear of, each derived from a committed audit record's action, the filters
 * subscriptions use, and the back-off of deliveries.
 */
public final class DomainEvents {

    public static final String VERSION_CREATED = "version.created";
    public static final String VERSION_STATE_CHANGED = "version.state-changed";
    public static final String APPROVAL_DECIDED = "approval.decided";
    public static final String EVALUATION_FINISHED = "evaluation.finished";
    public static final String DEPLOYMENT_CHANGED = "deployment.changed";
    public static final String POLICY_VIOLATION = "policy.violation";

    public static final List<String> TYPES = List.of(
            VERSION_CREATED,
            VERSION_STATE_CHANGED,
            APPROVAL_DECIDED,
            EVALUATION_FINISHED,
            DEPLOYMENT_CHANGED,
            POLICY_VIOLATION);

    private static final Map<String, String> BY_ACTION = Map.ofEntries(
            Map.entry("version.created", VERSION_CREATED),
            Map.entry("version.transition", VERSION_STATE_CHANGED),
            Map.entry("version.decision", APPROVAL_DECIDED),
            Map.entry("evaluation.finished", EVALUATION_FINISHED),
            Map.entry("deployment.requested", DEPLOYMENT_CHANGED),
            Map.entry("deployment.rollback-requested", DEPLOYMENT_CHANGED),
            Map.entry("deployment.dispatched", DEPLOYMENT_CHANGED),
            Map.entry("deployment.progress", DEPLOYMENT_CHANGED),
            Map.entry("deployment.succeeded", DEPLOYMENT_CHANGED),
            Map.entry("deployment.failed", DEPLOYMENT_CHANGED),
            Map.entry("version.transition.blocked", POLICY_VIOLATION));

    /** The audit actions that make events, for the reader's query. */
    public static final Set<String> ACTIONS = BY_ACTION.keySet();

    private DomainEvents() {}

    /** The event type of an audit action, or null when the action makes none. */
    public static String typeOf(String action) {
        return BY_ACTION.get(action);
    }

    /** Whether a subscription's comma list of types (or {@code *}) takes this type. */
    public static boolean accepts(String filter, String type) {
        for (String f : filter.split(",")) {
            String t = f.trim();
            if (t.equals("*") || t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long to wait before attempt {@code attempt + 1} after {@code attempt} failed: {@code base * 2^(attempt-1)},
     * at most an hour, with +-20% jitter so that receivers coming back are not hit by every sender at once.
     */
    public static Duration backoff(Duration base, int attempt) {
        long millis = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        millis = Math.min(millis, Duration.ofHours(1).toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
    }
}
