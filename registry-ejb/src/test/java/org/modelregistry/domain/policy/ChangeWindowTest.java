package org.modelregistry.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ChangeWindowTest {

    // 2026-11-26 is a Thursday
    private static ZonedDateTime at(String iso) {
        return ZonedDateTime.parse(iso);
    }

    @Test
    void weekdayHoursInAZone() {
        ChangeWindow w = ChangeWindow.parse("MON-THU 08:00-17:00 Europe/Berlin");
        assertThat(w.isOpen(at("2026-11-26T07:00:00Z"))).isTrue(); // 08:00 Berlin
        assertThat(w.isOpen(at("2026-11-26T06:59:59Z"))).isFalse();
        assertThat(w.isOpen(at("2026-11-26T16:00:00Z"))).isFalse(); // 17:00 Berlin, end exclusive
        assertThat(w.isOpen(at("2026-11-27T10:00:00Z"))).isFalse(); // Friday
    }

    @Test
    void wrappingDayRangesListsAndMidnight() {
        ChangeWindow w = ChangeWindow.parse("SAT-MON,WED 00:00-24:00 UTC");
        assertThat(w.isOpen(at("2026-11-29T23:59:59Z"))).isTrue(); // Sunday
        assertThat(w.isOpen(at("2026-11-25T12:00:00Z"))).isTrue(); // Wednesday
        assertThat(w.isOpen(at("2026-11-24T12:00:00Z"))).isFalse(); // Tuesday
        assertThat(ChangeWindow.parse("always").isOpen(at("2026-11-24T03:00:00Z")))
                .isTrue();
        assertThat(ChangeWindow.parse("never").isOpen(at("2026-11-24T03:00:00Z")))
                .isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> ChangeWindow.parse("weekdays")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeWindow.parse("MON-XYZ 08:00-10:00 UTC")).hasMessageContaining("XYZ");
        assertThatThrownBy(() -> ChangeWindow.parse("MON 08:00-10:00 Mars/Olympus"))
                .hasMessageContaining("registry.policy.change-window")
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> ChangeWindow.parse("MON 25:00-26:00 UTC")).hasMessageContaining("bad hours");
    }
}
