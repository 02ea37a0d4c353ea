package org.modelregistry.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.common.DailyCountDto;
import org.modelregistry.api.common.RecentFailuresQuery;

class RecentFailuresTest {

    @Test
    void everyDayOfTheWindowIsListedOldestFirstWithZeroWhereNothingFailed() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(RecentFailures.zeros(3, Map.of(today.minusDays(1), 4L, today.minusDays(7), 9L)))
                .containsExactly(
                        new DailyCountDto(today.minusDays(2), 0),
                        new DailyCountDto(today.minusDays(1), 4),
                        new DailyCountDto(today, 0));
    }

    @Test
    void limitsAndDaysAreBroughtIntoTheirRange() {
        assertThat(new RecentFailuresQuery(null, null).limitOrDefault()).isEqualTo(RecentFailuresQuery.DEFAULT_LIMIT);
        assertThat(new RecentFailuresQuery(null, null).daysOrDefault()).isEqualTo(RecentFailuresQuery.DEFAULT_DAYS);
        assertThat(new RecentFailuresQuery(0, 0).limitOrDefault()).isEqualTo(1);
        assertThat(new RecentFailuresQuery(0, 0).daysOrDefault()).isEqualTo(1);
        assertThat(new RecentFailuresQuery(10_000, 10_000).limitOrDefault()).isEqualTo(RecentFailuresQuery.MAX_LIMIT);
        assertThat(new RecentFailuresQuery(10_000, 10_000).daysOrDefault()).isEqualTo(RecentFailuresQuery.MAX_DAYS);
    }
}
