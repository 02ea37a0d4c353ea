package org.modelregistry.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.client.FakeRegistry.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.client.FakeRegistry;
import picocli.CommandLine;

/** The tool in-process against a fake registry: sessions on disk, exit codes, output, offline evidence checks. */
class CliTest {

    private static final UUID MODEL = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final String MODEL_JSON = "{\"id\":\"" + MODEL + "\",\"organization\":\"default\","
            + "\"group\":\"fraud\",\"name\":\"scorer\",\"riskTier\":\"LOW\",\"revision\":1}";

    @TempDir
    Path home;

    private FakeRegistry server;

    /** What a run of the tool left. */
    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws IOException {
        server = new FakeRegistry().on("POST auth/token", FakeRegistry.token("tok-", 3600));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RegistryCli.commandLine(
                Map.of(
                        "HOME",
                        home.toString(),
                        "XDG_CONFIG_HOME",
                        home.resolve("xdg").toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    private Path sessionFile() {
        return home.resolve("xdg/model-registry/session.json");
    }

    private Run login() {
        return runWithInput("s3cret-password\n", "login", "--url", server.url(), "-u", "alice", "--password-stdin");
    }

    @Test
    void loginSavesTheTokenButNeverThePasswordInAPrivateFileUnderXdgConfigHome() throws IOException {
        Run r = login();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Signed in to " + server.url() + " as alice");
        String saved = Files.readString(sessionFile());
        assertThat(saved).contains("tok-1").contains("\"user\":\"alice\"").doesNotContain("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(sessionFile().getParent())))
                .isEqualTo("rwx------");
        assertThat(new String(server.seen("POST auth/token").get(0).body(), StandardCharsets.UTF_8))
                .contains("\"password\":\"s3cret-password\"");

        server.on("GET models/" + MODEL, (ex, body, n) -> json(ex, 200, MODEL_JSON));
        Run show = run("models", "show", MODEL.toString());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("name:").contains("scorer");
        assertThat(server.seen("GET models/" + MODEL).get(0).header("Authorization"))
                .isEqualTo("Bearer tok-1");

        assertThat(run("logout").exit()).isZero();
        assertThat(sessionFile()).doesNotExist();
        Run after = run("models", "show", MODEL.toString());
        assertThat(after.exit()).as("no URL and no token after logout").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theConfigOptionOverridesTheDirectory() {
        Path elsewhere = home.resolve("elsewhere");
        Run r = runWithInput(
                "pw\n",
                "login",
                "--url",
                server.url(),
                "-u",
                "bob",
                "--password-stdin",
                "--config",
                elsewhere.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(elsewhere.resolve("session.json")).exists();
        assertThat(sessionFile()).doesNotExist();
    }

    @Test
    void aTokenFileOthersCanReadIsTightenedWithAWarning() throws IOException {
        login();
        Files.setPosixFilePermissions(sessionFile(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(sessionFile().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        server.on("GET models/" + MODEL, (ex, body, n) -> json(ex, 200, MODEL_JSON));
        Run r = run("models", "show", MODEL.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning").contains("readable by others").contains("registry login");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(sessionFile().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void anExpiredSavedTokenIsNotSentAndSaysToLogInAgain() throws IOException {
        new ConfigDirectory(sessionFile().getParent())
                .save(new ConfigDirectory.Session(
                        server.url(), "alice", "old", Instant.now().minusSeconds(1)));
        Run r = run("models", "show", MODEL.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("expired").contains("registry login");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void everyKindOfFailureHasItsExitCodeAndOneLineWithoutAStackTrace() {
        login();
        server.on(
                "POST models",
                (ex, body, n) -> json(
                        ex,
                        422,
                        "{\"title\":\"Invalid input\",\"status\":422,\"errors\":[{\"field\":\"name\","
                                + "\"message\":\"must be lower-case letters, digits and dashes\"}]}"));
        Run invalid = run("models", "create", "--group", "g", "--name", "Bad Name");
        assertThat(invalid.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).contains("name must be lower-case").doesNotContain("\tat ");

        server.on("GET models/" + MODEL, (ex, body, n) -> json(ex, 403, "{\"title\":\"Forbidden\",\"status\":403}"));
        assertThat(run("models", "show", MODEL.toString()).exit()).isEqualTo(ExitCodes.REFUSED);
        Run missing = run("versions", "show", MODEL.toString(), "9.9.9");
        assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        server.on(
                "POST models/" + MODEL + "/versions/1.0.0/transitions",
                (ex, body, n) -> json(
                        ex,
                        409,
                        "{\"title\":\"Transition not allowed\",\"status\":409,\"detail\":\"DRAFT -> DEPLOYED\"}"));
        Run conflict = run("versions", "submit", MODEL.toString(), "1.0.0");
        assertThat(conflict.exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(conflict.err()).contains("DRAFT -> DEPLOYED");
        Run unknownOption = run("models", "list", "--colour");
        assertThat(unknownOption.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOption.err()).contains("--colour").contains("registry models list --help");
        Run badModel = run("models", "show", "no-slash");
        assertThat(badModel.exit()).isEqualTo(ExitCodes.USAGE);
        Run down = run("models", "list", "--url", "http://127.0.0.1:1");
        assertThat(down.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(down.err()).contains("no answer from 127.0.0.1").doesNotContain("\tat ");
    }

    @Test
    void jsonOutputIsOneParsableDocumentWithPropertiesInNameOrder() {
        login();
        server.on(
                "GET models",
                (ex, body, n) -> json(
                        ex,
                        200,
                        "{\"items\":[" + MODEL_JSON.replace(",\"revision\":1", "") + "],\"nextCursor\":null}"));
        server.on("GET models/" + MODEL, (ex, body, n) -> json(ex, 200, MODEL_JSON));
        Run r = run("models", "show", "fraud/scorer", "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonObject shown = Json.createReader(new StringReader(r.out())).readObject();
        assertThat(shown.getString("id")).isEqualTo(MODEL.toString());
        assertThat(new ArrayList<>(shown.keySet())).isSorted();
        assertThat(server.seen("GET models").get(0).path()).isEqualTo("/api/v1/models");
    }

    @Test
    void anEvidenceBundleVerifiesOfflineWithTheTrustedKeyAndATamperedOneFailsWithExitSix() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair registryKey = generator.generateKeyPair();
        KeyPair otherKey = generator.generateKeyPair();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.json", MODEL_JSON);
        files.put("version.json", "{\"version\":\"1.0.0\",\"state\":\"APPROVED\"}");
        files.put("audit-checkpoint.json", "null");
        Path good = bundle("good.zip", files, registryKey, true);
        Path pem = home.resolve("registry.pem");
        Files.writeString(pem, pem(registryKey));
        Path jwks = home.resolve("jwks.json");
        Files.writeString(jwks, jwks(registryKey, "k1"));

        Run ok = run("evidence", "verify", good.toString(), "--key", pem.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("ok    version.json matches the manifest").contains("is intact");
        Run viaJwks = run("evidence", "verify", good.toString(), "--key", jwks.toString(), "--output", "json");
        assertThat(viaJwks.exit()).isZero();
        JsonObject report = Json.createReader(new StringReader(viaJwks.out())).readObject();
        assertThat(report.getBoolean("valid")).isTrue();
        assertThat(report.getString("keyId")).isEqualTo("k1");

        Path changed = bundle("changed.zip", files, registryKey, false);
        Run tampered = run("evidence", "verify", changed.toString(), "--key", pem.toString());
        assertThat(tampered.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(tampered.out()).contains("FAIL  version.json does not match the manifest");

        Path wrongKey = home.resolve("other.pem");
        Files.writeString(wrongKey, pem(otherKey));
        Run forged = run("evidence", "verify", good.toString(), "--key", wrongKey.toString());
        assertThat(forged.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(forged.out()).contains("signature of manifest.jws does not hold");

        Run noKey = run("evidence", "verify", good.toString());
        assertThat(noKey.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.err()).contains("--key");
        Run notAZip = run("evidence", "verify", pem.toString(), "--key", pem.toString());
        assertThat(notAZip.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void completionPrintsAScriptForEveryCommand() {
        Run r = run("completion", "zsh");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("bashcompinit")
                .contains("models")
                .contains("evidence")
                .contains("--output");
    }

    /** A bundle like the server's: files, a manifest of their digests, the manifest signed RS256 with kid k1. */
    private Path bundle(String name, Map<String, String> files, KeyPair key, boolean asSigned) throws Exception {
        StringBuilder digests = new StringBuilder();
        files.forEach((n, c) -> digests.append(digests.length() == 0 ? "" : ",")
                .append('"')
                .append(n)
                .append("\":\"")
                .append(sha256(c))
                .append('"'));
        String manifest = "{\"format\":\"model-registry-evidence/1\",\"modelId\":\"" + MODEL
                + "\",\"version\":\"1.0.0\",\"sha256\":{" + digests + "}}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"kid\":\"k1\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(manifest.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> all = new LinkedHashMap<>(files);
        if (!asSigned) {
            all.put("version.json", files.get("version.json").replace("APPROVED", "DEPLOYED"));
        }
        all.put("manifest.json", manifest);
        all.put("manifest.jws", input + "." + b64.encodeToString(rsa.sign()));
        Path zip = home.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (var e : all.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String jwks(KeyPair key, String kid) {
        RSAPublicKey k = (RSAPublicKey) key.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64.encodeToString(unsigned(k.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(k.getPublicExponent().toByteArray())) + "\"}]}";
    }

    private static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
