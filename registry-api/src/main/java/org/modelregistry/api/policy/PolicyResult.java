package org.modelregistry.api.policy;

/** A policy's verdict: the rule held, did not hold, or could not be evaluated (an error counts as a failure). */
public enum PolicyResult {
    PASS,
    FAIL,
    ERROR
}
