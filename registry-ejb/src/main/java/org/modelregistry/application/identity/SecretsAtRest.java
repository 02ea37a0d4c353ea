package org.modelregistry.application.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.infrastructure.security.SecretBox;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Secrets kept in the database, encrypted ({@link SecretBox}): {@code deployment_target.secret} and {@code .token},
 * {@code webhook_subscription.secret}. At every start, in one transaction, values still in plain text (rows written
 * before V17) are encrypted and values encrypted with a previous key are re-encrypted with the current one, with
 * an audit record saying how many; after a key rotation, one restart is the whole procedure (docs/operations.md).
 * Readers go through {@link SecretKeys#open}, which also reads a row not encrypted yet, so the order of start-up
 * beans does not matter.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "SecretKeys"})
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class.getName());

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    SecretKeys keys;

    @Inject
    AuditTrail audit;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED) // a singleton's PostConstruct may run in a transaction
    void sealAll() {
        // one server at a time (they share the database); released with the transaction
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('registry.secrets-at-rest'))")
                .getSingleResult();
        int targets = reseal("deployment_target", "deployment-target", List.of("secret", "token"));
        int webhooks = reseal("webhook_subscription", "webhook", List.of("secret"));
        if (targets + webhooks > 0) {
            LOG.info(() -> "Encrypted the secrets of " + targets + " deployment targets and " + webhooks
                    + " webhooks with key " + keys.box().currentKeyId());
        }
    }

    private int reseal(String table, String auditName, List<String> columns) {
        SecretBox box = keys.box();
        String current = "sb1:" + box.currentKeyId() + ":%";
        StringBuilder stale = new StringBuilder("NOT secrets_sealed");
        columns.forEach(c -> stale.append(" OR (")
                .append(c)
                .append(" IS NOT NULL AND ")
                .append(c)
                .append(" NOT LIKE '")
                .append(current)
                .append("')"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id::text, organization_id::text, secrets_sealed, "
                        + String.join(", ", columns)
                        + " FROM " + table + " WHERE " + stale + " FOR UPDATE")
                .getResultList();
        int resealed = 0;
        for (Object[] r : rows) {
            UUID id = UUID.fromString((String) r[0]);
            boolean sealed = (Boolean) r[2];
            var update = em.createNativeQuery("UPDATE " + table + " SET secrets_sealed = true, "
                    + String.join(", ", columns.stream().map(c -> c + " = ?").toList())
                    + " WHERE id = CAST(? AS uuid)");
            try {
                for (int i = 0; i < columns.size(); i++) {
                    String value = (String) r[3 + i];
                    String plain = sealed ? box.open(value, table, columns.get(i), id) : value;
                    update.setParameter(i + 1, box.seal(plain, table, columns.get(i), id));
                }
            } catch (SecretBox.UnreadableSecretException e) {
                // a lost previous key: the row stays as it is (its calls fail) and the registry still starts
                LOG.severe(e.getMessage() + "; set it again through the API, or add its key to"
                        + " registry.secrets.previous-keys");
                continue;
            }
            update.setParameter(columns.size() + 1, id.toString()).executeUpdate();
            resealed++;
            audit.record(
                    "system",
                    auditName + ".secrets-encrypted",
                    table,
                    id,
                    UUID.fromString((String) r[1]),
                    Json.createObjectBuilder()
                            .add("keyId", box.currentKeyId())
                            .add("from", sealed ? "previous key" : "plain text")
                            .build());
        }
        return resealed;
    }
}
