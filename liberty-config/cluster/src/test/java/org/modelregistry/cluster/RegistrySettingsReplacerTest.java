package org.modelregistry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrySettingsReplacerTest {

    private static RegistrySettingsReplacer with(Map<String, String> settings) {
        RegistrySettingsReplacer replacer = new RegistrySettingsReplacer();
        replacer.useSettings(settings);
        return replacer;
    }

    @Test
    void aloneOnLoopbackByDefault() {
        RegistrySettingsReplacer r = with(Map.of());
        assertThat(r.getReplacement("name")).isEqualTo("model-registry");
        assertThat(r.getReplacement("port")).isEqualTo("5701");
        assertThat(r.getReplacement("members")).as("alone: itself").isEqualTo("127.0.0.1:5701");
        assertThat(r.getReplacement("interface")).isEqualTo("127.0.0.1");
        assertThat(r.getReplacement("interface-enabled")).isEqualTo("true");
        assertThat(r.getReplacement("bind-any"))
                .as("never every interface unless asked")
                .isEqualTo("false");
        assertThat(r.getReplacement("tcp-ip-enabled")).isEqualTo("true");
        assertThat(r.getReplacement("kubernetes-enabled")).isEqualTo("false");
    }

    @Test
    void membersAndKubernetesFromTheSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("registry.cluster.members", " 10.0.0.1:5701, host-b ,");
        s.put("registry.cluster.interface", "*");
        assertThat(with(s).getReplacement("members")).isEqualTo("10.0.0.1:5701,host-b");
        assertThat(with(s).getReplacement("bind-any")).isEqualTo("true");
        assertThat(with(s).getReplacement("interface-enabled")).isEqualTo("false");
        s.put("registry.cluster.discovery", "KUBERNETES");
        s.put("registry.cluster.kubernetes.service-dns", "registry-hz.ns.svc.cluster.local");
        assertThat(with(s).getReplacement("kubernetes-enabled")).isEqualTo("true");
        assertThat(with(s).getReplacement("tcp-ip-enabled")).isEqualTo("false");
        assertThat(with(s).getReplacement("kubernetes.service-dns")).isEqualTo("registry-hz.ns.svc.cluster.local");
    }

    @Test
    void malformedSettingsAreRefusedByName() {
        assertThatThrownBy(() -> with(Map.of("registry.cluster.port", "70000")).getReplacement("port"))
                .hasMessageContaining("registry.cluster.port");
        assertThatThrownBy(() -> with(Map.of("registry.cluster.members", "a:b")).getReplacement("members"))
                .hasMessageContaining("registry.cluster.members");
        assertThatThrownBy(() ->
                        with(Map.of("registry.cluster.discovery", "multicast")).getReplacement("name"))
                .hasMessageContaining("registry.cluster.discovery");
        assertThatThrownBy(() -> with(Map.of("registry.cluster.discovery", "kubernetes"))
                        .getReplacement("kubernetes.service-dns"))
                .hasMessageContaining("registry.cluster.kubernetes.service-dns");
        assertThatThrownBy(() -> with(Map.of()).getReplacement("anything")).hasMessageContaining("anything");
    }
}
