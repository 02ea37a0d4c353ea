package org.modelregistry.application.governance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.governance.AliasMove;

/**
 * Where a model's aliases point now, which of them are protected ({@code registry.aliases.protected}, default
 * {@code production}), and the rule that a protected alias never points at a version that is no longer approved:
 * when a version leaves APPROVED or DEPLOYED, the protected aliases on it are removed, each with an audit record.
 */
@ApplicationScoped
public class Aliases {

    @Inject
    @ConfigProperty(name = "registry.aliases.protected", defaultValue = "production")
    Set<String> protectedNames;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    AuditTrail audit;

    public boolean isProtected(String alias) {
        return protectedNames.contains(alias);
    }

    /** The latest move of each alias of the model that still points somewhere. */
    public Map<String, AliasMove> current(UUID modelId) {
        Map<String, AliasMove> latest = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT m FROM AliasMove m WHERE m.modelId = :model ORDER BY m.movedAt DESC, m.id DESC",
                        AliasMove.class)
                .setParameter("model", modelId)
                .getResultStream()
                .forEach(m -> latest.putIfAbsent(m.getAlias(), m));
        latest.values().removeIf(m -> m.getVersionId() == null);
        return latest;
    }

    /**
     * Removes the protected aliases that point at the version (it has just left APPROVED or DEPLOYED), in the
     * caller's transaction, and audits each removal.
     *
     * @return the aliases removed
     */
    public List<String> clearProtected(Model model, ModelVersion version, String actor, String reason) {
        List<String> cleared = new ArrayList<>();
        for (AliasMove m : current(model.getId()).values()) {
            if (isProtected(m.getAlias()) && version.getId().equals(m.getVersionId())) {
                em.persist(new AliasMove(model.getId(), m.getAlias(), null, null, actor, null));
                audit.record(
                        actor,
                        "alias.cleared",
                        "model",
                        model.getId(),
                        model.getOrganizationId(),
                        Json.createObjectBuilder()
                                .add("alias", m.getAlias())
                                .add("version", version.getVersion())
                                .add("reason", reason)
                                .build());
                cleared.add(m.getAlias());
            }
        }
        return cleared;
    }
}
