package org.modelregistry.infrastructure.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often the server looks for work nobody woke it for ({@code registry.wake.*}): committed changes wake the job
 * and notification relays, the audit chainer and the search follower at once (docs/architecture.md, "Who runs
 * what"), so this slow poll only catches what a lost notification left behind, and sets how soon a server takes
 * over a role whose holder died.
 */
@ApplicationScoped
public class WakeSettings implements CheckedSettings {

    static final long MIN_MILLIS = 100;
    static final long MAX_MILLIS = 3_600_000;

    @Inject
    @ConfigProperty(name = "registry.wake.safety-poll-ms", defaultValue = "10000")
    long safetyPollMillis;

    /** The slow poll of the job and notification relays, and how often roles are claimed and checked. */
    public long safetyPollMillis() {
        return safetyPollMillis;
    }

    @Override
    public void check() {
        if (safetyPollMillis < MIN_MILLIS || safetyPollMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("registry.wake.safety-poll-ms must be from " + MIN_MILLIS + " to "
                    + MAX_MILLIS + " (milliseconds), not " + safetyPollMillis);
        }
    }
}
