package org.modelregistry.domain.shared;

/**
 * The parts every context's named queries of recent failures share (see {@code application.shared.RecentFailures}
 * for their parameters): constants, so that they can be concatenated into the queries' annotations.
 */
public final class RecentFailureSql {

    private RecentFailureSql() {}

    /** {@code ?1} every organization, or {@code ?2} one of these ({@code m} is the failed object's model). */
    public static final String IN_ORGANIZATIONS =
            " (CAST(? AS boolean) OR m.organization_id = ANY (CAST(? AS uuid[])))";

    /** The start of the window of {@code ?3} days (UTC), today included. */
    public static final String WINDOW_START =
            " (date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => CAST(? AS int) - 1))"
                    + " AT TIME ZONE 'UTC'";
}
