package org.modelregistry.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.domain.audit.AuditRecord;

class AuditRecordMapperTest {

    @Test
    void aRecordIsAnsweredFieldForFieldWithItsDetailsAsJson() {
        UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        UUID org = UUID.fromString("00000000-0000-7000-8000-000000000001");
        OffsetDateTime at = OffsetDateTime.parse("2026-01-15T10:20:30.123456Z");
        AuditRecordDto dto = AuditRecordMapper.toDto(new AuditRecord(
                id,
                3L,
                at,
                "alice",
                "model.created",
                "model",
                id,
                org,
                "req",
                "{\"name\": \"m\"}",
                "h",
                "::1",
                "DENIED"));
        assertThat(dto)
                .extracting(
                        AuditRecordDto::id,
                        AuditRecordDto::seq,
                        AuditRecordDto::occurredAt,
                        AuditRecordDto::actor,
                        AuditRecordDto::action,
                        AuditRecordDto::objectType,
                        AuditRecordDto::objectId,
                        AuditRecordDto::organizationId,
                        AuditRecordDto::requestId,
                        AuditRecordDto::hash,
                        AuditRecordDto::clientAddress,
                        AuditRecordDto::outcome)
                .containsExactly(id, 3L, at, "alice", "model.created", "model", id, org, "req", "h", "::1", "DENIED");
        assertThat(dto.details().getString("name")).isEqualTo("m");
    }
}
