package org.modelregistry.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** registry.audit.*: the retention period is refused at start when it is not a positive ISO-8601 period. */
class AuditSettingsTest {

    @Test
    void theRetentionIsAPositivePeriod() {
        assertThat(AuditSettings.retention("P10Y")).isEqualTo(Period.ofYears(10));
        assertThatThrownBy(() -> AuditSettings.retention("P0D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registry.audit.retention: must be positive, got P0D");
        assertThatThrownBy(() -> AuditSettings.retention("ten years"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("registry.audit.retention: expected an ISO-8601 period such as P10Y, got 'ten years'");
    }

    @Test
    void checkNamesAMalformedRetentionAndABlankCheckpointDirIsNone() {
        AuditSettings settings = new AuditSettings();
        settings.retention = "-P1Y";
        settings.checkpointDir = Optional.of(" ");
        assertThatThrownBy(settings::check).hasMessageContaining("registry.audit.retention");
        assertThat(settings.checkpointDir()).isEmpty();
        settings.checkpointDir = Optional.of("/srv/audit");
        assertThat(settings.checkpointDir()).contains(Path.of("/srv/audit"));
    }
}
