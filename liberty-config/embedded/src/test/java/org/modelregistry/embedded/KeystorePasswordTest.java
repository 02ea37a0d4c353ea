package org.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run server's keystore password: without one Liberty starts no bearer-token check and refuses every token, so
 * the launcher always hands Liberty one, the same across restarts (the keystore made with it stays readable).
 */
class KeystorePasswordTest {

    @TempDir
    Path dataDir;

    @Test
    void aPasswordIsGeneratedOnceKeptWithTheDataAndReadableByItsOwnerOnly() throws Exception {
        Secrets secrets = new Secrets(dataDir.resolve("keys"));
        String first = EmbeddedServices.keystorePassword(secrets, null);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        // a restart, a new launcher: the same password, read from the data directory
        assertThat(EmbeddedServices.keystorePassword(new Secrets(dataDir.resolve("keys")), null))
                .isEqualTo(first);
        Path file = dataDir.resolve("keys/keystore-password");
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aPasswordGivenInTheEnvironmentIsTheOneLibertyGets() throws Exception {
        Secrets secrets = new Secrets(dataDir.resolve("keys"));
        EmbeddedServices.keystorePassword(secrets, null);
        assertThat(EmbeddedServices.keystorePassword(secrets, "operator-chosen-password"))
                .isEqualTo("operator-chosen-password");
    }

    @Test
    void aKeystoreMadeWithAnotherPasswordIsSetAsideAndOneThatOpensIsKept() throws Exception {
        Path keystore = Files.createDirectories(dataDir.resolve("security")).resolve("key.p12");
        KeyStore made = KeyStore.getInstance("PKCS12");
        made.load(null, null);
        try (OutputStream out = Files.newOutputStream(keystore)) {
            made.store(out, "the-password-it-was-made-with".toCharArray());
        }
        assertThat(EmbeddedServices.setAsideUnreadableKeystore(keystore, "the-password-it-was-made-with"))
                .isFalse();
        assertThat(keystore).exists();

        assertThat(EmbeddedServices.setAsideUnreadableKeystore(keystore, "another-data-directorys-password"))
                .isTrue();
        assertThat(keystore).doesNotExist();
        try (var aside = Files.list(keystore.getParent())) {
            assertThat(aside.map(p -> p.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .startsWith("key.p12.unreadable-");
        }
        assertThat(EmbeddedServices.setAsideUnreadableKeystore(keystore, "anything"))
                .isFalse(); // none: nothing to do
    }

    @Test
    void aServerEnvThatGivesThePasswordIsLeftToLiberty() throws Exception {
        Path env = dataDir.resolve("server.env");
        assertThat(EmbeddedServices.definesKeystorePassword(env)).isFalse();
        Files.writeString(env, "WLP_LOGGING_CONSOLE_FORMAT=simple\n");
        assertThat(EmbeddedServices.definesKeystorePassword(env)).isFalse();
        Files.writeString(env, "keystore_password=made-by-server-create\n");
        assertThat(EmbeddedServices.definesKeystorePassword(env)).isTrue();
    }
}
