package org.modelregistry.client.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.api.catalog.ArtifactType;

class HuggingFaceRepositoryTest {

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private Path repo() throws IOException {
        Path r = Files.createDirectory(dir.resolve("bert-tiny"));
        Files.write(r.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(r.resolve("config.json"), "{\"architectures\":[\"BertModel\"],\"model_type\":\"bert\"}");
        Files.writeString(r.resolve("README.md"), "---\nlicense: mit\n---\n# Card\n");
        Files.writeString(r.resolve("tokenizer.json"), "{}");
        Files.createDirectories(r.resolve("onnx"));
        Files.write(r.resolve("onnx/model.onnx"), new byte[] {4});
        Files.createDirectories(r.resolve(".git"));
        Files.writeString(r.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(r.resolve(".gitattributes"), "*.bin filter=lfs\n");
        return r;
    }

    @Test
    void readsFilesCardAndConfig() throws IOException {
        HuggingFaceRepository repo = HuggingFaceRepository.read(repo());
        assertThat(repo.files())
                .extracting(HuggingFaceRepository.RepoFile::name, HuggingFaceRepository.RepoFile::type)
                .containsExactly(
                        tuple("README.md", ArtifactType.MODEL_CARD),
                        tuple("config.json", ArtifactType.CONFIG),
                        tuple("model.safetensors", ArtifactType.MODEL_WEIGHTS),
                        tuple("onnx__model.onnx", ArtifactType.MODEL_WEIGHTS),
                        tuple("tokenizer.json", ArtifactType.CONFIG));
        assertThat(repo.card().license()).isEqualTo("mit");
        assertThat(repo.config().getString("model_type")).isEqualTo("bert");
    }

    @Test
    void aSymbolicLinkOutsideTheDirectoryIsRefused() throws IOException {
        Path r = repo();
        Path secret = Files.writeString(outside.resolve("secret.bin"), "not yours");
        Files.createSymbolicLink(r.resolve("pytorch_model.bin"), secret);
        assertThatThrownBy(() -> HuggingFaceRepository.read(r))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("pytorch_model.bin is a symbolic link to " + secret)
                .hasMessageContaining("outside");
    }

    @Test
    void aLinkThatClimbsOutOfTheDirectoryIsRefused() throws IOException {
        Path r = repo();
        Files.createSymbolicLink(r.resolve("up"), Path.of(".."));
        assertThatThrownBy(() -> HuggingFaceRepository.read(r))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("up is a symbolic link to ..");
    }

    @Test
    void aLinkInsideTheDirectoryIsFollowed() throws IOException {
        Path r = repo();
        Files.createSymbolicLink(r.resolve("weights.bin"), r.resolve("model.safetensors"));
        assertThat(HuggingFaceRepository.read(r).files())
                .extracting(HuggingFaceRepository.RepoFile::name)
                .contains("weights.bin");
    }

    @Test
    void aDirectoryWithoutWeightsIsRefused() throws IOException {
        Path r = repo();
        Files.delete(r.resolve("model.safetensors"));
        Files.delete(r.resolve("onnx/model.onnx"));
        assertThatThrownBy(() -> HuggingFaceRepository.read(r))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no weights");
    }

    @Test
    void aMalformedConfigNamesLineAndColumn() throws IOException {
        Path r = repo();
        Files.writeString(r.resolve("config.json"), "{\n  \"model_type\": \"bert\",\n  oops\n}");
        assertThatThrownBy(() -> HuggingFaceRepository.read(r))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("config.json line 3 column");
    }

    @Test
    void aFileNameTheRegistryCannotTakeIsRefusedBeforeAnythingIsSent() throws IOException {
        Path r = repo();
        Files.writeString(r.resolve("notes with spaces.txt"), "x");
        assertThatThrownBy(() -> HuggingFaceRepository.read(r)).hasMessageContaining("notes with spaces.txt");
    }

    @Test
    void hubLicencesBecomeSpdxExpressions() {
        assertThat(HuggingFaceImport.spdx("apache-2.0")).isEqualTo("apache-2.0");
        assertThat(HuggingFaceImport.spdx("openrail++")).isEqualTo("LicenseRef-openrail-plus-plus");
        assertThat(HuggingFaceImport.spdx("llama3.1")).isEqualTo("LicenseRef-llama3.1");
        assertThat(HuggingFaceImport.spdx("other")).isNull();
        assertThat(HuggingFaceImport.spdx(null)).isNull();
    }
}
