package org.modelregistry.application.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * The warm-up before readiness ({@code registry.warmup.*}): whether it runs, how long it may hold readiness back,
 * and how many rounds of each hot path it runs at most (it stops at whichever comes first).
 */
@ApplicationScoped
public class WarmupSettings implements CheckedSettings {

    static final long MAX_BUDGET_MS = 120_000;
    static final int MAX_ROUNDS = 100_000;

    @Inject
    @ConfigProperty(name = "registry.warmup.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "registry.warmup.budget-ms", defaultValue = "8000")
    long budgetMillis;

    @Inject
    @ConfigProperty(name = "registry.warmup.rounds", defaultValue = "1500")
    int rounds;

    /** False: readiness does not wait, and the first users' requests compile the server's code. */
    public boolean enabled() {
        return enabled;
    }

    /** How long the warm-up may hold readiness back once the application answers; then it stops where it is. */
    public long budgetMillis() {
        return budgetMillis;
    }

    /** Rounds of each hot path, at most: a round is one rolled-back registration, a few reads and searches. */
    public int rounds() {
        return rounds;
    }

    @Override
    public void check() {
        if (budgetMillis < 0 || budgetMillis > MAX_BUDGET_MS) {
            throw new IllegalArgumentException("registry.warmup.budget-ms must be from 0 to " + MAX_BUDGET_MS
                    + " (milliseconds), not " + budgetMillis);
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException(
                    "registry.warmup.rounds must be from 1 to " + MAX_ROUNDS + ", not " + rounds);
        }
    }
}
