package org.modelregistry.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.function.Function;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

/** What the tests of the request records share: a body from text, and the field errors a body is refused with. */
public final class RequestBodies {

    private RequestBodies() {}

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /**
     * The errors of the one 422 invalid-input problem that reading {@code text} must throw, in the order the problem
     * document lists them.
     */
    public static List<FieldError> refusal(Function<JsonObject, ?> fromJson, String text) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> fromJson.apply(json(text)));
        assertThat(e).as("refused: " + text).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.type()).endsWith("/invalid-input");
        return e.errors();
    }
}
