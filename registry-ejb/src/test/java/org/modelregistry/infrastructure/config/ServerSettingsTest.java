package org.modelregistry.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static ServerSettings settings(String dataDir, String serverId, String publicUrl) {
        ServerSettings s = new ServerSettings();
        s.dataDir = Optional.ofNullable(dataDir);
        s.serverId = Optional.ofNullable(serverId);
        s.publicUrl = Optional.ofNullable(publicUrl);
        s.httpPort = 9080;
        s.migrate = true;
        return s;
    }

    @Test
    void theDataDirectoryIsTheGivenOneOrModelRegistryInTheHomeDirectory() {
        assertThat(settings("/srv/registry", null, null).dataDir()).isEqualTo(Path.of("/srv/registry"));
        assertThat(settings(" ", null, null).dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".model-registry"));
        assertThat(settings("relative", null, null).dataDir()).isAbsolute();
    }

    @Test
    void aDataDirectoryThatIsNoPathStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings("bad\0dir", null, null).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.data.dir: not a path");
        settings("/srv/registry", null, null).check();
    }

    @Test
    void thePublicUrlLosesItsTrailingSlashAndDefaultsToTheHttpPort() {
        assertThat(settings(null, null, "https://registry.example.com/").publicUrl())
                .isEqualTo("https://registry.example.com");
        assertThat(settings(null, null, "").publicUrl()).isEqualTo("http://127.0.0.1:9080");
    }

    @Test
    void theLeaseOwnerIsTheServerIdAndAnIdOfThisStart() {
        ServerSettings s = settings(null, "registry-1", null);
        assertThat(s.serverId()).isEqualTo("registry-1");
        assertThat(s.leaseOwner()).startsWith("registry-1/").isEqualTo(s.leaseOwner());
        assertThat(settings(null, null, null).serverId()).endsWith(":9080");
    }
}
