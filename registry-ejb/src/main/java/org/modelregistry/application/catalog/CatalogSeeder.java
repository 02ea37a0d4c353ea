package org.modelregistry.application.catalog;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.identity.Role;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.OwnerDirectory;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.PasswordHash;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;
import org.modelregistry.domain.shared.Actors;

/**
 * The data generator of the benchmarks: registers models, versions and artifacts through the same domain factories
 * and repository as the services (every rule applies), in transactions of one batch of models each, so that a
 * million versions load in minutes. Only reachable when {@code registry.benchmark.seed-enabled} is true.
 */
@Stateless
@LocalBean
public class CatalogSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class.getName());
    private static final RiskTier[] TIERS = RiskTier.values();
    private static final String[] TAGS = {"nlp", "vision", "fraud", "ranking", "speech", "forecast", "llm", "tabular"};
    private static final int OWNERS = 50;
    private static final String[] FRAMEWORKS = {"pytorch", "tensorflow", "xgboost", "sklearn", "jax"};

    @Resource
    SessionContext context;

    @Inject
    ModelRepository models;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @EJB
    CatalogSeeder self;

    @Inject
    UserRepository users;

    @Inject
    OwnerDirectory ownerDirectory;

    /** Counts of what was written. */
    public record Seeded(int models, long versions, long artifacts, long millis) {}

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Seeded seed(String prefix, int modelCount, int versionsPerModel, int artifactsPerVersion, int batch) {
        long t0 = System.nanoTime();
        long versions = 0;
        long artifacts = 0;
        self.ensureOwners();
        for (int from = 0; from < modelCount; from += batch) {
            int to = Math.min(modelCount, from + batch);
            long[] counts = self.seedBatch(prefix, from, to, versionsPerModel, artifactsPerVersion);
            versions += counts[0];
            artifacts += counts[1];
            if ((from / batch) % 10 == 0) {
                long done = versions;
                LOG.info(() -> "seeded " + to + "/" + modelCount + " models, " + done + " versions");
            }
        }
        return new Seeded(modelCount, versions, artifacts, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The benchmark models' owners are real accounts ({@value #OWNERS} CONTRIBUTORs of the default organization,
     * {@code bench-owner-<n>}, with random passwords nobody knows), since owners must be principals.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void ensureOwners() {
        String actor = Actors.name(context.getCallerPrincipal());
        UUID org = models.defaultOrganization().getId();
        SecureRandom random = new SecureRandom();
        for (int n = 0; n < OWNERS; n++) {
            String name = owner(n);
            if (users.findByUsername(name).isEmpty()) {
                byte[] secret = new byte[24];
                random.nextBytes(secret);
                char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
                User user = User.create(
                        name, "Benchmark owner " + n, null, password, PasswordHash.DEFAULT_ITERATIONS, actor);
                users.add(user);
                em.flush();
                users.add(new Membership(user.getId(), org, Role.CONTRIBUTOR));
            }
        }
    }

    private static String owner(int n) {
        return "bench-owner-" + n;
    }

    /** One transaction: {@code to - from} models with their versions and artifacts. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long[] seedBatch(String prefix, int from, int to, int versionsPerModel, int artifactsPerVersion) {
        String actor = Actors.name(context.getCallerPrincipal());
        UUID org = models.defaultOrganization().getId();
        long versions = 0;
        long artifacts = 0;
        for (int i = from; i < to; i++) {
            Model model = Model.register(
                    org,
                    new CreateModelRequest(
                            null,
                            "bench-" + prefix + "-" + (i % 100),
                            "model-" + i,
                            "Benchmark model " + i + " for " + TAGS[i % TAGS.length],
                            List.of(owner(i % OWNERS)),
                            TIERS[i % TIERS.length],
                            List.of(TAGS[i % TAGS.length], TAGS[(i / 8) % TAGS.length])),
                    actor,
                    ownerDirectory);
            em.persist(model);
            // the foreign keys are plain columns, not JPA relationships: EclipseLink does not order the inserts
            // of different tables by them, so each level is flushed before the next one
            em.flush();
            List<ModelVersion> registered = new ArrayList<>(versionsPerModel);
            for (int v = 0; v < versionsPerModel; v++) {
                ModelVersion version = ModelVersion.register(
                        model,
                        new CreateVersionRequest(
                                (v / 100) + "." + ((v / 10) % 10) + "." + (v % 10),
                                null,
                                Json.createObjectBuilder()
                                        .add("framework", FRAMEWORKS[(i + v) % FRAMEWORKS.length])
                                        .add("accuracy", 0.5 + (v % 50) / 100.0)
                                        .build(),
                                null,
                                null),
                        actor);
                em.persist(version);
                registered.add(version);
                versions++;
            }
            em.flush();
            for (ModelVersion version : registered) {
                for (int a = 0; a < artifactsPerVersion; a++) {
                    em.persist(Artifact.register(
                            version,
                            new CreateArtifactRequest(
                                    ArtifactType.MODEL_WEIGHTS,
                                    "weights-" + a + ".bin",
                                    "s3://bench/" + model.getId() + "/" + version.getVersion() + "/" + a,
                                    null,
                                    1024L * (a + 1),
                                    "Apache-2.0",
                                    null),
                            actor));
                    artifacts++;
                }
            }
            // keep the persistence context small: the batch is flushed and forgotten every model
            em.flush();
            em.clear();
        }
        audit.record(
                actor,
                "benchmark.seeded",
                "organization",
                org,
                org,
                Json.createObjectBuilder()
                        .add("prefix", prefix)
                        .add("from", from)
                        .add("to", to)
                        .add("versions", versions)
                        .build());
        return new long[] {versions, artifacts};
    }
}
