package org.modelregistry.infrastructure.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * The internal hosts, addresses or CIDR ranges (each optionally with :port) that deployment targets and webhooks may
 * call (registry.outbound.allow); public addresses need no entry.
 */
@ApplicationScoped
public class OutboundSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.outbound.allow")
    Optional<String> outboundAllow;

    /** Parses the list, so that a malformed entry is named at start. */
    @Override
    public void check() {
        OutboundPolicy.of(outboundAllow());
    }

    public String outboundAllow() {
        return outboundAllow.orElse("");
    }
}
