package org.modelregistry.api.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

/** The deployment context's request bodies: typed fields, unknown and mistyped fields named in one 422. */
class DeploymentRequestsTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static void assertFields(Runnable parse, String... fields) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(fields));
    }

    @Test
    void aTargetRequestReadsEveryField() {
        CreateDeploymentTargetRequest r = CreateDeploymentTargetRequest.fromJson(json("{\"organization\":\"acme\","
                + "\"name\":\"prod-eu\",\"environment\":\"production\",\"kind\":\"WEBHOOK\",\"format\":\"GITHUB\","
                + "\"url\":\"https://ci.example.com\",\"secret\":\"s\",\"token\":\"t\",\"settings\":{\"ref\":\"main\"},"
                + "\"enabled\":false,\"eventSecret\":\"e\"}"));
        assertThat(r)
                .isEqualTo(new CreateDeploymentTargetRequest(
                        "acme",
                        "prod-eu",
                        "production",
                        "WEBHOOK",
                        "GITHUB",
                        "https://ci.example.com",
                        "s",
                        "t",
                        json("{\"ref\":\"main\"}"),
                        false,
                        "e"));
    }

    @Test
    void aTargetRequestLeavesOutWhatIsMissingOrNull() {
        CreateDeploymentTargetRequest r =
                CreateDeploymentTargetRequest.fromJson(json("{\"name\":\"t\",\"token\":null}"));
        assertThat(r.name()).isEqualTo("t");
        assertThat(r.token()).isNull();
        assertThat(r.organization()).isNull();
        assertThat(r.settings()).isNull();
        assertThat(r.enabled()).isNull();
    }

    @Test
    void aTargetRequestNamesEveryMistypedOrUnknownField() {
        assertFields(
                () -> CreateDeploymentTargetRequest.fromJson(
                        json("{\"name\":1,\"settings\":\"x\",\"enabled\":\"yes\",\"url\":[],\"colour\":\"red\"}")),
                "name",
                "settings",
                "enabled",
                "url",
                "colour");
    }

    @Test
    void aDeployRequestNamesItsTarget() {
        assertThat(DeployRequest.fromJson(json("{\"target\":\"prod-eu\"}")).target())
                .isEqualTo("prod-eu");
        assertThat(DeployRequest.fromJson(json("{}")).target())
                .as("required, but refused by the service after its 404 and 403")
                .isNull();
        assertFields(() -> DeployRequest.fromJson(json("{\"target\":7,\"extra\":1}")), "target", "extra");
    }

    @Test
    void aReportKeepsTheStateAsSent() {
        DeploymentReport r = DeploymentReport.fromJson(
                json("{\"state\":\"SUCCEEDED\",\"message\":\"12 pods\",\"url\":\"https://ci.example.com/42\"}"));
        assertThat(r).isEqualTo(new DeploymentReport("SUCCEEDED", "12 pods", "https://ci.example.com/42"));
        assertThat(DeploymentReport.fromJson(json("{\"state\":\"done\"}")).state())
                .as("checked by the service with the deployment's other rules")
                .isEqualTo("done");
        assertFields(
                () -> DeploymentReport.fromJson(json("{\"state\":true,\"message\":{},\"link\":\"x\"}")),
                "state",
                "message",
                "link");
    }
}
