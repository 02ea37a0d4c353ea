package org.modelregistry.infrastructure.config;

/**
 * The settings of one area ({@code registry.<area>.*}), kept with the context that uses them (for example
 * {@code DeploymentSettings} in {@code application.deployment}). {@link SettingsCheck} calls {@link #check()} on
 * every implementation at start, so that a malformed value stops the deployment with the setting's name instead of
 * failing a request later.
 */
public interface CheckedSettings {

    /**
     * Parses every value of the area that is parsed rather than injected.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    void check();
}
