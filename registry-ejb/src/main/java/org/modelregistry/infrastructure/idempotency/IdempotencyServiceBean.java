package org.modelregistry.infrastructure.idempotency;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.modelregistry.api.common.IdempotencyService;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.IdempotencyRetryException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.infrastructure.config.ApiSettings;

/**
 * Stores the key in the same transaction as the create it guards. A concurrent twin request blocks on the key's
 * primary key until the first commits, then fails its insert and is told to retry, which replays the stored
 * response; so two requests with one key never create two objects.
 */
@Stateless
@Local(IdempotencyService.class)
public class IdempotencyServiceBean implements IdempotencyService {

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    ApiSettings settings;

    @Override
    public StoredResponse execute(String principal, String key, String fingerprint, Supplier<StoredResponse> action) {
        if (!KEY.matcher(key).matches()) {
            throw new BadRequestException("Idempotency-Key", "Idempotency-Key must be 1-255 visible ASCII characters");
        }
        IdempotencyRecord existing = em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(principal, key));
        if (existing != null) {
            if (!existing.isExpired(settings.idempotencyTtlHours())) {
                if (!existing.getFingerprint().equals(fingerprint)) {
                    throw new InvalidInputException(
                            "idempotency-key-reused",
                            "Idempotency key reused",
                            "Idempotency-Key",
                            "was already used with a different request");
                }
                return existing.toResponse();
            }
            em.remove(existing);
            em.flush();
        }
        IdempotencyRecord record = new IdempotencyRecord(principal, key, fingerprint);
        em.persist(record);
        try {
            em.flush(); // blocks while a twin request holding the same key is in flight
        } catch (PersistenceException e) {
            throw new IdempotencyRetryException();
        }
        StoredResponse response = action.get();
        record.complete(response);
        return response;
    }
}
