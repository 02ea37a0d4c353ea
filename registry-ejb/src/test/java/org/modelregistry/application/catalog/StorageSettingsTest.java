package org.modelregistry.application.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.storage.S3Location;

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
        s.storageUrl = Optional.empty();
        s.s3Endpoint = Optional.empty();
        s.s3Region = Optional.empty();
        s.s3AccessKey = Optional.empty();
        s.s3SecretKey = Optional.empty();
        s.s3PathStyle = Optional.empty();
        s.s3PresignDownloads = Optional.empty();
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

    private static StorageSettings url(String url) {
        StorageSettings s = settings(null, 0);
        s.storageUrl = Optional.of(url);
        return s;
    }

    @Test
    void noUrlOrAFileUrlKeepsTheContentOnLocalDisk() {
        assertThat(settings(null, 0).s3()).isEmpty();
        StorageSettings file = url("file:/mnt/blobs");
        file.check();
        assertThat(file.s3()).isEmpty();
        assertThat(file.storageDir()).isEqualTo(Path.of("/mnt/blobs"));
        assertThat(url("file:///mnt/blobs").storageDir()).isEqualTo(Path.of("/mnt/blobs"));
        StorageSettings both = url("file:/mnt/blobs");
        both.storageDir = Optional.of("/mnt/blobs");
        both.check(); // the same directory twice is fine
        both.storageDir = Optional.of("/mnt/other");
        assertThatThrownBy(both::check).hasMessageContaining("registry.storage.url and registry.storage.dir");
        assertThatThrownBy(() -> url("file:relative/dir").check()).hasMessageStartingWith("registry.storage.url:");
    }

    @Test
    void anS3UrlGivesTheBucketThePrefixAndTheS3Settings() {
        StorageSettings s = url("s3://model-blobs/registry/prod/");
        s.s3Endpoint = Optional.of("http://127.0.0.1:9000/");
        s.s3Region = Optional.of("eu-west-1");
        s.s3AccessKey = Optional.of("AKIAEXAMPLE");
        s.s3SecretKey = Optional.of("s3cr3t-value");
        s.s3PathStyle = Optional.of("TRUE");
        s.s3PresignDownloads = Optional.of("100MB");
        s.check();
        S3Location l = s.s3().orElseThrow();
        assertThat(l.bucket()).isEqualTo("model-blobs");
        assertThat(l.prefix()).isEqualTo("registry/prod");
        assertThat(l.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(l.region()).isEqualTo("eu-west-1");
        assertThat(l.pathStyle()).isTrue();
        assertThat(l.presignFromBytes()).isEqualTo(100L << 20);
        assertThat(l.toString()).contains("s3://model-blobs/registry/prod").doesNotContain("s3cr3t-value");
        assertThat(l.toString()).doesNotContain("AKIAEXAMPLE");

        S3Location plain = url("s3://model-blobs").s3().orElseThrow();
        assertThat(plain.prefix()).isEmpty();
        assertThat(plain.region()).isEqualTo("us-east-1");
        assertThat(plain.endpoint()).isNull();
        assertThat(plain.accessKey()).isNull(); // the SDK's default credential chain
        assertThat(plain.pathStyle()).isFalse();
        assertThat(plain.presignFromBytes()).isNegative();
    }

    @Test
    void aPrefixThatClimbsOutOrNeedsEscapingIsRefused() {
        for (String bad : List.of(
                "s3://blobs/../other",
                "s3://blobs/a/../../b",
                "s3://blobs/./a",
                "s3://blobs/a//b",
                "s3://blobs/a%2F..%2Fb",
                "s3://blobs/%2e%2e",
                "s3://blobs/a b",
                "s3://blobs/a\\b",
                "s3://blobs/a?versionId=1",
                "s3://blobs/a#frag")) {
            assertThatThrownBy(() -> url(bad).check())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("registry.storage.url:");
        }
        for (String bad : List.of("s3://Blobs", "s3://b", "s3://blobs_x", "s3://-blobs", "s3://a..b", "s3:///x")) {
            assertThatThrownBy(() -> url(bad).check()).as(bad).hasMessageContaining("the bucket must be");
        }
        assertThatThrownBy(() -> url("gs://blobs/x").check()).hasMessageContaining("file:/path or s3://");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
        for (String bad :
                List.of("s3://AKIAX:topsecret@blobs/x", "s3://topsecret@blobs", "s3://a:topsecret@blobs:99")) {
            assertThatThrownBy(() -> url(bad).check())
                    .hasMessageStartingWith("registry.storage.url:")
                    .hasMessageNotContaining("topsecret");
        }
        StorageSettings endpoint = url("s3://blobs");
        endpoint.s3Endpoint = Optional.of("http://user:topsecret@127.0.0.1:9000");
        assertThatThrownBy(endpoint::check)
                .hasMessageStartingWith("registry.storage.s3.endpoint:")
                .hasMessageNotContaining("topsecret");
        StorageSettings half = url("s3://blobs");
        half.s3SecretKey = Optional.of("topsecret");
        assertThatThrownBy(half::check)
                .hasMessageStartingWith("registry.storage.s3.access-key and registry.storage.s3.secret-key")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void malformedS3SettingsStopTheStartNamingTheSetting() {
        StorageSettings region = url("s3://blobs");
        region.s3Region = Optional.of("EU West");
        assertThatThrownBy(region::check).hasMessageStartingWith("registry.storage.s3.region:");
        StorageSettings style = url("s3://blobs");
        style.s3PathStyle = Optional.of("yes");
        assertThatThrownBy(style::check).hasMessageStartingWith("registry.storage.s3.path-style:");
        StorageSettings presign = url("s3://blobs");
        presign.s3PresignDownloads = Optional.of("large");
        assertThatThrownBy(presign::check).hasMessageStartingWith("registry.storage.s3.presign-downloads:");
        presign.s3PresignDownloads = Optional.of("OFF");
        assertThat(presign.s3().orElseThrow().presignFromBytes()).isNegative();
        presign.s3PresignDownloads = Optional.of("0");
        assertThat(presign.s3().orElseThrow().presignFromBytes()).isZero();
        StorageSettings endpoint = url("s3://blobs");
        endpoint.s3Endpoint = Optional.of("ftp://127.0.0.1");
        assertThatThrownBy(endpoint::check).hasMessageStartingWith("registry.storage.s3.endpoint:");
        endpoint.s3Endpoint = Optional.of("http://127.0.0.1:9000/bucket");
        assertThatThrownBy(endpoint::check).hasMessageStartingWith("registry.storage.s3.endpoint:");
    }

    @Test
    void s3SettingsWithoutAnS3UrlAreRefusedRatherThanIgnored() {
        StorageSettings local = settings(null, 0);
        local.s3Endpoint = Optional.of("http://127.0.0.1:9000");
        assertThatThrownBy(local::check)
                .hasMessageStartingWith("registry.storage.s3.endpoint is set, but registry.storage.url is not");
    }
}
