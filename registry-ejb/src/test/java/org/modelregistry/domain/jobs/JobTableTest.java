package org.modelregistry.domain.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobTableTest {

    @Test
    void onlyPlainNamesGoIntoTheOutboxSql() {
        assertThat(new JobTable("evaluation_run", "QUEUED", "RUNNING", false).table())
                .isEqualTo("evaluation_run");
        for (String[] bad : new String[][] {
            {"evaluation_run; DROP TABLE model", "QUEUED", "RUNNING"},
            {"Evaluation", "QUEUED", "RUNNING"},
            {"deployment", "REQUESTED' OR '1'='1", "IN_PROGRESS"},
            {"deployment", "REQUESTED", "in_progress"},
            {"deployment", "REQUESTED", "REQUESTED"}
        }) {
            assertThatThrownBy(() -> new JobTable(bad[0], bad[1], bad[2], true))
                    .as(String.join(",", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new JobGauge("mail", "dead", "mail_message", "DEAD'--"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new JobGauge("mail", "dead", "mail_message", "DEAD").key()).isEqualTo("mail.dead");
    }

    @Test
    void aTicketIsReadFromAndWrittenAsIdSlashAttempt() {
        UUID id = UUID.randomUUID();

        JobTicket ticket = JobTicket.parse(id + "/7");

        assertThat(ticket).isEqualTo(new JobTicket(id, 7));
        assertThat(ticket).hasToString(id + "/7");
        assertThatThrownBy(() -> JobTicket.parse(id.toString())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobTicket.parse(id + "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobTicket.parse(id + "/-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
