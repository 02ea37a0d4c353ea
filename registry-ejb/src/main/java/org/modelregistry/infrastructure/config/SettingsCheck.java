package org.modelregistry.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.modelregistry.infrastructure.http.OutboundPolicy;

/**
 * Reads the settings that are parsed rather than injected (approval rules, change window, audit retention) at start,
 * and asks every area's {@link CheckedSettings} to do the same, so that a malformed one stops the deployment with the
 * setting's name instead of failing requests later.
 */
@Singleton
@Startup
public class SettingsCheck {

    @Inject
    RegistrySettings settings;

    @Inject
    @Any
    Instance<CheckedSettings> areas;

    @PostConstruct
    void check() {
        areas.forEach(CheckedSettings::check);
        OutboundPolicy.of(settings.outboundAllow()); // registry.outbound.allow: a malformed entry is named here
    }
}
