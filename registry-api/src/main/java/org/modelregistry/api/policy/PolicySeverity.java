package org.modelregistry.api.policy;

/** BLOCKING policies stop the transition they gate when they fail; ADVISORY ones are recorded and reported only. */
public enum PolicySeverity {
    BLOCKING,
    ADVISORY
}
