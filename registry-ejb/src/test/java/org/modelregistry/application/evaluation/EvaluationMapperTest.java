package org.modelregistry.application.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.Owners;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;
import org.modelregistry.domain.evaluation.EvaluationRun;
import org.modelregistry.domain.evaluation.EvaluationSuite;

class EvaluationMapperTest {

    private static final JsonArray CHECKS = Json.createReader(
                    new StringReader("[{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"}]"))
            .readArray();

    private static EvaluationSuite suite() {
        return EvaluationSuite.define(
                new CreateSuiteRequest("gate", "release gate", List.of("LOW"), null, CHECKS), "alice");
    }

    @Test
    void aSuiteShowsItsScopeAsListsAndItsChecks() {
        EvaluationSuite suite = suite();
        EvaluationSuiteDto dto = EvaluationMapper.suite(suite);
        assertThat(dto.id()).isEqualTo(suite.getId());
        assertThat(dto.name()).isEqualTo("gate");
        assertThat(dto.description()).isEqualTo("release gate");
        assertThat(dto.riskTiers()).containsExactly("LOW");
        assertThat(dto.groups()).isEmpty();
        assertThat(dto.checks()).isEqualTo(CHECKS);
        assertThat(dto.version()).isEqualTo(1);
        assertThat(dto.createdBy()).isEqualTo("alice");
        assertThat(dto.updatedAt()).isEqualTo(suite.getCreatedAt());
    }

    @Test
    void aRunShowsItsSuiteByNameItsStateAndTheVersionByName() {
        Model model = Model.register(
                UUID.randomUUID(),
                new CreateModelRequest(null, "payments", "fraud", null, null, RiskTier.LOW, List.of()),
                "alice",
                Owners.EVERYONE);
        JsonObject metrics =
                Json.createReader(new StringReader("{\"accuracy\":0.93}")).readObject();
        EvaluationRun run = EvaluationRun.request(
                suite(), model, UUID.randomUUID(), new StartEvaluationRequest("gate", metrics, "s3://eval"), "bob");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        run.claim("server-a#1", now);
        run.complete(List.of(Status.PASSED), now.plusSeconds(1));

        List<EvaluationRunDto> dtos = EvaluationMapper.runs(List.of(run), List.of(), "1.0.0");
        assertThat(dtos).hasSize(1);
        EvaluationRunDto dto = dtos.get(0);
        assertThat(dto.id()).isEqualTo(run.getId());
        assertThat(dto.modelId()).isEqualTo(model.getId());
        assertThat(dto.version()).isEqualTo("1.0.0");
        assertThat(dto.suite()).isEqualTo("gate");
        assertThat(dto.suiteVersion()).isEqualTo(1);
        assertThat(dto.state()).isEqualTo("PASSED");
        assertThat(dto.metrics()).isEqualTo(metrics);
        assertThat(dto.dataset()).isEqualTo("s3://eval");
        assertThat(dto.attempt()).isEqualTo(1);
        assertThat(dto.requestedBy()).isEqualTo("bob");
        assertThat(dto.startedAt()).isEqualTo(now);
        assertThat(dto.finishedAt()).isEqualTo(now.plusSeconds(1));
        assertThat(dto.message()).isEqualTo("1 checks, PASSED");
        assertThat(dto.checks()).isEmpty();
    }
}
