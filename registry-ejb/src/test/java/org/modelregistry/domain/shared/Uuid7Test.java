package org.modelregistry.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Uuid7Test {

    @Test
    void idsAreVersion7AndStrictlyIncreasingInTheDatabasesByteOrder() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(Uuid7.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        for (int i = 1; i < ids.size(); i++) {
            // PostgreSQL compares uuids as unsigned bytes; the string form orders the same way
            assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
        }
        assertThat(ids.get(0).version()).isEqualTo(7);
        assertThat(ids.get(0).variant()).isEqualTo(2);
    }
}
