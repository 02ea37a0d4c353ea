package org.modelregistry.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the integration tests against the EAR this module just built, exactly as users get it, on the test Liberty
 * server: started once for the whole test JVM (the first class to need it starts it, the end of the run stops it),
 * so that the suite does not redeploy the application for every class. Tests talk to it over HTTP (and read
 * PostgreSQL directly where they check that nothing was written).
 */
@ExtendWith(RegistryDeployment.Server.class)
public abstract class RegistryDeployment {

    /** Starts the server on first use; JUnit closes it (stops the server) when the whole run ends. */
    static final class Server implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent("registry-server", key -> {
                        LibertyServer.start();
                        return (ExtensionContext.Store.CloseableResource) LibertyServer::stop;
                    });
        }
    }
}
