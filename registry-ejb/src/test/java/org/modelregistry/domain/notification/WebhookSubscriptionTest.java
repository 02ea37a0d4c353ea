package org.modelregistry.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.catalog.Organization;

class WebhookSubscriptionTest {

    private static WebhookSubscription subscribe(Organization org, List<String> events, List<String> groups) {
        return WebhookSubscription.subscribe(
                org, "chatops", "https://hooks.example.com/r", events, groups, true, "ada", id -> "sealed:" + id);
    }

    @Test
    void aNewSubscriptionSealsItsSecretForItsOwnId() {
        WebhookSubscription s = subscribe(new Organization("default", "Default"), List.of("*"), null);
        assertThat(s.getSecret()).isEqualTo("sealed:" + s.getId());
        assertThat(s.isSecretsSealed()).isTrue();
        assertThat(s.getModelGroups()).isEmpty();
        assertThat(s.groupList()).isEmpty();
        assertThat(s.getCreatedBy()).isEqualTo("ada");
    }

    @Test
    void itWantsEventsOfItsOrganizationTypesAndGroups() {
        Organization org = new Organization("default", "Default");
        DomainEvent event = Events.versionCreated(1);
        assertThat(subscribe(org, List.of("*"), null).wants(event)).isTrue();
        assertThat(subscribe(org, List.of("version.created"), List.of("fraud", "churn"))
                        .wants(event))
                .isTrue();
        assertThat(subscribe(org, List.of("deployment.changed"), null).wants(event))
                .as("another type")
                .isFalse();
        assertThat(subscribe(org, List.of("*"), List.of("churn")).wants(event))
                .as("another group")
                .isFalse();
        assertThat(subscribe(new Organization("acme", "Acme"), List.of("*"), null)
                        .wants(event))
                .as("another organization")
                .isFalse();
    }

    @Test
    void aChangeSetsOnlyTheGivenFieldsAndRecordsWho() {
        WebhookSubscription s = subscribe(new Organization("default", "Default"), List.of("*"), List.of("fraud"));
        s.change(null, null, List.of("version.created"), List.of(), false, "bob");
        assertThat(s.getUrl()).isEqualTo("https://hooks.example.com/r");
        assertThat(s.getSecret()).isEqualTo("sealed:" + s.getId());
        assertThat(s.eventList()).containsExactly("version.created");
        assertThat(s.groupList()).isEmpty();
        assertThat(s.isEnabled()).isFalse();
        assertThat(s.getUpdatedBy()).isEqualTo("bob");
    }
}
