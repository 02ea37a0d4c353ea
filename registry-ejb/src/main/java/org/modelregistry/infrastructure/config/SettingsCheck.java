package org.modelregistry.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Reads the settings that are parsed rather than injected (approval rules, change window, audit retention) at start, so that a
 * malformed one stops the deployment with the setting's name instead of failing requests later.
 */
@Singleton
@Startup
public class SettingsCheck {

    @Inject
    RegistrySettings settings;

    @PostConstruct
    void check() {
        settings.approvalRules();
        settings.changeWindow();
        settings.auditRetention();
    }
}
