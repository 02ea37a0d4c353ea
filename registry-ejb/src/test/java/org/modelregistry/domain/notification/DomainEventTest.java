package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainEventTest {

    @Test
    void thePayloadHasTheDocumentedFieldsInTheirOrder() {
        assertThat(Events.versionCreated(48213).payload().toString())
                .isEqualTo("{\"id\":\"48213\",\"type\":\"version.created\",\"action\":\"version.created\","
                        + "\"occurredAt\":\"2026-11-28T10:15:30.412Z\",\"actor\":\"dana\",\"object\":{\"type\":"
                        + "\"model_version\",\"id\":\"0190a5d2-0000-7000-8000-000000000002\"},\"organization\":"
                        + "\"default\",\"model\":{\"id\":\"0190a5d2-0000-7000-8000-000000000001\",\"group\":\"fraud\","
                        + "\"name\":\"scorer\"},\"version\":\"1.2.0\",\"details\":{\"version\":\"1.2.0\"}}");
    }

    @Test
    void anEventAboutNoModelLeavesOutWhatItDoesNotKnow() {
        DomainEvent e = new DomainEvent(
                7L, "deployment.failed", "registry", 1_000_001L, "deployment", "d", null, null, null, null, null, null);
        assertThat(e.type()).isEqualTo(DomainEvents.DEPLOYMENT_CHANGED);
        assertThat(e.aboutAModel()).isFalse();
        assertThat(e.modelUuid()).isNull();
        assertThat(e.payload().toString())
                .isEqualTo("{\"id\":\"7\",\"type\":\"deployment.changed\",\"action\":\"deployment.failed\","
                        + "\"occurredAt\":\"1970-01-01T00:00:01.000001Z\",\"actor\":\"registry\",\"object\":{\"type\":"
                        + "\"deployment\",\"id\":\"d\"},\"details\":{}}");
    }

    @Test
    void mailsSayWhatTheEventIsAboutAndLinkToIt() {
        DomainEvent blocked = new DomainEvent(
                9L,
                "version.transition.blocked",
                "dana",
                0L,
                "model_version",
                "v",
                "{\"to\":\"APPROVED\"}",
                "default",
                "0190a5d2-0000-7000-8000-000000000001",
                "fraud",
                "scorer",
                "1.2.0");
        MailRules.Mail m = MailRules.mailFor(blocked, "https://registry.example.com");
        assertThat(m.audience()).isEqualTo(MailRules.Audience.OWNERS);
        assertThat(m.subject()).isEqualTo("Blocked by policy: fraud/scorer 1.2.0");
        assertThat(m.body())
                .isEqualTo("dana could not move fraud/scorer 1.2.0 to APPROVED: blocking policies failed.\n\n"
                        + "https://registry.example.com/api/v1/models/0190a5d2-0000-7000-8000-000000000001"
                        + "/versions/1.2.0\n");
        assertThat(MailRules.mailFor(Events.versionCreated(1), "https://r")).isNull();
    }
}
