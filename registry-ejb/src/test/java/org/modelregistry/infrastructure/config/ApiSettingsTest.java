package org.modelregistry.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void theDefaultPageIsNeverLargerThanTheLargestAllowed() {
        ApiSettings s = new ApiSettings();
        s.defaultPageSize = 50;
        s.maxPageSize = 500;
        assertThat(s.defaultPageSize()).isEqualTo(50);
        s.maxPageSize = 20;
        assertThat(s.defaultPageSize()).isEqualTo(20);
        assertThat(s.maxPageSize()).isEqualTo(20);
    }
}
