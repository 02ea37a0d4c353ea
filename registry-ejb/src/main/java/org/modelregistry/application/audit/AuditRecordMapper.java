package org.modelregistry.application.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.domain.audit.AuditRecord;

/** An audit record as the API answers it (its details as JSON, not text). */
final class AuditRecordMapper {

    private AuditRecordMapper() {}

    static AuditRecordDto toDto(AuditRecord r) {
        return new AuditRecordDto(
                r.id(),
                r.seq(),
                r.occurredAt(),
                r.actor(),
                r.action(),
                r.objectType(),
                r.objectId(),
                r.organizationId(),
                r.requestId(),
                details(r.details()),
                r.hash(),
                r.clientAddress(),
                r.outcome());
    }

    private static JsonObject details(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
