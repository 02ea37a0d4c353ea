package org.modelregistry.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboundSettingsTest {

    private static OutboundSettings settings(String allow) {
        OutboundSettings s = new OutboundSettings();
        s.outboundAllow = Optional.ofNullable(allow);
        return s;
    }

    @Test
    void noListAllowsNoInternalHost() {
        OutboundSettings s = settings(null);
        assertThat(s.outboundAllow()).isEmpty();
        s.check();
    }

    @Test
    void aMalformedEntryStopsTheStartNamingTheSetting() {
        settings("127.0.0.1:18080, ci.internal, 10.9.0.0/16").check();
        assertThatThrownBy(() -> settings("10.0.0.0/33").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.outbound.allow:");
    }
}
