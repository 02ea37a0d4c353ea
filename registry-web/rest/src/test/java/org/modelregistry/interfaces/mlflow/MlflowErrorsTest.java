package org.modelregistry.interfaces.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.UnauthorizedException;

class MlflowErrorsTest {

    @Test
    void theRegistrysErrorsKeepTheirReasonUnderMlflowsCodes() {
        assertError(new NotFoundException("model", "x"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(new ForbiddenException("only deployers move production"), 403, "PERMISSION_DENIED");
        assertError(new ConflictException("not a DRAFT", "state"), 400, "INVALID_STATE");
        assertError(new InvalidInputException(List.of(new FieldError("name", "bad"))), 400, "INVALID_PARAMETER_VALUE");
        assertError(new UnauthorizedException("no"), 401, "UNAUTHENTICATED");
        assertError(new JsonException("unexpected char"), 400, "INVALID_PARAMETER_VALUE");
        assertError(new IllegalStateException("bug"), 500, "INTERNAL_ERROR");
        assertThat(MlflowErrors.classify(new ForbiddenException("only deployers"), "r1")
                        .message())
                .isEqualTo("only deployers");
    }

    @Test
    void onlyMlflowPathsTakeMlflowsShape() {
        assertThat(MlflowErrors.isMlflowPath("/api/2.0/mlflow/registered-models/get"))
                .isTrue();
        assertThat(MlflowErrors.isMlflowPath("/api/2.0/mlflow-artifacts/artifacts/a"))
                .isTrue();
        assertThat(MlflowErrors.isMlflowPath("/api/v1/models")).isFalse();
        assertThat(MlflowErrors.isMlflowPath(null)).isFalse();
    }

    private static void assertError(Throwable e, int status, String code) {
        MlflowErrors.Error error = MlflowErrors.classify(e, "r1");
        assertThat(error.status()).as(e.toString()).isEqualTo(status);
        assertThat(error.code()).as(e.toString()).isEqualTo(code);
    }
}
