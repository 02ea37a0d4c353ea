package org.modelregistry.application;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the current request carries that services record but do not decide on: its id (for logs and the audit
 * trail). The REST layer fills it in; outside an HTTP request it stays empty.
 */
@RequestScoped
public class RequestMetadata {

    private String requestId;

    public String requestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
