package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DomainEventsTest {

    @Test
    void auditActionsMakeEventsAndFiltersSelectThem() {
        assertThat(DomainEvents.typeOf("version.transition")).isEqualTo(DomainEvents.VERSION_STATE_CHANGED);
        assertThat(DomainEvents.typeOf("deployment.succeeded")).isEqualTo(DomainEvents.DEPLOYMENT_CHANGED);
        assertThat(DomainEvents.typeOf("version.transition.blocked")).isEqualTo(DomainEvents.POLICY_VIOLATION);
        assertThat(DomainEvents.typeOf("user.created")).isNull();
        assertThat(DomainEvents.accepts("*", "version.created")).isTrue();
        assertThat(DomainEvents.accepts("version.created, deployment.changed", "deployment.changed"))
                .isTrue();
        assertThat(DomainEvents.accepts("version.created", "deployment.changed"))
                .isFalse();
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToAnHour() {
        Duration base = Duration.ofSeconds(1);
        for (int i = 0; i < 50; i++) {
            assertThat(DomainEvents.backoff(base, 1).toMillis()).isBetween(800L, 1200L);
            assertThat(DomainEvents.backoff(base, 4).toMillis()).isBetween(6400L, 9600L);
            assertThat(DomainEvents.backoff(base, 40).toMillis()).isBetween(2_880_000L, 4_320_000L);
        }
    }

    @Test
    void reviewersHearOfReviewRequestsAndOwnersOfFailures() {
        var review = MailRules.mailFor(
                "version.transition",
                "fraud/scorer 1.0.0",
                Json.createObjectBuilder()
                        .add("from", "DRAFT")
                        .add("to", "IN_REVIEW")
                        .build(),
                "alice",
                "http://r/x");
        assertThat(review.audience()).isEqualTo(MailRules.Audience.REVIEWERS);
        assertThat(review.subject()).isEqualTo("Review requested: fraud/scorer 1.0.0");
        assertThat(review.body()).contains("alice").contains("http://r/x");
        assertThat(MailRules.mailFor(
                        "version.transition",
                        "m",
                        Json.createObjectBuilder().add("to", "DEPRECATED").build(),
                        "a",
                        "l"))
                .isNull();
        assertThat(MailRules.mailFor(
                        "evaluation.finished",
                        "m",
                        Json.createObjectBuilder().add("state", "PASSED").build(),
                        "a",
                        "l"))
                .isNull();
        var failed = MailRules.mailFor(
                "evaluation.finished",
                "m",
                Json.createObjectBuilder()
                        .add("state", "FAILED")
                        .add("run", "r1")
                        .build(),
                "a",
                "l");
        assertThat(failed.audience()).isEqualTo(MailRules.Audience.OWNERS);
        assertThat(failed.body()).contains("r1");
        assertThat(MailRules.mailFor(
                                "deployment.failed",
                                "m",
                                Json.createObjectBuilder()
                                        .add("message", "HTTP 401")
                                        .build(),
                                "a",
                                "l")
                        .body())
                .contains("HTTP 401");
    }
}
