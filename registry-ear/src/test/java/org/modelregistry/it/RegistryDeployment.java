package org.modelregistry.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the EAR this module just built, exactly as users get it, onto the managed Liberty; tests then talk to it
 * over HTTP (and read PostgreSQL directly where they check that nothing was written). Arquillian starts the server
 * once for the whole module.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class RegistryDeployment {

    @Deployment(testable = false)
    public static EnterpriseArchive registry() {
        File ear = new File(System.getProperty("registry.it.ear", "target/registry.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
