package org.modelregistry.application.governance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.domain.governance.ApprovalRules;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * The approval settings ({@code registry.approvals.*}): how many approvals a review needs and how long they stay
 * valid, per risk tier. A malformed value stops the deployment at start ({@link CheckedSettings}).
 */
@ApplicationScoped
public class ApprovalSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.approvals.required", defaultValue = "LOW=1,MEDIUM=1,HIGH=2,CRITICAL=3")
    String required;

    @Inject
    @ConfigProperty(name = "registry.approvals.validity", defaultValue = "HIGH=P12M,CRITICAL=P6M")
    String validity;

    private volatile ApprovalRules rules;

    /** Approvals per risk tier and how long they stay valid (registry.approvals.required / .validity). */
    public ApprovalRules rules() {
        ApprovalRules parsed = rules;
        if (parsed == null) {
            parsed = ApprovalRules.parse(required, validity);
            rules = parsed;
        }
        return parsed;
    }

    @Override
    public void check() {
        rules();
    }
}
