package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.hibernate.search.util.common.data.Range;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.infrastructure.search.AuditTimeline.Interval;

class AuditTimelineTest {

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void bucketsFollowTheCalendarInUtcAndAreClippedToTheRange() {
        List<Range<Instant>> weeks =
                AuditTimeline.buckets(Interval.WEEK, t("2026-12-02T10:00:00Z"), t("2026-12-16T00:00:00Z"));
        assertThat(weeks).hasSize(3);
        assertThat(weeks.get(0).lowerBoundValue()).contains(t("2026-12-02T10:00:00Z"));
        assertThat(weeks.get(0).upperBoundValue()).contains(t("2026-12-07T00:00:00Z")); // Monday
        assertThat(weeks.get(2).upperBoundValue()).contains(t("2026-12-16T00:00:00Z"));

        List<Range<Instant>> months =
                AuditTimeline.buckets(Interval.MONTH, t("2026-01-31T23:00:00Z"), t("2026-03-01T00:00:00Z"));
        assertThat(months)
                .extracting(r -> r.lowerBoundValue().orElseThrow())
                .containsExactly(t("2026-01-31T23:00:00Z"), t("2026-02-01T00:00:00Z"));
    }

    @Test
    void theIntervalChosenIsTheFinestOfAtMostAHundredBuckets() {
        assertThat(AuditTimeline.choose(null, t("2026-12-01T00:00:00Z"), t("2026-12-03T00:00:00Z")))
                .isEqualTo(Interval.HOUR);
        assertThat(AuditTimeline.choose(null, t("2026-10-01T00:00:00Z"), t("2026-12-03T00:00:00Z")))
                .isEqualTo(Interval.DAY);
        assertThat(AuditTimeline.choose(null, t("2025-06-01T00:00:00Z"), t("2026-12-03T00:00:00Z")))
                .isEqualTo(Interval.WEEK);
        assertThat(AuditTimeline.choose(null, t("2016-01-01T00:00:00Z"), t("2026-12-03T00:00:00Z")))
                .isEqualTo(Interval.MONTH);
        assertThat(AuditTimeline.choose(Interval.DAY, t("2016-01-01T00:00:00Z"), t("2026-12-03T00:00:00Z")))
                .isEqualTo(Interval.DAY);
    }

    @Test
    void namesAreTheApisAndTooManyBucketsAreRefused() {
        assertThat(Interval.of(" Week ")).isEqualTo(Interval.WEEK);
        assertThat(Interval.MONTH.apiName()).isEqualTo("month");
        assertThatThrownBy(() -> Interval.of("fortnight"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("interval:"));
        assertThatThrownBy(
                        () -> AuditTimeline.buckets(Interval.DAY, t("2000-01-01T00:00:00Z"), t("2026-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than 1000 buckets");
    }
}
