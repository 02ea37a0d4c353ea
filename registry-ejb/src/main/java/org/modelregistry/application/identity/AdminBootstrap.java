package org.modelregistry.application.identity;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;

/**
 * Creates the {@code admin} user on the first start of an empty registry. Its password comes from
 * {@code REGISTRY_ADMIN_PASSWORD}; without it a random one is generated and printed once to the server log (there is
 * never a fixed default password). Later starts leave the user alone, and servers starting together create it once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class AdminBootstrap {

    public static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    UserRepository users;

    @Inject
    IdentitySettings settings;

    @Inject
    AuditTrail audit;

    @PostConstruct
    void createAdministrator() {
        if (users.findByUsername(ADMIN).isPresent()) {
            return;
        }
        users.awaitBootstrapTurn(); // another server of a cluster may be creating it at this moment
        if (users.findByUsername(ADMIN).isPresent()) {
            return;
        }
        boolean generated = settings.adminPassword().isEmpty();
        char[] password = settings.adminPassword().map(String::toCharArray).orElseGet(AdminBootstrap::randomPassword);
        User admin = User.administrator(ADMIN, password, settings.pbkdf2Iterations());
        users.add(admin);
        audit.record(
                "system",
                "user.created",
                "user",
                admin.getId(),
                null,
                Json.createObjectBuilder()
                        .add("username", ADMIN)
                        .add("registryAdmin", true)
                        .build());
        if (generated) {
            // printed once, on creation: set REGISTRY_ADMIN_PASSWORD to choose it instead
            LOG.warning("Created user 'admin' with the generated password " + new String(password)
                    + " (shown once; set REGISTRY_ADMIN_PASSWORD before the first start to choose it)");
        } else {
            LOG.info("Created user 'admin' with the password from REGISTRY_ADMIN_PASSWORD");
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
