package org.modelregistry.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.config.ServerSettings;

class StorageSettingsTest {

    private static StorageSettings settings(String storageDir, long quota) {
        StorageSettings s = new StorageSettings();
        s.server = new ServerSettings() {
            @Override
            public Path dataDir() {
                return Path.of("/srv/registry");
            }
        };
        s.storageDir = Optional.ofNullable(storageDir);
        s.maxUploadBytes = 1024;
        s.storageQuotaBytes = quota;
        return s;
    }

    @Test
    void blobsLiveInTheDataDirectoryUnlessAStorageDirectoryIsGiven() {
        assertThat(settings(null, 0).storageDir()).isEqualTo(Path.of("/srv/registry/blobs"));
        assertThat(settings(" ", 0).storageDir()).isEqualTo(Path.of("/srv/registry/blobs"));
        assertThat(settings("/mnt/blobs", 0).storageDir()).isEqualTo(Path.of("/mnt/blobs"));
    }

    @Test
    void aNegativeQuotaMeansUnlimited() {
        assertThat(settings(null, -1).storageQuotaBytes()).isZero();
        assertThat(settings(null, 5_000).storageQuotaBytes()).isEqualTo(5_000);
        assertThat(settings(null, 0).maxUploadBytes()).isEqualTo(1024);
    }

    @Test
    void aStorageDirectoryThatIsNoPathStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings("bad\0dir", 0).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.storage.dir: not a path");
        settings("/mnt/blobs", 0).check();
    }
}
