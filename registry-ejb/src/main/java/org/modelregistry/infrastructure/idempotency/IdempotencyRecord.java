package org.modelregistry.infrastructure.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.domain.shared.AuditedEntity;

/** The first response to a create that carried an {@code Idempotency-Key}, kept for the configured time. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord {

    /** Composite primary key: keys are scoped to the principal that sent them. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String principal;
        private String key;

        public Key() {}

        public Key(String principal, String key) {
            this.principal = principal;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(principal, k.principal) && Objects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principal, key);
        }
    }

    @Id
    @Column(name = "principal", length = 128)
    private String principal;

    @Id
    @Column(name = "idem_key", length = 255)
    private String key;

    @Column(name = "fingerprint", nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "status")
    private Integer status;

    @Column(name = "location", length = 2048)
    private String location;

    @Column(name = "body")
    private String body;

    @Column(name = "revision")
    private Long revision;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected IdempotencyRecord() {
        // for JPA
    }

    public IdempotencyRecord(String principal, String key, String fingerprint) {
        this.principal = principal;
        this.key = key;
        this.fingerprint = fingerprint;
        this.createdAt = AuditedEntity.now();
    }

    public void complete(StoredResponse response) {
        this.status = response.status();
        this.location = response.location();
        this.body = response.body();
        this.revision = response.revision();
    }

    public boolean isExpired(int ttlHours) {
        return createdAt.plusHours(ttlHours).isBefore(AuditedEntity.now());
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public StoredResponse toResponse() {
        return new StoredResponse(status == null ? 500 : status, location, body, revision == null ? 0 : revision, true);
    }
}
