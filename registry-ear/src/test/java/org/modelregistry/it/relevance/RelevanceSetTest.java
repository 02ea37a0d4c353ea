package org.modelregistry.it.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.relevance.RelevanceSet.Kind;
import org.modelregistry.it.relevance.RelevanceSet.Model;
import org.modelregistry.it.relevance.RelevanceSet.Query;

/** The relevance set is large and varied enough, registrable, and its paraphrases do not hand search the answer. */
class RelevanceSetTest {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9._:/=-]{0,62}$");

    private final RelevanceSet set = RelevanceSet.standard();

    @Test
    void aFewHundredVariedModelsOverADozenDomainsWithSixtyParaphrasesAndTwentyNames() {
        assertThat(set.models()).hasSizeGreaterThanOrEqualTo(240);
        assertThat(set.models().stream().map(Model::domain).distinct()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(set.queries(Kind.PARAPHRASE)).hasSizeGreaterThanOrEqualTo(60);
        assertThat(set.queries(Kind.EXACT_NAME)).hasSizeGreaterThanOrEqualTo(20);
        // variety: no two cards alike, and each task's models told in more than one way, by more than one family
        assertThat(set.models().stream().map(Model::description).distinct()).hasSameSizeAs(set.models());
        for (Vocabulary.Domain domain : Vocabulary.DOMAINS) {
            for (Vocabulary.Task task : domain.tasks()) {
                List<Model> models = set.models().stream()
                        .filter(m -> m.task().equals(task.key()))
                        .toList();
                assertThat(models).hasSize(RelevanceSet.MODELS_PER_TASK);
                assertThat(models.stream()
                                .map(m -> m.metadata().get("framework"))
                                .distinct())
                        .as(task.key())
                        .hasSizeGreaterThan(1);
                assertThat(task.phrases().stream()
                                .filter(p -> models.stream()
                                        .anyMatch(m ->
                                                m.description().toLowerCase().contains(p.toLowerCase()))))
                        .as(task.key())
                        .hasSizeGreaterThan(1);
            }
        }
        assertThat(RelevanceSet.generate(RelevanceSet.SEED).models()).isEqualTo(set.models());
        assertThat(RelevanceSet.generate(RelevanceSet.SEED + 1).models()).isNotEqualTo(set.models());
    }

    @Test
    void everyModelIsRegistrableAndEveryQueryHasItsRelevantModels() {
        Set<String> names = new HashSet<>();
        for (Model m : set.models()) {
            assertThat(names.add(m.name())).as("unique name " + m.name()).isTrue();
            assertThat(m.name()).matches(DNS_LABEL);
            assertThat(m.group()).matches(DNS_LABEL);
            assertThat(m.tags()).allMatch(t -> TAG.matcher(t).matches());
            assertThat(m.metadata()).containsKeys("framework", "dataset");
        }
        for (Query q : set.queries()) {
            assertThat(q.highlyRelevant()).as(q.text()).isNotEmpty();
            assertThat(q.grades().keySet()).as(q.text()).isSubsetOf(names);
        }
        for (Query q : set.queries(Kind.EXACT_NAME)) {
            assertThat(q.grades()).containsOnlyKeys(q.text());
        }
        for (Query q : set.queries(Kind.PARAPHRASE)) {
            assertThat(q.highlyRelevant())
                    .allMatch(name -> set.model(name).task().equals(q.task()));
            assertThat(q.grades().keySet())
                    .allMatch(name -> set.model(name).domain().equals(q.domain()));
        }
    }

    @Test
    void paraphrasesShareAtMostOneWordWithEachOfTheirModels() {
        double shareSum = 0;
        for (Query q : set.queries(Kind.PARAPHRASE)) {
            Set<String> words = RelevanceSet.contentWords(q.text());
            assertThat(words).as(q.text()).hasSizeGreaterThanOrEqualTo(3);
            Set<String> sharedWithAny = new TreeSet<>();
            for (String name : q.highlyRelevant()) {
                Model m = set.model(name);
                assertThat(m.text().toLowerCase()).doesNotContain(q.text().toLowerCase());
                Set<String> shared = RelevanceSet.sharedWords(q.text(), m.text());
                assertThat(shared).as(q.text() + " / " + m.description()).hasSizeLessThanOrEqualTo(1);
                sharedWithAny.addAll(shared);
            }
            assertThat(sharedWithAny).as(q.text()).hasSizeLessThanOrEqualTo(1);
            shareSum += (double) sharedWithAny.size() / words.size();
        }
        // on average, less than one query word in seven is found in the cards of the query's models
        assertThat(shareSum / set.queries(Kind.PARAPHRASE).size()).isLessThan(1.0 / 7);
    }

    @Test
    void aQueryCopiedFromACardOrMerelyInflectedDifferentlyFailsTheCheck() {
        Model m = set.models().get(0);
        String copied = m.description().substring(0, m.description().indexOf('.'));
        assertThat(RelevanceSet.sharedWords(copied, m.text())).hasSizeGreaterThan(1);
        assertThat(RelevanceSet.sharedWords(
                        "flagging fraudulent cards transaction", "flags fraudulent card-not-present transactions"))
                .containsExactlyInAnyOrder("flag", "fraud", "card", "trans");
        assertThat(RelevanceSet.sharedWords("stolen credit card purchases", "Recommends credit card limits"))
                .hasSize(2);
    }

    @Test
    void theCrudeStemmerCountsRelatedFormsAsOneWord() {
        assertThat(RelevanceSet.stem("running")).isEqualTo(RelevanceSet.stem("run"));
        assertThat(RelevanceSet.contentWords("Translation of translated texts"))
                .containsExactlyInAnyOrder("trans", "text");
        assertThat(RelevanceSet.sharedWords("stop customers from leaving", "scores customer attrition"))
                .containsExactly("custo");
        assertThat(RelevanceSet.contentWords("what is it for")).isEmpty();
        assertThat(List.of(RelevanceSet.stem("batteries"), RelevanceSet.stem("boxes"), RelevanceSet.stem("class")))
                .containsExactly("batte", "boxe", "class");
    }
}
