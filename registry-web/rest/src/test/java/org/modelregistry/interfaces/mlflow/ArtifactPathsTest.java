package org.modelregistry.interfaces.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactPathsTest {

    @Test
    void splitsAPathIntoItsSegments() {
        assertThat(ArtifactPaths.segments("mlflow/fraud/1/model.pkl"))
                .containsExactly("mlflow", "fraud", "1", "model.pkl");
        assertThat(ArtifactPaths.segments("")).isEmpty();
    }

    @Test
    void refusesEveryWayOutOfThePath() {
        for (String bad : new String[] {
            "../etc/passwd",
            "mlflow/fraud/1/..",
            "mlflow/./fraud",
            "/mlflow/fraud",
            "mlflow//fraud",
            "mlflow/fraud/",
            "mlflow\\..\\x",
            "mlflow/%2e%2e/x",
            "mlflow/fr\u0000aud",
            "a/".repeat(600)
        }) {
            assertThatThrownBy(() -> ArtifactPaths.segments(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            MlflowException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(MlflowException.INVALID_PARAMETER_VALUE));
        }
    }
}
