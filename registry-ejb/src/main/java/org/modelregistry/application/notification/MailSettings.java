package org.modelregistry.application.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/** The SMTP server mails go through ({@code registry.mail.*}); without a host, nothing is mailed. */
@ApplicationScoped
public class MailSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "registry.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "registry.mail.from", defaultValue = "model-registry@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "registry.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "registry.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "registry.mail.starttls", defaultValue = "false")
    boolean startTls;

    /** The SMTP server (registry.mail.host); without one, nothing is mailed. */
    public Optional<String> host() {
        return host.filter(s -> !s.isBlank());
    }

    public boolean enabled() {
        return host().isPresent();
    }

    public int port() {
        return port;
    }

    public String from() {
        return from;
    }

    public Optional<String> username() {
        return username.filter(s -> !s.isBlank());
    }

    public Optional<String> password() {
        return password.filter(s -> !s.isBlank());
    }

    public boolean startTls() {
        return startTls;
    }

    /** A port no SMTP server can listen on would fail every mail; with a host set it stops the start instead. */
    @Override
    public void check() {
        if (enabled() && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("registry.mail.port: must be a port from 1 to 65535, got " + port);
        }
    }
}
