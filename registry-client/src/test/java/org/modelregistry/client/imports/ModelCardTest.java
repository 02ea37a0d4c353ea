package org.modelregistry.client.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    @TempDir
    Path dir;

    private Path readme(String text) throws IOException {
        return Files.writeString(dir.resolve("README.md"), text);
    }

    @Test
    void readsTheFrontMatterOfACard() throws IOException {
        ModelCard card = ModelCard.read(readme("""
                ---
                license: apache-2.0
                language:
                - en
                - de
                tags: [text-classification, fraud]
                datasets: imdb
                base_model: bert-base-uncased
                pipeline_tag: text-classification
                metrics: [accuracy, f1]
                released: 2024-05-01
                model-index:
                - name: scorer
                  results:
                  - task: {type: text-classification}
                    dataset: {name: IMDB, type: imdb}
                    metrics:
                    - {type: accuracy, value: 0.93}
                    - {type: f1, value: 0.91, name: F1}
                ---
                # Scorer
                ## Intended use
                """));
        assertThat(card.license()).isEqualTo("apache-2.0");
        assertThat(card.languages()).containsExactly("en", "de");
        assertThat(card.tags()).containsExactly("text-classification", "fraud");
        assertThat(card.datasets()).containsExactly("imdb");
        assertThat(card.baseModels()).containsExactly("bert-base-uncased");
        assertThat(card.pipelineTag()).isEqualTo("text-classification");
        assertThat(card.metricNames()).containsExactly("accuracy", "f1");
        assertThat(card.results())
                .containsExactly(
                        new ModelCard.Result("text-classification", "IMDB", "accuracy", 0.93),
                        new ModelCard.Result("text-classification", "IMDB", "f1", 0.91));
        JsonObject json = card.toJson();
        assertThat(json.getString("released")).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(json.getJsonArray("model-index").getJsonObject(0).getString("name"))
                .isEqualTo("scorer");
    }

    @Test
    void aReadmeWithoutFrontMatterHasAnEmptyCard() throws IOException {
        assertThat(ModelCard.read(readme("# Just a readme\n---\nnot: front matter\n"))
                        .isEmpty())
                .isTrue();
        assertThat(ModelCard.read(readme("---\n---\n# Empty\n")).isEmpty()).isTrue();
    }

    @Test
    void malformedYamlNamesTheFileAndTheLine() throws IOException {
        Path file = readme("---\nlicense: mit\ntags: [a, b\nlanguage: en\n---\n# Card\n");
        assertThatThrownBy(() -> ModelCard.read(file))
                .isInstanceOfSatisfying(
                        ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.INVALID_INPUT))
                .hasMessageStartingWith("README.md line ")
                .hasMessageContaining("malformed front matter");
        Path badIndent = readme("---\nlicense: mit\n  tags: x\n---\n");
        assertThatThrownBy(() -> ModelCard.read(badIndent)).hasMessageStartingWith("README.md line 3:");
    }

    @Test
    void anUnclosedFrontMatterOrOneThatIsNotAMappingIsRefused() throws IOException {
        Path unclosed = readme("---\nlicense: mit\n# Card\n");
        assertThatThrownBy(() -> ModelCard.read(unclosed)).hasMessageContaining("never closed");
        Path list = readme("---\n- a\n- b\n---\n");
        assertThatThrownBy(() -> ModelCard.read(list)).hasMessageContaining("not a mapping");
    }

    @Test
    void duplicateKeysAndJavaTagsAreRefused() throws IOException {
        Path duplicate = readme("---\nlicense: mit\nlicense: apache-2.0\n---\n");
        assertThatThrownBy(() -> ModelCard.read(duplicate))
                .hasMessageStartingWith("README.md line 3:")
                .hasMessageContaining("duplicate key");
        // the safe constructor makes no objects of classes the file names
        Path gadget = readme("---\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n---\n");
        assertThatThrownBy(() -> ModelCard.read(gadget))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("README.md line 2");
    }

    @Test
    void aliasBombsAreRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i > 0 ? ", " : "").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        Path bomb = readme(yaml.append("---\n").toString());
        assertThatThrownBy(() -> ModelCard.read(bomb))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("README.md");
    }
}
