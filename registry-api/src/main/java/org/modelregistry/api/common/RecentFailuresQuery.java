package org.modelregistry.api.common;

/**
 * Which recent failures to list: the latest {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT})
 * and the counts per day of the last {@code days} (1 to {@value #MAX_DAYS}, default {@value #DEFAULT_DAYS}, today
 * included). Values out of range are brought into it: this is a view, not a stored request.
 */
public record RecentFailuresQuery(Integer limit, Integer days) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    public static final int DEFAULT_DAYS = 14;
    public static final int MAX_DAYS = 90;

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    }

    public int daysOrDefault() {
        return days == null ? DEFAULT_DAYS : Math.max(1, Math.min(MAX_DAYS, days));
    }
}
