package org.modelregistry.application.shared;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the current request carries that services record but do not decide on: its id (for logs and the audit
 * trail). The REST layer fills it in; outside an HTTP request it stays empty.
 */
@RequestScoped
public class RequestMetadata {

    private String requestId;
    private String clientAddress;
    private boolean attemptRecorded;
    private boolean auditSuppressed;

    /** Benchmarks only: this request asked to be measured without its audit record (see AuditTrail). */
    public boolean auditSuppressed() {
        return auditSuppressed;
    }

    public void setAuditSuppressed(boolean auditSuppressed) {
        this.auditSuppressed = auditSuppressed;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public void setClientAddress(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Has a refused attempt of this request already been written to the audit log (so it is not written twice)? */
    public boolean attemptRecorded() {
        return attemptRecorded;
    }

    public void markAttemptRecorded() {
        this.attemptRecorded = true;
    }

    public String requestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }
}
