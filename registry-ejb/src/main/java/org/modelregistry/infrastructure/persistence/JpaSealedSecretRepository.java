package org.modelregistry.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.modelregistry.domain.identity.SealedRow;
import org.modelregistry.domain.identity.SealedSecretRepository;
import org.modelregistry.domain.identity.SecretTable;

/**
 * {@link SealedSecretRepository} with native SQL: the same statements for every {@link SecretTable}, built from its
 * fixed table and column names (never from input).
 */
@ApplicationScoped
public class JpaSealedSecretRepository implements SealedSecretRepository {

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public void lockForResealing() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('registry.secrets-at-rest'))")
                .getSingleResult();
    }

    @Override
    public List<SealedRow> stale(SecretTable table, String currentKeyId) {
        List<String> columns = table.columns();
        StringBuilder stale = new StringBuilder("NOT secrets_sealed");
        for (String c : columns) {
            stale.append(" OR (")
                    .append(c)
                    .append(" IS NOT NULL AND ")
                    .append(c)
                    .append(" NOT LIKE ?)");
        }
        var query = em.createNativeQuery("SELECT id::text, organization_id::text, secrets_sealed, "
                + String.join(", ", columns)
                + " FROM " + table.table() + " WHERE " + stale + " FOR UPDATE");
        for (int i = 0; i < columns.size(); i++) {
            query.setParameter(i + 1, "sb1:" + currentKeyId + ":%");
        }
        List<SealedRow> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            rows.add(toRow((Object[]) row, columns.size()));
        }
        return rows;
    }

    private static SealedRow toRow(Object[] r, int columns) {
        List<String> values = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            values.add((String) r[3 + i]);
        }
        return new SealedRow(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]), (Boolean) r[2], values);
    }

    @Override
    public void store(SecretTable table, UUID id, List<String> sealedValues) {
        var update = em.createNativeQuery("UPDATE " + table.table() + " SET secrets_sealed = true, "
                + String.join(
                        ", ", table.columns().stream().map(c -> c + " = ?").toList())
                + " WHERE id = CAST(? AS uuid)");
        for (int i = 0; i < sealedValues.size(); i++) {
            update.setParameter(i + 1, sealedValues.get(i));
        }
        update.setParameter(sealedValues.size() + 1, id.toString()).executeUpdate();
    }
}
