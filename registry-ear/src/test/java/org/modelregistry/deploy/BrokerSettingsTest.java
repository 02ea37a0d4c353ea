package org.modelregistry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private final Path root = RepositoryFiles.root();
    private final String operations = RepositoryFiles.read(root.resolve("docs/operations.md"));
    private final String properties = RepositoryFiles.read(root.resolve("docker/broker.properties"));

    @Test
    void composesBrokerHasTheDocumentedAddressesAndDeadLetterSetting() {
        Map<String, String> documented = BrokerSettings.fromDocumentedBrokerXml(operations);

        assertThat(documented)
                .containsEntry("address.registry.evaluations", "ANYCAST")
                .containsEntry("address.registry.events", "MULTICAST")
                .containsEntry("queue.registry.deployments.dead.registry.deployments.dead", "ANYCAST")
                .containsEntry("setting.registry.deployments.deadLetterAddress", "registry.deployments.dead")
                .containsEntry("setting.registry.deployments.maxDeliveryAttempts", "5")
                .containsEntry("setting.registry.deployments.redeliveryMultiplier", "2");
        assertThat(BrokerSettings.fromBrokerProperties(properties)).isEqualTo(documented);
    }

    @Test
    void aBrokerThatGivesUpAfterOtherDeliveriesOrLacksAnAddressDiffers() {
        Map<String, String> documented = BrokerSettings.fromDocumentedBrokerXml(operations);

        assertThat(BrokerSettings.fromBrokerProperties(
                        properties.replace("maxDeliveryAttempts=5", "maxDeliveryAttempts=3")))
                .isNotEqualTo(documented)
                .containsEntry("setting.registry.deployments.maxDeliveryAttempts", "3");
        assertThat(BrokerSettings.fromBrokerProperties(
                        properties.replace("addressConfigurations.\"registry.events\".routingTypes=MULTICAST\n", "")))
                .doesNotContainKey("address.registry.events");
        assertThat(BrokerSettings.fromBrokerProperties("addressSetings.\"registry.deployments\".x=1"))
                .containsOnlyKeys("unknown.addressSetings.\"registry.deployments\".x");
    }
}
