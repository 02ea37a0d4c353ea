package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.CatalogQuery;
import org.modelregistry.api.catalog.CatalogSort;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.domain.catalog.Artifact;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.ModelView;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.shared.SqlValues;

/** {@link ModelRepository} on the registry's JTA persistence unit. */
@ApplicationScoped
public class JpaModelRepository implements ModelRepository {

    static final UUID DEFAULT_ORGANIZATION = UUID.fromString("00000000-0000-7000-8000-000000000001");

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public Organization defaultOrganization() {
        return em.find(Organization.class, DEFAULT_ORGANIZATION);
    }

    @Override
    public Optional<Organization> organization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id));
    }

    @Override
    public Optional<Organization> lockOrganization(UUID id) {
        return Optional.ofNullable(em.find(Organization.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public long storedBytes(UUID organizationId) {
        return ((Number) em.createNamedQuery("Artifact.storedBytesOfOrganization")
                        .setParameter(1, organizationId.toString())
                        .getSingleResult())
                .longValue();
    }

    @Override
    public Optional<Model> findModel(UUID id) {
        return Optional.ofNullable(em.find(Model.class, id));
    }

    @Override
    public Optional<ModelView> findModelView(UUID id) {
        // the collections as JSON arrays in their list order, beside the row and the slug: one statement
        List<?> rows = em.createNativeQuery("SELECT CAST(m.id AS text), o.slug, m.model_group, m.name, m.description,"
                        + " m.risk_tier, m.created_at, m.created_by, m.updated_at, m.updated_by, m.row_version,"
                        + " CAST(m.organization_id AS text),"
                        + " (SELECT CAST(COALESCE(json_agg(w.owner ORDER BY w.ordinal), '[]') AS text)"
                        + " FROM model_owner w WHERE w.model_id = m.id),"
                        + " (SELECT CAST(COALESCE(json_agg(t.tag ORDER BY t.ordinal), '[]') AS text)"
                        + " FROM model_tag t WHERE t.model_id = m.id)"
                        + " FROM model m JOIN organization o ON o.id = m.organization_id"
                        + " WHERE m.id = CAST(?1 AS uuid)")
                .setParameter(1, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        ModelDto model = new ModelDto(
                SqlValues.uuid((String) r[0]),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                strings((String) r[12]),
                RiskTier.valueOf((String) r[5]),
                strings((String) r[13]),
                SqlValues.time(r[6]),
                (String) r[7],
                SqlValues.time(r[8]),
                (String) r[9],
                ((Number) r[10]).longValue());
        return Optional.of(new ModelView(model, SqlValues.uuid((String) r[11])));
    }

    private static List<String> strings(String jsonArray) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonArray))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }

    @Override
    public Optional<Model> findModel(UUID organizationId, String group, String name) {
        return em.createNamedQuery("Model.findByGroupAndName", Model.class)
                .setParameter("organizationId", organizationId)
                .setParameter("group", group)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<Organization> organization(String slug) {
        return em.createNamedQuery("Organization.findBySlug", Organization.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Organization> organizations() {
        return em.createQuery("SELECT o FROM Organization o ORDER BY o.slug", Organization.class)
                .getResultList();
    }

    @Override
    public List<Model> listModels(Set<UUID> organizationIds, ModelFilter f, UUID after, int limit) {
        if (organizationIds != null && organizationIds.isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("SELECT m FROM Model m WHERE 1 = 1");
        if (organizationIds != null) {
            jpql.append(" AND m.organizationId IN :orgs");
        }
        if (f.group() != null) {
            jpql.append(" AND m.group = :group");
        }
        if (f.name() != null) {
            jpql.append(" AND m.name = :name");
        }
        if (f.riskTier() != null) {
            jpql.append(" AND m.riskTier = :riskTier");
        }
        if (f.tag() != null) {
            jpql.append(" AND :tag MEMBER OF m.tags");
        }
        if (f.owner() != null) {
            jpql.append(" AND :owner MEMBER OF m.owners");
        }
        if (after != null) {
            jpql.append(" AND m.id > :after");
        }
        jpql.append(" ORDER BY m.id");
        TypedQuery<Model> q = em.createQuery(jpql.toString(), Model.class);
        if (organizationIds != null) {
            q.setParameter("orgs", List.copyOf(organizationIds));
        }
        if (f.group() != null) {
            q.setParameter("group", f.group());
        }
        if (f.name() != null) {
            q.setParameter("name", f.name());
        }
        if (f.riskTier() != null) {
            q.setParameter("riskTier", f.riskTier());
        }
        if (f.tag() != null) {
            q.setParameter("tag", f.tag());
        }
        if (f.owner() != null) {
            q.setParameter("owner", f.owner());
        }
        if (after != null) {
            q.setParameter("after", after);
        }
        // one IN query each for owners and tags of the whole page, not one per model
        q.setHint("eclipselink.batch.type", "IN");
        q.setHint("eclipselink.batch", "m.owners");
        q.setHint("eclipselink.batch", "m.tags");
        return q.setMaxResults(limit).getResultList();
    }

    /** Separates owners and tags aggregated into one column (they never contain control characters). */
    private static final String UNIT = "\u001f";

    @Override
    public List<ModelSummaryDto> catalog(
            Set<UUID> organizationIds, CatalogQuery query, CatalogPosition after, int limit) {
        if (organizationIds != null && organizationIds.isEmpty()) {
            return List.of();
        }
        String key = catalogKeyColumn(query.sort());
        String order = query.descending() ? " DESC" : " ASC";
        List<Object> params = new ArrayList<>();
        // Sorted on the model table alone (the V23 indexes: organization, key, id), so the page's rows come from an
        // index walk that stops after LIMIT; owners, tags and the latest version are looked up for those rows only.
        StringBuilder sql = new StringBuilder("SELECT m.id::text, o.slug, m.model_group, m.name, m.risk_tier,"
                + " m.updated_at,"
                + " (SELECT string_agg(x.owner, chr(31) ORDER BY x.ordinal) FROM model_owner x WHERE x.model_id = m.id),"
                + " (SELECT string_agg(t.tag, chr(31) ORDER BY t.ordinal) FROM model_tag t WHERE t.model_id = m.id),"
                + " lv.version, lv.state"
                + " FROM model m JOIN organization o ON o.id = m.organization_id"
                + (query.latestState() == null ? " LEFT" : "")
                + " JOIN LATERAL (SELECT v.version, v.state FROM model_version v WHERE v.model_id = m.id"
                + " ORDER BY v.version_key DESC, v.id DESC LIMIT 1) lv ON true WHERE true");
        if (organizationIds != null && organizationIds.size() == 1) {
            sql.append(" AND m.organization_id = CAST(? AS uuid)");
            params.add(organizationIds.iterator().next().toString());
        } else if (organizationIds != null) {
            sql.append(" AND m.organization_id = ANY (CAST(? AS uuid[]))");
            params.add("{"
                    + String.join(
                            ",", organizationIds.stream().map(UUID::toString).toList()) + "}");
        }
        if (query.text() != null) {
            sql.append(" AND (m.model_group || '/' || m.name) LIKE ? ESCAPE '!'");
            params.add("%" + query.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.riskTier() != null) {
            sql.append(" AND m.risk_tier = ?");
            params.add(query.riskTier().name());
        }
        if (query.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM model_tag t WHERE t.model_id = m.id AND t.tag = ?)");
            params.add(query.tag());
        }
        if (query.owner() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM model_owner x WHERE x.model_id = m.id AND x.owner = ?)");
            params.add(query.owner());
        }
        if (query.latestState() != null) {
            sql.append(" AND lv.state = ?");
            params.add(query.latestState().name());
        }
        if (after != null) {
            sql.append(" AND (")
                    .append(key)
                    .append(", m.id) ")
                    .append(query.descending() ? "<" : ">")
                    .append(" (CAST(? AS ")
                    .append(catalogKeyType(query.sort()))
                    .append("), CAST(? AS uuid))");
            params.add(after.key());
            params.add(after.id().toString());
        }
        sql.append(" ORDER BY ").append(key).append(order).append(", m.id").append(order);
        sql.append(" LIMIT ").append(limit);
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<ModelSummaryDto> rows = new ArrayList<>();
        for (Object result : q.getResultList()) {
            Object[] r = (Object[]) result;
            rows.add(new ModelSummaryDto(
                    UUID.fromString((String) r[0]),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    RiskTier.valueOf((String) r[4]),
                    split(r[6]),
                    split(r[7]),
                    SqlValues.time(r[5]),
                    (String) r[8],
                    r[9] == null ? null : VersionState.valueOf((String) r[9])));
        }
        return rows;
    }

    /** The sort key's SQL: the risk tier sorts by severity, as the V23 index on the same expression does. */
    private static String catalogKeyColumn(CatalogSort sort) {
        return switch (sort == null ? CatalogSort.NAME : sort) {
            case NAME -> "m.name";
            case GROUP -> "m.model_group";
            case RISK_TIER -> "(CASE m.risk_tier WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END)";
            case UPDATED -> "m.updated_at";
        };
    }

    private static String catalogKeyType(CatalogSort sort) {
        return switch (sort == null ? CatalogSort.NAME : sort) {
            case NAME, GROUP -> "text";
            case RISK_TIER -> "integer";
            case UPDATED -> "timestamptz";
        };
    }

    private static List<String> split(Object aggregated) {
        return aggregated == null ? List.of() : Arrays.asList(((String) aggregated).split(UNIT));
    }

    @Override
    public long countVersions(UUID modelId) {
        return em.createNamedQuery("Model.countVersions", Long.class)
                .setParameter("modelId", modelId)
                .getSingleResult();
    }

    @Override
    public Optional<ModelVersion> findVersion(UUID modelId, String version) {
        return em.createNamedQuery("ModelVersion.findByModelAndVersion", ModelVersion.class)
                .setParameter("modelId", modelId)
                .setParameter("version", version)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<ModelVersion> listVersions(
            UUID modelId, VersionState state, boolean bySemver, String afterKey, UUID afterId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT v FROM ModelVersion v WHERE v.modelId = :modelId");
        if (state != null) {
            jpql.append(" AND v.state = :state");
        }
        if (afterId != null) {
            jpql.append(
                    bySemver
                            ? " AND (v.versionKey < :afterKey OR (v.versionKey = :afterKey AND v.id < :afterId))"
                            : " AND v.id > :afterId");
        }
        jpql.append(bySemver ? " ORDER BY v.versionKey DESC, v.id DESC" : " ORDER BY v.id");
        TypedQuery<ModelVersion> q =
                em.createQuery(jpql.toString(), ModelVersion.class).setParameter("modelId", modelId);
        if (state != null) {
            q.setParameter("state", state);
        }
        if (afterId != null) {
            q.setParameter("afterId", afterId);
            if (bySemver) {
                q.setParameter("afterKey", afterKey);
            }
        }
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public List<ModelVersion> findVersionsByMetadata(
            Set<UUID> organizationIds, List<String> path, String value, int limit) {
        if (organizationIds != null && organizationIds.isEmpty()) {
            return List.of();
        }
        // the path's keys are letters, digits, _ and - (checked by the service): a safe text[] literal; the
        // function, not the #>> operator, since EclipseLink reads '#' in a native query as a parameter marker
        StringBuilder sql = new StringBuilder("SELECT v.id FROM model_version v JOIN model m ON m.id = v.model_id"
                + " WHERE jsonb_extract_path_text(v.metadata, VARIADIC CAST(?1 AS text[])) = ?2");
        List<Object> params = new ArrayList<>(List.of("{" + String.join(",", path) + "}", value));
        if (organizationIds != null) {
            sql.append(" AND m.organization_id IN (");
            int i = 0;
            for (UUID org : organizationIds) {
                params.add(org.toString());
                sql.append(i++ == 0 ? "" : ", ")
                        .append("CAST(?")
                        .append(params.size())
                        .append(" AS uuid)");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY v.id LIMIT ").append(limit);
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<ModelVersion> found = new ArrayList<>();
        for (Object id : q.getResultList()) {
            UUID versionId = id instanceof UUID u ? u : UUID.fromString(id.toString());
            Optional.ofNullable(em.find(ModelVersion.class, versionId)).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public Optional<Artifact> findArtifact(UUID versionId, UUID artifactId, boolean lockForUpdate) {
        Artifact a = lockForUpdate
                ? em.find(Artifact.class, artifactId, LockModeType.PESSIMISTIC_WRITE)
                : em.find(Artifact.class, artifactId);
        return Optional.ofNullable(a).filter(x -> x.getVersionId().equals(versionId));
    }

    @Override
    public Optional<Artifact> findArtifact(UUID versionId, String name) {
        return em.createNamedQuery("Artifact.findByVersionAndName", Artifact.class)
                .setParameter("versionId", versionId)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Artifact> listArtifacts(UUID versionId, UUID after, int limit) {
        String jpql = "SELECT a FROM Artifact a WHERE a.versionId = :versionId"
                + (after == null ? "" : " AND a.id > :after") + " ORDER BY a.id";
        TypedQuery<Artifact> q = em.createQuery(jpql, Artifact.class).setParameter("versionId", versionId);
        if (after != null) {
            q.setParameter("after", after);
        }
        return q.setMaxResults(limit).getResultList();
    }

    @Override
    public boolean addVersion(ModelVersion version) {
        em.persist(version);
        try {
            em.flush();
            return true;
        } catch (PersistenceException e) {
            // model_version's only unique keys are its id (a UUIDv7, never reused) and (model_id, version)
            if (PersistenceErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void add(Object entity) {
        em.persist(entity);
    }

    @Override
    public void remove(Object entity) {
        em.remove(entity);
    }

    @Override
    public void flush() {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new PreconditionFailedException("The object was changed concurrently; read it again and retry");
        } catch (PersistenceException e) {
            if (PersistenceErrors.isUniqueViolation(e)) {
                throw new ConflictException(
                        "An object with the same unique name already exists (concurrent create)", "name");
            }
            throw e;
        }
    }
}
