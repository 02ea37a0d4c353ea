package org.modelregistry.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AuditDiffTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void onlyChangedFieldsWithBothSides() {
        JsonObject diff = AuditDiff.changes(
                json("{\"riskTier\":\"LOW\",\"tags\":[\"a\"],\"name\":\"m\",\"description\":\"old\"}"),
                json("{\"riskTier\":\"HIGH\",\"tags\":[\"a\",\"b\"],\"name\":\"m\"}"));
        assertThat(diff.keySet()).containsExactly("description", "riskTier", "tags");
        assertThat(diff.getJsonObject("riskTier").getString("before")).isEqualTo("LOW");
        assertThat(diff.getJsonObject("riskTier").getString("after")).isEqualTo("HIGH");
        assertThat(diff.getJsonObject("description").isNull("after")).isTrue();
        assertThat(diff.getJsonObject("tags").getJsonArray("after")).hasSize(2);
    }

    @Test
    void nothingChangedIsEmpty() {
        assertThat(AuditDiff.changes(json("{\"a\":1}"), json("{\"a\":1}"))).isEmpty();
    }
}
