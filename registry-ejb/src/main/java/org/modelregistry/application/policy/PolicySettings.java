package org.modelregistry.application.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.domain.policy.ChangeWindow;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * The policy settings ({@code registry.policy.*}): the change window policies see as
 * {@code request.inChangeWindow}. A malformed value stops the deployment at start ({@link CheckedSettings}).
 */
@ApplicationScoped
public class PolicySettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.policy.change-window", defaultValue = "MON-FRI 08:00-18:00 UTC")
    String changeWindow;

    private volatile ChangeWindow parsed;

    /** When production deployments may happen (registry.policy.change-window), as policies see it. */
    public ChangeWindow changeWindow() {
        ChangeWindow window = parsed;
        if (window == null) {
            window = ChangeWindow.parse(changeWindow);
            parsed = window;
        }
        return window;
    }

    @Override
    public void check() {
        changeWindow();
    }
}
