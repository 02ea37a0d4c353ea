package org.modelregistry.application.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.identity.SealedRow;
import org.modelregistry.domain.identity.SealedSecretRepository;
import org.modelregistry.domain.identity.SecretTable;
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

    @Inject
    SealedSecretRepository secrets;

    @Inject
    SecretKeys keys;

    @Inject
    AuditTrail audit;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED) // a singleton's PostConstruct may run in a transaction
    void sealAll() {
        secrets.lockForResealing(); // one server at a time (they share the database); released with the transaction
        int targets = reseal(SecretTable.DEPLOYMENT_TARGET);
        int webhooks = reseal(SecretTable.WEBHOOK_SUBSCRIPTION);
        if (targets + webhooks > 0) {
            LOG.info(() -> "Encrypted the secrets of " + targets + " deployment targets and " + webhooks
                    + " webhooks with key " + keys.box().currentKeyId());
        }
    }

    private int reseal(SecretTable table) {
        SecretBox box = keys.box();
        int resealed = 0;
        for (SealedRow row : secrets.stale(table, box.currentKeyId())) {
            List<String> sealed;
            try {
                sealed = resealed(row, table, box);
            } catch (SecretBox.UnreadableSecretException e) {
                // a lost previous key: the row stays as it is (its calls fail) and the registry still starts
                LOG.severe(e.getMessage() + "; set it again through the API, or add its key to"
                        + " registry.secrets.previous-keys");
                continue;
            }
            secrets.store(table, row.id(), sealed);
            resealed++;
            audit.record(
                    "system",
                    table.auditName() + ".secrets-encrypted",
                    table.table(),
                    row.id(),
                    row.organizationId(),
                    Json.createObjectBuilder()
                            .add("keyId", box.currentKeyId())
                            .add("from", row.sealed() ? "previous key" : "plain text")
                            .build());
        }
        return resealed;
    }

    /**
     * The row's values sealed with the current key, in the order of the table's columns: plain text is sealed, a
     * value sealed with a previous key is opened and sealed again, a secret never set stays null.
     *
     * @throws SecretBox.UnreadableSecretException when a value was sealed with a key the registry no longer has
     */
    static List<String> resealed(SealedRow row, SecretTable table, SecretBox box) {
        List<String> sealed = new ArrayList<>(row.values().size());
        for (int i = 0; i < row.values().size(); i++) {
            String column = table.columns().get(i);
            String value = row.values().get(i);
            String plain = row.sealed() ? box.open(value, table.table(), column, row.id()) : value;
            sealed.add(box.seal(plain, table.table(), column, row.id()));
        }
        return sealed;
    }
}
