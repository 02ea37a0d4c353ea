package org.modelregistry.infrastructure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.cache.EpochSlots.Slot;

class EpochSlotsTest {

    @Test
    void aSlotIsKeptAsTextAndReadBackWhateverItsJsonHolds() {
        Slot filled = new Slot(-42, "{\"description\":\"a: b\\nc\",\"x\":1}");
        assertThat(Slot.of(filled.text())).isEqualTo(filled);
        Slot empty = Slot.empty();
        assertThat(Slot.of(empty.text())).isEqualTo(empty);
        assertThat(Slot.of(empty.text()).value()).isNull();
        assertThat(Slot.of(null)).isNull();
    }

    @Test
    void eachEmptyingHasAnEpochOfItsOwnSoAnOldLeaseNeverMatches() {
        Slot a = Slot.empty();
        Slot b = Slot.empty();
        assertThat(a.text()).isNotEqualTo(b.text());
        assertThat(new Slot(a.epoch(), "{}").text()).startsWith(a.epoch() + ":");
    }
}
