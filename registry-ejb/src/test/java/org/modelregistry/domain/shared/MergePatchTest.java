package org.modelregistry.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

class MergePatchTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void followsRfc7386() {
        JsonObject target = json("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"tags\":[\"x\"]}");
        JsonObject patch = json("{\"a\":\"z\",\"c\":{\"f\":null},\"tags\":[\"y\",\"z\"],\"n\":1}");
        assertThat(MergePatch.apply(target, patch, Set.of()))
                .isEqualTo(json("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"tags\":[\"y\",\"z\"],\"n\":1}"));
    }

    @Test
    void nullRemovesAndAbsentKeeps() {
        JsonObject target = json("{\"description\":\"x\",\"name\":\"n\"}");
        assertThat(MergePatch.apply(target, json("{\"description\":null}"), Set.of()))
                .isEqualTo(json("{\"name\":\"n\"}"));
        assertThat(MergePatch.apply(target, json("{}"), Set.of())).isEqualTo(target);
    }

    @Test
    void refusesReadOnlyFieldsByName() {
        assertThatThrownBy(() ->
                        MergePatch.apply(json("{}"), json("{\"id\":1,\"createdAt\":2}"), Set.of("id", "createdAt")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder("id", "createdAt"));
    }

    @Test
    void refusesAMissingPatch() {
        assertThatThrownBy(() -> MergePatch.apply(json("{}"), null, Set.of()))
                .isInstanceOf(InvalidInputException.class);
    }
}
