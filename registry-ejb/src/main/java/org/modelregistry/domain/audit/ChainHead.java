package org.modelregistry.domain.audit;

/** The chain's head as the database keeps it (audit_chain_head); both null before the first record is linked. */
public record ChainHead(Long seq, String hash) {}
