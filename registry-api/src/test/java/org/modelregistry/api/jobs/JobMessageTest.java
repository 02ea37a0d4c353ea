package org.modelregistry.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobMessageTest {

    private static final UUID ID = UUID.fromString("3f2a6c1e-8b1d-4c1a-9e57-2f7d3c9b0a11");

    @Test
    void aMessageSurvivesItsJsonForm() {
        JobMessage sent = JobMessage.of("evaluation", ID, 3);

        assertThat(sent.toJson())
                .isEqualTo("{\"type\":\"evaluation\",\"version\":1,\"id\":\"" + ID + "\",\"attempt\":3}");
        assertThat(JobMessage.read(sent.toJson(), "evaluation")).isEqualTo(sent);
    }

    @Test
    void theOldShapeABareIdIsAJobOfTheQueuesTypeWithoutAVersion() {
        assertThat(JobMessage.read(ID.toString(), "deployment"))
                .isEqualTo(new JobMessage("deployment", JobMessage.UNVERSIONED, ID, 0));
        assertThat(JobMessage.read(" " + ID + "\n", "evaluation").id()).isEqualTo(ID);
    }

    @Test
    void anOlderVersionIsRead() {
        assertThat(JobMessage.read(
                        "{\"type\":\"evaluation\",\"version\":0,\"id\":\"" + ID + "\",\"attempt\":1}", "evaluation"))
                .isEqualTo(new JobMessage("evaluation", 0, ID, 1));
    }

    @Test
    void aMessageOfAnotherTypeIsRefused() {
        String deployment = JobMessage.of("deployment", ID, 1).toJson();

        assertThatThrownBy(() -> JobMessage.read(deployment, "evaluation"))
                .isInstanceOf(UnreadableJobException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a message of type deployment on the queue of evaluation jobs");
    }

    @Test
    void aNewerVersionIsRefusedRatherThanGuessedAt() {
        String newer = "{\"type\":\"evaluation\",\"version\":2,\"id\":\"" + ID + "\",\"attempt\":1,\"priority\":5}";

        assertThatThrownBy(() -> JobMessage.read(newer, "evaluation"))
                .isInstanceOf(UnreadableJobException.class)
                .hasMessageContaining("version 2, newer than 1");
    }

    @Test
    void malformedMessagesAreRefused() {
        for (String body : new String[] {
            "",
            "not-an-id",
            "{",
            "[]",
            "{\"version\":1,\"id\":\"" + ID + "\",\"attempt\":1}",
            "{\"type\":\"evaluation\",\"id\":\"" + ID + "\",\"attempt\":1}",
            "{\"type\":\"evaluation\",\"version\":\"1\",\"id\":\"" + ID + "\",\"attempt\":1}",
            "{\"type\":\"evaluation\",\"version\":1,\"id\":\"x\",\"attempt\":1}",
            "{\"type\":\"evaluation\",\"version\":1,\"id\":\"" + ID + "\"}",
            "{\"type\":\"evaluation\",\"version\":1,\"id\":\"" + ID + "\",\"attempt\":-1}",
            "{\"type\":\"evaluation\",\"version\":1.5,\"id\":\"" + ID + "\",\"attempt\":1}",
            "{\"type\":\"evaluation\",\"version\":99999999999,\"id\":\"" + ID + "\",\"attempt\":1}"
        }) {
            assertThatThrownBy(() -> JobMessage.read(body, "evaluation"))
                    .as(body)
                    .isInstanceOf(UnreadableJobException.class);
        }
        assertThatThrownBy(() -> JobMessage.read(null, "evaluation")).isInstanceOf(UnreadableJobException.class);
    }

    @Test
    void aTypeIsAPlainName() {
        assertThatThrownBy(() -> JobMessage.of("Evaluation Run", ID, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobMessage("evaluation", -1, ID, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
