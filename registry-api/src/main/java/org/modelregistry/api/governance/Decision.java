package org.modelregistry.api.governance;

/** A reviewer's decision on a version in review. */
public enum Decision {
    APPROVE,
    REQUEST_CHANGES,
    REJECT
}
