package org.modelregistry.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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

    /**
     * Marks a test class that starts, configures and stops the server itself: the tests nested in it (suites reused
     * with another setup, such as {@link OpenSearchIT}'s) run against that server, and the shared one is not started.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface OwnServer {}

    /** Starts the server on first use; JUnit closes it (stops the server) when the whole run ends. */
    static final class Server implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
                if (c.isAnnotationPresent(OwnServer.class)) {
                    return;
                }
            }
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent("registry-server", key -> {
                        LibertyServer.start();
                        return (ExtensionContext.Store.CloseableResource) LibertyServer::stop;
                    });
        }
    }
}
