package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelregistry.it.Api.Reply;

/**
 * The EAR deployed by Arquillian onto the managed Liberty (src/test/resources/arquillian.xml), as a container
 * deploys it, and undeployed again: it starts, answers, and leaves cleanly. It runs in a Failsafe execution of its
 * own; the other integration tests share one server start ({@link RegistryDeployment}) instead of a deployment per
 * class, which made the application's classes pile up in the server's heap.
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianDeploymentIT {

    @Deployment(testable = false)
    public static EnterpriseArchive registry() {
        File ear = new File(System.getProperty("registry.it.ear", "target/registry.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    @Test
    void theDeployedRegistryIsReadyAndServesTheApi() {
        Reply ready = Api.get(Api.BASE_URL + "/health/ready", Api.NO_AUTH, "");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        String id = Api.createModel(Api.unique("arquillian"), "LOW").getString("id");
        assertThat(Api.get("/models/" + id).status()).isEqualTo(200);
        assertThat(Api.get(Api.BASE_URL + "/openapi", "Accept", "application/json")
                        .json()
                        .getJsonObject("paths")
                        .keySet())
                .contains("/api/v1/deployment-targets", "/api/v1/webhooks");
    }
}
