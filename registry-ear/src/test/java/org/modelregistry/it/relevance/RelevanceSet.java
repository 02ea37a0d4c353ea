package org.modelregistry.it.relevance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.modelregistry.it.relevance.Vocabulary.Domain;
import org.modelregistry.it.relevance.Vocabulary.Family;
import org.modelregistry.it.relevance.Vocabulary.Source;
import org.modelregistry.it.relevance.Vocabulary.Task;

/**
 * A labelled relevance set for search, generated from {@link Vocabulary} with a fixed seed: the same models and
 * queries on every run. Each task of each domain gets {@link #MODELS_PER_TASK} models whose cards combine one of the
 * task's phrasings with a model family, training data, an output and a closing note in one of several sentence
 * shapes; names combine a stem of the task with the family and a variant. Queries come in two kinds: a paraphrase
 * per task (grade 2 for the task's models, 1 for the rest of its domain) and exact names (grade 2 for the named
 * model only).
 */
public final class RelevanceSet {

    public static final long SEED = 18L;
    public static final int MODELS_PER_TASK = 4;
    public static final int NAMED_PER_DOMAIN = 2;

    /** A model to register: its card, tags, and the metadata of its version 1.0.0. */
    public record Model(
            String domain,
            String task,
            String group,
            String name,
            String riskTier,
            String description,
            List<String> tags,
            Map<String, Object> metadata) {

        /** Every word a search could match on: name, group, description, tags, metadata keys and values. */
        public String text() {
            StringBuilder text = new StringBuilder(name)
                    .append(' ')
                    .append(group)
                    .append(' ')
                    .append(description)
                    .append(' ')
                    .append(String.join(" ", tags));
            metadata.forEach((k, v) -> text.append(' ').append(k).append(' ').append(v));
            return text.toString();
        }
    }

    public enum Kind {
        /** Other words than the model cards: synonyms, paraphrases, intent. */
        PARAPHRASE,
        /** The name of one model, exactly. */
        EXACT_NAME
    }

    /** A query and the grade of each relevant model (by name): 2 highly relevant, 1 relevant, absent 0. */
    public record Query(Kind kind, String domain, String task, String text, Map<String, Integer> grades) {

        /** The models of grade 2: what recall@10 counts. */
        public Set<String> highlyRelevant() {
            Set<String> names = new LinkedHashSet<>();
            grades.forEach((name, grade) -> {
                if (grade == 2) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    private final List<Model> models;
    private final List<Query> queries;

    private RelevanceSet(List<Model> models, List<Query> queries) {
        this.models = List.copyOf(models);
        this.queries = List.copyOf(queries);
    }

    public List<Model> models() {
        return models;
    }

    public List<Query> queries() {
        return queries;
    }

    public List<Query> queries(Kind kind) {
        return queries.stream().filter(q -> q.kind() == kind).toList();
    }

    public Model model(String name) {
        return models.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + name));
    }

    /** The set every test uses. */
    public static RelevanceSet standard() {
        return generate(SEED);
    }

    public static RelevanceSet generate(long seed) {
        Random random = new Random(seed);
        List<Model> models = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Domain domain : Vocabulary.DOMAINS) {
            List<Model> ofDomain = new ArrayList<>();
            for (Task task : domain.tasks()) {
                // each task's models use different families where the domain has enough of them
                List<Family> families = new ArrayList<>(domain.families());
                Collections.shuffle(families, random);
                int firstPhrase = random.nextInt(task.phrases().size());
                for (int i = 0; i < MODELS_PER_TASK; i++) {
                    Family family = families.get(i % families.size());
                    String phrase = task.phrases()
                            .get((firstPhrase + i) % task.phrases().size());
                    ofDomain.add(model(random, domain, task, family, phrase, names));
                }
            }
            models.addAll(ofDomain);
            for (Task task : domain.tasks()) {
                Map<String, Integer> grades = new LinkedHashMap<>();
                for (Model m : ofDomain) {
                    grades.put(m.name(), m.task().equals(task.key()) ? 2 : 1);
                }
                queries.add(new Query(Kind.PARAPHRASE, domain.key(), task.key(), task.query(), grades));
            }
            List<Model> named = new ArrayList<>(ofDomain);
            Collections.shuffle(named, random);
            for (Model m : named.subList(0, NAMED_PER_DOMAIN)) {
                queries.add(new Query(Kind.EXACT_NAME, domain.key(), m.task(), m.name(), Map.of(m.name(), 2)));
            }
        }
        return new RelevanceSet(models, queries);
    }

