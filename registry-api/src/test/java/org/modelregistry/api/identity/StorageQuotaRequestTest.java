package org.modelregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.api.common.RequestBodies.json;
import static org.modelregistry.api.common.RequestBodies.refusal;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.FieldError;

class StorageQuotaRequestTest {

    private static final FieldError REQUIRED =
            new FieldError("quotaBytes", "is required: bytes, 0 for unlimited, or null for the default");

    @Test
    void readsBytesAndZeroForUnlimited() {
        assertThat(StorageQuotaRequest.fromJson(json("{\"quotaBytes\":10737418240}"))
                        .quotaBytes())
                .isEqualTo(10_737_418_240L);
        assertThat(StorageQuotaRequest.fromJson(json("{\"quotaBytes\":0}")).quotaBytes())
                .isZero();
    }

    @Test
    void anExplicitNullMeansTheRegistrysDefault() {
        assertThat(StorageQuotaRequest.fromJson(json("{\"quotaBytes\":null}")))
                .isEqualTo(new StorageQuotaRequest(null));
    }

    @Test
    void leavesANegativeQuotaToTheOrganizationToRefuse() {
        assertThat(StorageQuotaRequest.fromJson(json("{\"quotaBytes\":-1}")).quotaBytes())
                .isEqualTo(-1L);
    }

    @Test
    void aMissingQuotaIsRequiredEvenThoughNullIsAllowed() {
        assertThat(refusal(StorageQuotaRequest::fromJson, "{}")).containsExactly(REQUIRED);
    }

    @Test
    void refusesAQuotaThatIsNotAnIntegerOrTooLarge() {
        assertThat(refusal(StorageQuotaRequest::fromJson, "{\"quotaBytes\":\"10\"}"))
                .containsExactly(new FieldError("quotaBytes", "must be an integer"));
        assertThat(refusal(StorageQuotaRequest::fromJson, "{\"quotaBytes\":1.5}"))
                .containsExactly(new FieldError("quotaBytes", "must be an integer"));
        assertThat(refusal(StorageQuotaRequest::fromJson, "{\"quotaBytes\":9223372036854775808}"))
                .containsExactly(new FieldError("quotaBytes", "is out of range"));
    }

    @Test
    void namesAnUnknownFieldBeforeTheMissingQuota() {
        assertThat(refusal(StorageQuotaRequest::fromJson, "{\"quota\":1}"))
                .containsExactly(new FieldError("quota", "unknown field; expected one of [quotaBytes]"), REQUIRED);
    }
}
