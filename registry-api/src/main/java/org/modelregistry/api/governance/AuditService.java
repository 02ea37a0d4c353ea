package org.modelregistry.api.governance;

/** The audit log: verification of its hash chain (auditors and registry administrators). */
public interface AuditService {

    AuditVerification verify();
}