    private static final List<String> VARIANTS =
            List.of("", "", "", "v2", "v3", "eu", "us", "apac", "lite", "prod", "2025", "large");
    private static final List<String> TIERS = List.of("LOW", "MEDIUM", "MEDIUM", "HIGH");

    private static Model model(
            Random random, Domain domain, Task task, Family family, String phrase, Set<String> names) {
        Source source = pick(random, domain.sources());
        String output = pick(random, task.outputs());
        String note = pick(random, Vocabulary.NOTES);
        String description = switch (random.nextInt(5)) {
            case 0 ->
                capitalized(article(family.label())) + " that " + phrase + ", trained on " + source.label()
                        + ". Returns " + output + ". " + note;
            case 1 ->
                capitalized(phrase) + " with " + article(family.label()) + " trained on " + source.label()
                        + "; the output is " + output + ". " + note;
            case 2 -> "Trained on " + source.label() + ", this " + family.label() + " " + phrase + ". " + note;
            case 3 ->
                capitalized(phrase) + ". Model: " + family.label() + "; data: " + source.label() + "; output: " + output
                        + ".";
            default ->
                "This model " + phrase + " and returns " + output + ". It is " + article(family.label()) + " fitted to "
                        + source.label() + ". " + note;
        };
        String base = pick(random, task.nameStems()) + "-" + family.abbreviation();
        String variant = pick(random, VARIANTS);
        String name = variant.isEmpty() ? base : base + "-" + variant;
        for (int n = 2; !names.add(name); n++) {
            name = base + "-" + n;
        }
        List<String> tags = new ArrayList<>(task.tags());
        if (random.nextBoolean()) {
            tags.add(family.framework());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("framework", family.framework());
        metadata.put("dataset", source.slug());
        metadata.put("primary_metric", domain.metric());
        metadata.put("metric_value", Math.round((0.70 + random.nextDouble() * 0.28) * 1000) / 1000.0);
        metadata.put("training_rows", 10_000 + random.nextInt(5_000_000));
        return new Model(
                domain.key(),
                task.key(),
                pick(random, domain.groups()),
                name,
                pick(random, TIERS),
                description.strip(),
                List.copyOf(tags),
                Collections.unmodifiableMap(metadata));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String article(String noun) {
        return ("aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String capitalized(String phrase) {
        return Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "an", "and", "are", "as", "at", "be", "before", "by", "can", "did", "do", "does",
            "each", "every", "for", "from", "get", "has", "have", "how", "i", "in", "into", "is", "it", "its", "me",
            "much", "many", "my", "not", "of", "on", "or", "our", "out", "should", "so", "that", "the", "their", "them",
            "they", "this", "to", "up", "us", "we", "what", "when", "where", "which", "who", "whom", "will", "with",
            "you", "your");

    /**
     * The content words of a text, each cut to a crude stem: lower case, a plural and one common ending (-ing, -ion,
     * -ed, -er, -ly, with a doubled consonant before it) removed, then the first five letters. Cruder than the
     * search's Porter stemmer on purpose: it counts more words as shared ("translation" and "translate", "customer"
     * and "custom"), so the check below errs towards calling a query too close to the cards.
     */
    public static Set<String> contentWords(String text) {
        Set<String> stems = new TreeSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.length() < 3 || STOP_WORDS.contains(word)) {
                continue;
            }
            stems.add(stem(word));
        }
        return stems;
    }

    static String stem(String word) {
        String w = word;
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        for (String ending : List.of("ing", "ion", "ed", "er", "ly")) {
            if (w.endsWith(ending) && w.length() - ending.length() >= 3) {
                w = w.substring(0, w.length() - ending.length());
                // "flagging" and "flags" are one word
                int n = w.length();
                if (w.charAt(n - 1) == w.charAt(n - 2) && "aeioulsz".indexOf(w.charAt(n - 1)) < 0) {
                    w = w.substring(0, n - 1);
                }
                break;
            }
        }
        return w.length() > 5 ? w.substring(0, 5) : w;
    }

    /** The content words a query shares with a text (a model's {@link Model#text()}). */
    public static Set<String> sharedWords(String query, String text) {
        Set<String> shared = new TreeSet<>(contentWords(query));
        shared.retainAll(contentWords(text));
        return shared;
    }
}
