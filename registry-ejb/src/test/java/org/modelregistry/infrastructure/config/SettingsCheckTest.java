package org.modelregistry.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    private static final String APP = "org.modelregistry.application.";

    @Test
    void anOldFaultToleranceKeyIsNamedWithTheKeyThatReplacesIt() {
        assertThat(SettingsCheck.movedKeys(
                        List.of(APP + "TargetCaller/call/Timeout/value", APP + "WebhookSender/send/Bulkhead/value")))
                .containsExactly(
                        APP + "TargetCaller/call/Timeout/value: set " + APP
                                + "deployment.TargetCaller/call/Timeout/value instead",
                        APP + "WebhookSender/send/Bulkhead/value: set "
                                + "org.modelregistry.infrastructure.http.HttpWebhookSender/send/Bulkhead/value instead");
    }

    @Test
    void aClassLevelKeyIsSeenToo() {
        assertThat(SettingsCheck.movedKeys(List.of(APP + "TargetCaller/Retry/maxRetries")))
                .containsExactly(APP + "TargetCaller/Retry/maxRetries: set " + APP
                        + "deployment.TargetCaller/Retry/maxRetries instead");
    }

    @Test
    void anOldKeyAsAnEnvironmentVariableIsNamedWithTheNewVariable() {
        assertThat(SettingsCheck.movedKeys(List.of(
                        "ORG_MODELREGISTRY_APPLICATION_TARGETCALLER_CALL_TIMEOUT_VALUE",
                        "org_modelregistry_application_WebhookSender_send_Timeout_unit")))
                .containsExactly(
                        "ORG_MODELREGISTRY_APPLICATION_TARGETCALLER_CALL_TIMEOUT_VALUE: set"
                                + " ORG_MODELREGISTRY_APPLICATION_DEPLOYMENT_TARGETCALLER_CALL_TIMEOUT_VALUE instead",
                        "org_modelregistry_application_WebhookSender_send_Timeout_unit: set"
                                + " ORG_MODELREGISTRY_INFRASTRUCTURE_HTTP_HTTPWEBHOOKSENDER_SEND_TIMEOUT_UNIT"
                                + " instead");
    }

    @Test
    void theNewKeysAndOtherSettingsPass() {
        assertThat(SettingsCheck.movedKeys(List.of(
                        APP + "deployment.TargetCaller/call/Timeout/value",
                        "ORG_MODELREGISTRY_APPLICATION_DEPLOYMENT_TARGETCALLER_CALL_TIMEOUT_VALUE",
                        "org.modelregistry.infrastructure.http.HttpWebhookSender/send/Timeout/value",
                        APP + "TargetCallerX/call/Timeout/value",
                        APP + "TargetCaller",
                        "registry.search.backend",
                        "Timeout/value")))
                .isEmpty();
    }

    @Test
    void theNewNamesAreClassesThatExist() throws ClassNotFoundException {
        // a class moved again (another context, infrastructure) must move its entry here too
        for (String now : SettingsCheck.MOVED.values()) {
            assertThat(Class.forName(now, false, getClass().getClassLoader())).isNotNull();
        }
    }
}
