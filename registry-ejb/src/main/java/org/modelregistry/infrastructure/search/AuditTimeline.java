package org.modelregistry.infrastructure.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.search.util.common.data.Range;
import org.modelregistry.api.problem.InvalidInputException;

/**
 * The buckets of an audit search's time facet: consecutive hours, days, weeks (from Monday) or months, in UTC, that
 * cover the range searched, the first and last clipped to it. Without an interval the finest one that makes at most
 * {@link #AUTO_BUCKETS} buckets is chosen; with one, more than {@link #MAX_BUCKETS} is refused.
 */
public final class AuditTimeline {

    /** The intervals, as the API names them. */
    public enum Interval {
        HOUR,
        DAY,
        WEEK,
        MONTH;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The interval of an API value (any case), or 422 naming {@code interval}. */
        public static Interval of(String value) {
            for (Interval i : values()) {
                if (i.name().equalsIgnoreCase(value.trim())) {
                    return i;
                }
            }
            throw new InvalidInputException("interval", "one of hour, day, week, month");
        }

        /** The start of the bucket holding the instant. */
        Instant floor(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return switch (this) {
                case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
                case DAY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
                case WEEK ->
                    z.toLocalDate()
                            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                case MONTH ->
                    LocalDate.of(z.getYear(), z.getMonth(), 1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
            };
        }

        Instant next(Instant start) {
            ZonedDateTime z = start.atZone(ZoneOffset.UTC);
            return switch (this) {
                case HOUR -> z.plusHours(1).toInstant();
                case DAY -> z.plusDays(1).toInstant();
                case WEEK -> z.plusWeeks(1).toInstant();
                case MONTH -> z.plusMonths(1).toInstant();
            };
        }
    }

    /** At most this many buckets when the interval is chosen for the caller. */
    static final int AUTO_BUCKETS = 100;

    /** At most this many buckets when the caller names the interval. */
    static final int MAX_BUCKETS = 1_000;

    private AuditTimeline() {}

    /** The interval named, or the finest one giving at most {@link #AUTO_BUCKETS} buckets over [from, to). */
    static Interval choose(Interval named, Instant from, Instant to) {
        if (named != null) {
            return named;
        }
        for (Interval i : Interval.values()) {
            if (count(i, from, to, AUTO_BUCKETS + 1) <= AUTO_BUCKETS) {
                return i;
            }
        }
        return Interval.MONTH;
    }

    /**
     * The buckets over [from, to) (to exclusive), each clipped to the range; 422 naming {@code interval} when they
     * are more than {@link #MAX_BUCKETS}.
     */
    static List<Range<Instant>> buckets(Interval interval, Instant from, Instant to) {
        if (count(interval, from, to, MAX_BUCKETS + 1) > MAX_BUCKETS) {
            throw new InvalidInputException(
                    "interval",
                    "the range makes more than " + MAX_BUCKETS + " buckets of one " + interval.apiName()
                            + "; choose a longer interval or a shorter range");
        }
        List<Range<Instant>> buckets = new ArrayList<>();
        for (Instant start = interval.floor(from); start.isBefore(to); start = interval.next(start)) {
            Instant end = interval.next(start);
            buckets.add(Range.canonical(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
        }
        return buckets;
    }

    /** How many buckets cover [from, to), counting up to {@code cap}. */
    private static int count(Interval interval, Instant from, Instant to, int cap) {
        int n = 0;
        for (Instant start = interval.floor(from); start.isBefore(to) && n < cap; start = interval.next(start)) {
            n++;
        }
        return n;
    }
}
