package org.modelregistry.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyInputTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void digestIgnoresKeyOrderAndNulls() {
        PolicyInput a =
                new PolicyInput(json("{\"model\":{\"name\":\"m\",\"riskTier\":\"LOW\"},\"request\":{\"to\":\"X\"}}"));
        PolicyInput b =
                new PolicyInput(json("{\"request\":{\"to\":\"X\"},\"model\":{\"riskTier\":\"LOW\",\"name\":\"m\","
                        + "\"description\":null}}"));
        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
        assertThat(new PolicyInput(json("{\"model\":{\"name\":\"n\"}}")).digest())
                .isNotEqualTo(a.digest());
    }

    @Test
    void numbersBecomeLongOrDoubleAndMissingVariablesAreEmpty() {
        PolicyInput in = new PolicyInput(json("{\"version\":{\"metadata\":{\"epochs\":12,\"accuracy\":0.93,"
                + "\"big\":123456789012345678901234567890}}}"));
        var metadata = (Map<?, ?>) ((Map<?, ?>) in.variables().get("version")).get("metadata");
        assertThat(metadata.get("epochs")).isEqualTo(12L);
        assertThat(metadata.get("accuracy")).isEqualTo(0.93);
        assertThat(metadata.get("big")).isInstanceOf(Double.class);
        assertThat(in.variables().get("artifacts")).isEqualTo(List.of());
        assertThat(in.variables().get("model")).isEqualTo(Map.of());
        assertThat(PolicyEngine.evaluate(
                                "version.metadata.epochs == 12 && version.metadata.accuracy > 0.9", in.variables())
                        .passed())
                .isTrue();
    }
}
