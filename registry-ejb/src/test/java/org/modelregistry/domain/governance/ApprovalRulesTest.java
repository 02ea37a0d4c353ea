package org.modelregistry.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.RiskTier;

class ApprovalRulesTest {

    @Test
    void defaultsFollowTheRiskTier() {
        ApprovalRules rules = ApprovalRules.defaults();
        assertThat(rules.required(RiskTier.LOW)).isEqualTo(1);
        assertThat(rules.required(RiskTier.HIGH)).isEqualTo(2);
        assertThat(rules.required(RiskTier.CRITICAL)).isEqualTo(3);
        assertThat(rules.validity(RiskTier.CRITICAL)).isEqualTo(Period.ofMonths(6));
        assertThat(rules.validity(RiskTier.MEDIUM)).isNull();
    }

    @Test
    void configuredValuesReplaceThem() {
        ApprovalRules rules = ApprovalRules.parse("medium=2, HIGH=4", "MEDIUM=P2Y");
        assertThat(rules.required(RiskTier.MEDIUM)).isEqualTo(2);
        assertThat(rules.required(RiskTier.HIGH)).isEqualTo(4);
        assertThat(rules.required(RiskTier.LOW)).isEqualTo(1);
        assertThat(rules.validity(RiskTier.MEDIUM)).isEqualTo(Period.ofYears(2));
        assertThat(rules.validity(RiskTier.HIGH)).isNull();
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> ApprovalRules.parse("HIGH=0", "")).hasMessageContaining("registry.approvals.required");
        assertThatThrownBy(() -> ApprovalRules.parse("HUGE=2", "")).hasMessageContaining("HUGE");
        assertThatThrownBy(() -> ApprovalRules.parse("", "HIGH=12 months"))
                .hasMessageContaining("registry.approvals.validity");
        assertThatThrownBy(() -> ApprovalRules.parse("", "HIGH=P-1M")).hasMessageContaining("positive");
    }
}
