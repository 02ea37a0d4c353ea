package org.modelregistry.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the settings that are parsed rather than injected (approval rules, change window, audit retention) at start,
 * and asks every area's {@link CheckedSettings} to do the same, so that a malformed one stops the deployment with the
 * setting's name instead of failing requests later. It also refuses the Fault Tolerance keys of classes that have
 * moved into a context package ({@link #MOVED}): MicroProfile Fault Tolerance would silently ignore them, so a
 * server upgraded with its old overrides would run with the defaults (a 10 s target timeout instead of the one set).
 */
@Singleton
@Startup
public class SettingsCheck {

    private static final String FLAT = "org.modelregistry.application.";

    /**
     * The classes whose Fault Tolerance keys ({@code <class>/<method>/<annotation>/<parameter>}) changed when the
     * flat {@code org.modelregistry.application} package was split into contexts: old class name to new.
     */
    static final Map<String, String> MOVED = Map.of(
            FLAT + "TargetCaller",
            FLAT + "deployment.TargetCaller",
            FLAT + "WebhookSender",
            "org.modelregistry.infrastructure.http.HttpWebhookSender");

    @Inject
    Config config;

    @Inject
    @Any
    Instance<CheckedSettings> areas;

    @PostConstruct
    void check() {
        areas.forEach(CheckedSettings::check);
        List<String> moved = movedKeys(config.getPropertyNames());
        if (!moved.isEmpty()) {
            throw new IllegalArgumentException(
                    "Fault Tolerance settings of classes that moved are no longer read: " + String.join("; ", moved));
        }
    }

    /**
     * For each set key of a moved class, in either spelling (the key itself, or an environment variable: every
     * character other than a letter or digit as {@code _}, in any case), "old key: set new key instead".
     */
    static List<String> movedKeys(Iterable<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            MOVED.forEach((old, now) -> {
                if (name.startsWith(old + "/")) {
                    found.add(name + ": set " + now + name.substring(old.length()) + " instead");
                } else if (environmentName(name).startsWith(environmentName(old) + "_")) {
                    found.add(name + ": set " + environmentName(now)
                            + environmentName(name)
                                    .substring(environmentName(old).length()) + " instead");
                }
            });
        }
        return found;
    }

    /** How MicroProfile Config matches a key to an environment variable, upper-case spelling. */
    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
