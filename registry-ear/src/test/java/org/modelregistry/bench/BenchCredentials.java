package org.modelregistry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run command's embedded PostgreSQL and broker ask for passwords, generated into {@code <bench.data.dir>/keys/}:
 * a {@code bench.jdbc} URL without one gets the schema owner's, and the raw broker test signs in as {@code registry}.
 */
final class BenchCredentials {

    private BenchCredentials() {}

    private static Path keys() {
        return Path.of(
                System.getProperty("bench.data.dir", System.getProperty("user.home") + "/.model-registry"), "keys");
    }

    private static String secret(String name) {
        Path file = keys().resolve(name);
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Completes bench.jdbc with the owner's password when it names none and the data directory holds one. */
    static void apply() {
        String jdbc = System.getProperty("bench.jdbc");
        String password = secret("db-owner-password");
        if (jdbc != null && !jdbc.contains("password=") && password != null) {
            System.setProperty("bench.jdbc", jdbc + (jdbc.contains("?") ? "&" : "?") + "password=" + password);
        }
    }

    static String brokerPassword() {
        String password = secret("broker-password");
        return password == null ? "registry" : password;
    }
}
