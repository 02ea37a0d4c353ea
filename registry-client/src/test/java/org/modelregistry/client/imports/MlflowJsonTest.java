package org.modelregistry.client.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowJsonTest {

    @Test
    void readsASearchPageOfModelsWithTagsAndAliases() {
        var page = MlflowJson.modelsPage("""
                {"registered_models":[{"name":"fraud","description":"d","creation_timestamp":1700000000000,
                  "tags":[{"key":"team","value":"risk"},{"key":"flag"}],
                  "aliases":[{"alias":"champion","version":"2"}],"latest_versions":[]},
                 {"name":"risk/scorer"}],
                 "next_page_token":"abc"}
                """);
        assertThat(page.nextPageToken()).isEqualTo("abc");
        assertThat(page.items()).hasSize(2);
        MlflowJson.RegisteredModel fraud = page.items().get(0);
        assertThat(fraud.tags()).containsExactly(Map.entry("team", "risk"), Map.entry("flag", ""));
        assertThat(fraud.aliases()).containsExactly(Map.entry("champion", "2"));
        assertThat(page.items().get(1).tags()).isEmpty();
    }

    @Test
    void theLastPageHasNoToken() {
        assertThat(MlflowJson.modelsPage("{}").items()).isEmpty();
        assertThat(MlflowJson.modelsPage("{\"registered_models\":[],\"next_page_token\":\"\"}")
                        .nextPageToken())
                .isNull();
    }

    @Test
    void readsVersionsWhoseNumberIsAStringOrANumber() {
        var page = MlflowJson.versionsPage("""
                {"model_versions":[
                  {"name":"fraud","version":"3","source":"runs:/r1/model","run_id":"r1","run_link":"http://x/r1",
                   "current_stage":"Staging","status":"READY","tags":[{"key":"framework","value":"sklearn"}]},
                  {"name":"fraud","version":4}]}
                """);
        assertThat(page.items()).extracting(MlflowJson.ModelVersion::version).containsExactly("3", "4");
        MlflowJson.ModelVersion v = page.items().get(0);
        assertThat(v.source()).isEqualTo("runs:/r1/model");
        assertThat(v.runId()).isEqualTo("r1");
        assertThat(v.currentStage()).isEqualTo("Staging");
        assertThat(v.tags()).containsEntry("framework", "sklearn");
    }

    @Test
    void readsTheArtifactListingAndTheDownloadUri() {
        assertThat(MlflowJson.files("{\"files\":[{\"path\":\"model.pkl\",\"is_dir\":false,\"file_size\":\"12\"},"
                        + "{\"path\":\"sub\",\"is_dir\":true}]}"))
                .containsExactly(
                        new MlflowJson.FileInfo("model.pkl", false, 12L), new MlflowJson.FileInfo("sub", true, null));
        assertThat(MlflowJson.downloadUri("{\"artifact_uri\":\"mlflow-artifacts:/g/m/1.0.0\"}"))
                .isEqualTo("mlflow-artifacts:/g/m/1.0.0");
    }

    @Test
    void whatIsNotMlflowsJsonIsMalformedNamingTheField() {
        assertThatThrownBy(() -> MlflowJson.modelsPage("<html>login</html>"))
                .isInstanceOfSatisfying(
                        ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.MALFORMED))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> MlflowJson.modelsPage("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> MlflowJson.modelsPage("{\"registered_models\":{}}"))
                .hasMessageContaining("registered_models is not a list");
        assertThatThrownBy(() -> MlflowJson.modelsPage("{\"registered_models\":[{\"description\":\"x\"}]}"))
                .hasMessageContaining("has no name");
        assertThatThrownBy(() -> MlflowJson.versionsPage("{\"model_versions\":[{\"name\":\"m\"}]}"))
                .hasMessageContaining("has no version");
        assertThatThrownBy(() -> MlflowJson.files("{\"files\":[{\"path\":\"a\",\"is_dir\":\"yes\"}]}"))
                .hasMessageContaining("is_dir of a is not a boolean");
    }

    @Test
    void readsMlflowErrors() {
        assertThat(MlflowJson.errorMessage("{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"no\"}"))
                .isEqualTo("UNAUTHENTICATED: no");
        assertThat(MlflowJson.errorMessage("<html/>")).isNull();
    }

    @Test
    void namesAndVersionsMapToTheRegistrysRules() {
        assertThat(MlflowImport.registryName("fraud", "mlflow")).containsExactly("mlflow", "fraud");
        assertThat(MlflowImport.registryName("risk/fraud", "mlflow")).containsExactly("risk", "fraud");
        assertThat(MlflowImport.registryName("Fraud Model_v2", "mlflow")).containsExactly("mlflow", "fraud-model-v2");
        assertThatThrownBy(() -> MlflowImport.registryName("***", "mlflow")).hasMessageContaining("'***'");
        assertThat(MlflowImport.registryVersion("3")).isEqualTo("3.0.0");
        assertThat(MlflowImport.registryVersion("1.4.0")).isEqualTo("1.4.0");
    }
}
