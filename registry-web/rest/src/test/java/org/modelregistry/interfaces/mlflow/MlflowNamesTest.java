package org.modelregistry.interfaces.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MlflowNamesTest {

    @Test
    void aBareNameIsInTheDefaultGroupAndAPrefixNamesTheGroup() {
        assertThat(MlflowNames.parse("fraud", "mlflow")).isEqualTo(new MlflowNames.ModelName("mlflow", "fraud"));
        assertThat(MlflowNames.parse("risk/fraud", "mlflow")).isEqualTo(new MlflowNames.ModelName("risk", "fraud"));
        assertThat(MlflowNames.format("mlflow", "fraud", "mlflow")).isEqualTo("fraud");
        assertThat(MlflowNames.format("risk", "fraud", "mlflow")).isEqualTo("risk/fraud");
    }

    @Test
    void namesThatAreNoRegistryNamesAreRefused() {
        for (String bad : new String[] {"", "Fraud", "a/b/c", "../x", "a b", "-x", "x".repeat(64), "/x", "x/"}) {
            assertThatThrownBy(() -> MlflowNames.parse(bad, "mlflow"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            MlflowException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(MlflowException.INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void versionNumbersAreWholeSemanticVersions() {
        assertThat(MlflowNames.registryVersion("3")).isEqualTo("3.0.0");
        assertThat(MlflowNames.mlflowVersion("3.0.0")).isEqualTo("3");
        assertThat(MlflowNames.mlflowVersion("1.4.0")).isEqualTo("1.4.0");
        assertThat(MlflowNames.registryVersion("1.4.0")).isEqualTo("1.4.0");
        assertThat(MlflowNames.major("12.0.0")).isEqualTo(12);
        assertThat(MlflowNames.major("2.1.0-rc.1")).isEqualTo(2);
        for (String bad : new String[] {"", "-1", "01", "one", "9999999999", "1/../2"}) {
            assertThatThrownBy(() -> MlflowNames.registryVersion(bad)).as(bad).isInstanceOf(MlflowException.class);
        }
    }
}
