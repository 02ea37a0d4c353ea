package org.modelregistry.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.search.RecommendationsDto.Reviewer;
import org.modelregistry.domain.search.RecommendationSources.DeployedVersion;
import org.modelregistry.domain.search.RecommendationSources.PolicyEvaluation;
import org.modelregistry.domain.search.RecommendationSources.Review;
import org.modelregistry.domain.search.RecommendationSources.SuiteRun;

class RecommendationsTest {

    private final UUID self = UUID.randomUUID();
    private final UUID close = UUID.randomUUID();
    private final UUID loose = UUID.randomUUID();
    private final UUID unseen = UUID.randomUUID(); // not among the similar models: another tenant's, or unrelated
    private final Recommendations rules = new Recommendations(
            List.of(
                    new Recommendations.Similar(close, "fraud", "chargeback-gbm", 0.9f),
                    new Recommendations.Similar(self, "fraud", "itself", 1.0f),
                    new Recommendations.Similar(loose, "risk", "credit-lr", 0.3f)),
            self);

    @Test
    void theModelItselfIsNeverItsOwnSimilarModel() {
        assertThat(rules.modelIds()).containsExactly(close, loose);
    }

    @Test
    void reviewersAreWeighedByTheSimilarityOfWhatTheyReviewedAndExplained() {
        List<Reviewer> out = rules.reviewers(
                List.of(
                        new Review("rita", loose),
                        new Review("rita", loose), // a second round on the same model counts once
                        new Review("sam", close)),
                Set.of("rita", "sam"),
                Set.of());
        assertThat(out).extracting(Reviewer::username).containsExactly("sam", "rita");
        assertThat(out.get(0).weight()).isEqualTo(0.9);
        assertThat(out.get(1).weight()).isEqualTo(0.3);
        assertThat(out.get(0).reason())
                .isEqualTo("reviewed 1 of the 2 most similar models: fraud/chargeback-gbm (0.90)");
        assertThat(out.get(0).reviewedModels()).containsExactly("fraud/chargeback-gbm");
    }

    @Test
    void noOneWhoCouldNotReviewTheVersionIsSuggested() {
        List<Review> reviews = List.of(
                new Review("owner", close), // an owner of the model: four eyes refuses them
                new Review("Submitter", close), // submitted this version (names compare without case)
                new Review("left", close), // no longer an active REVIEWER of the organization
                new Review("stranger", unseen), // reviewed only a model the caller may not see
                new Review("ok", close));
        List<Reviewer> out =
                rules.reviewers(reviews, Set.of("owner", "Submitter", "ok", "stranger"), Set.of("OWNER", "submitter"));
        assertThat(out).extracting(Reviewer::username).containsExactly("ok");
    }

    @Test
    void suitesSayHowOftenTheyRanAndPassedAndWhetherThisVersionRanThem() {
        UUID bias = UUID.randomUUID();
        UUID card = UUID.randomUUID();
        var out = rules.suites(
                List.of(
                        new SuiteRun(bias, "bias", close, true),
                        new SuiteRun(bias, "bias", loose, false),
                        new SuiteRun(card, "card", close, true),
                        new SuiteRun(card, "card", unseen, true)),
                Set.of(card));
        assertThat(out).extracting(s -> s.name()).containsExactly("bias", "card");
        assertThat(out.get(0).similarModels()).isEqualTo(2);
        assertThat(out.get(0).passed()).isEqualTo(1);
        assertThat(out.get(0).runOnThisVersion()).isFalse();
        assertThat(out.get(1).similarModels())
                .as("the unseen model's run is not counted")
                .isEqualTo(1);
        assertThat(out.get(1).reason()).endsWith("; already run on this version");
    }

    @Test
    void policiesThatFailedOnSimilarModelsComeFirst() {
        UUID lenient = UUID.randomUUID();
        UUID strict = UUID.randomUUID();
        var out = rules.policies(List.of(
                new PolicyEvaluation(lenient, "a-lenient", "ADVISORY", close, false),
                new PolicyEvaluation(lenient, "a-lenient", "ADVISORY", loose, false),
                new PolicyEvaluation(strict, "b-strict", "BLOCKING", loose, true),
                new PolicyEvaluation(strict, "b-strict", "BLOCKING", unseen, true)));
        assertThat(out).extracting(p -> p.name()).containsExactly("b-strict", "a-lenient");
        assertThat(out.get(0).failed()).isEqualTo(1);
        assertThat(out.get(0).reason()).contains("it failed on risk/credit-lr (0.30)");
    }

    @Test
    void deployedLookAlikesComeMostSimilarFirstWithTheirVersions() {
        var out = rules.deployed(List.of(
                new DeployedVersion(loose, "1.0.0"),
                new DeployedVersion(close, "2.0.0"),
                new DeployedVersion(close, "2.1.0"),
                new DeployedVersion(unseen, "9.0.0")));
        assertThat(out).extracting(d -> d.name()).containsExactly("chargeback-gbm", "credit-lr");
        assertThat(out.get(0).versions()).containsExactly("2.0.0", "2.1.0");
        assertThat(out.get(0).reason())
                .isEqualTo("fraud/chargeback-gbm is deployed (2.0.0, 2.1.0): is there already a model for this?");
    }
}
