package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.client.cli.ExitCodes;
import org.modelregistry.client.cli.RegistryCli;
import org.modelregistry.it.Api.Reply;
import picocli.CommandLine;

/**
 * The {@code registry} command-line tool, run in-process as a user would run it, against the real server: a whole
 * session from login to an offline check of the evidence, and what a user might try to get around the rules.
 */
class CliIT extends RegistryDeployment {

    private static HttpServer target;

    @TempDir
    static Path work;

    /** What one run of the tool left. */
    record Run(int exit, String out, String err) {
        JsonObject json() {
            return Json.createReader(new StringReader(out)).readObject();
        }
    }

    @BeforeAll
    static void startTarget() throws IOException {
        // the deployment target the server calls (on the port registry.outbound.allow lets it call)
        target =
                HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("registry.it.target.port")), 0);
        target.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    static void stopTarget() {
        target.stop(0);
    }

    /** Runs the tool as the person whose configuration directory is {@code who}, with {@code stdin}. */
    private static Run asWithInput(String who, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path home = work.resolve(who);
        CommandLine cl = RegistryCli.commandLine(
                Map.of("HOME", home.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--url";
        all[args.length + 1] = Api.BASE_URL;
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run as(String who, String... args) {
        return asWithInput(who, "", args);
    }

    private static void login(String who, String user, String password) {
        Run r = asWithInput(who, password + "\n", "login", "-u", user, "--password-stdin");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static Path sessionFile(String who) {
        return work.resolve(who).resolve(".config/model-registry/session.json");
    }

    @Test
    void aWholeSessionFromLoginToAnOfflineCheckOfTheEvidence() throws Exception {
        String owner = Api.newMember("CONTRIBUTOR", "DEPLOYER", "REVIEWER"); // a reviewer too: four eyes must stop her
        String reviewer = Api.newMember("REVIEWER");
        login("owner", owner, Api.MEMBER_PASSWORD);
        login("reviewer", reviewer, Api.MEMBER_PASSWORD);
        login("admin", "admin", System.getProperty("registry.it.admin.password"));
        assertThat(Files.readString(sessionFile("owner"))).doesNotContain(Api.MEMBER_PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile("owner"))))
                .isEqualTo("rw-------");

        String name = Api.unique("cli");
        Run created = as(
                "owner",
                "models",
                "create",
                "--group",
                "cli",
                "--name",
                name,
                "--risk-tier",
                "LOW",
                "--tag",
                "demo",
                "--output",
                "json");
        assertThat(created.exit()).as(created.err()).isZero();
        String modelId = created.json().getString("id");
        String model = "cli/" + name;
        assertThat(as("owner", "models", "show", model).out()).contains(modelId);
        Run listed = as("owner", "models", "list", "--group", "cli", "--output", "json");
        assertThat(listed.json().getJsonArray("items").toString()).contains(name);
        assertThat(as("owner", "versions", "create", model, "1.0.0", "--description", "first")
                        .exit())
                .isZero();

        byte[] weights = new byte[3 * 1024 * 1024 + 17];
        new Random(16).nextBytes(weights);
        Path file = Files.write(work.resolve("model.safetensors"), weights);
        Run uploaded = as(
                "owner",
                "artifacts",
                "upload",
                model,
                "1.0.0",
                file.toString(),
                "--license",
                "Apache-2.0",
                "--output",
                "json");
        assertThat(uploaded.exit()).as(uploaded.err()).isZero();
        assertThat(uploaded.json().getString("sha256")).isEqualTo(sha256(weights));

        Path copy = work.resolve("copy.safetensors");
        Run downloaded = as(
                "reviewer",
                "artifacts",
                "download",
                model,
                "1.0.0",
                "model.safetensors",
                "--to",
                copy.toString(),
                "--output",
                "json");
        assertThat(downloaded.exit()).as(downloaded.err()).isZero();
        assertThat(downloaded.json().getBoolean("verified")).isTrue();
        assertThat(Files.readAllBytes(copy)).isEqualTo(weights);

        Run submitted = as("owner", "versions", "submit", model, "1.0.0", "--output", "json");
        assertThat(submitted.json().getString("state")).isEqualTo("IN_REVIEW");
        Run selfApproval = as("owner", "versions", "approve", model, "1.0.0");
        assertThat(selfApproval.exit())
                .as("four eyes: the owner may not approve her own version, reviewer or not: " + selfApproval.err())
                .isEqualTo(ExitCodes.REFUSED);
        Run approved = as("reviewer", "versions", "approve", model, "1.0.0", "--comment", "ok", "--output", "json");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.json().getString("versionState")).isEqualTo("APPROVED");

        Run aliased = as("owner", "aliases", "set", model, "candidate", "1.0.0");
        assertThat(aliased.exit()).as(aliased.err()).isZero();
        assertThat(as("owner", "aliases", "list", model, "--output", "json").out())
                .contains("candidate");

        String targetName = Api.unique("t");
        Reply t = Api.post(
                "/deployment-targets",
                "{\"organization\":\"default\",\"name\":\"" + targetName + "\",\"environment\":\"staging\",\"url\":"
                        + "\"http://127.0.0.1:" + Integer.getInteger("registry.it.target.port") + "/deploy\","
                        + "\"secret\":\"cli-it-signing-secret-0123456789\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        Run deployed = as("owner", "versions", "deploy", model, "1.0.0", "--target", targetName, "--output", "json");
        assertThat(deployed.exit()).as(deployed.err()).isZero();
        assertThat(deployed.json().getString("target")).isEqualTo(targetName);

        Run search = as("reviewer", "search", name, "--output", "json");
        assertThat(search.exit()).as(search.err()).isZero();

        Run audit = as("admin", "audit", "verify", "--output", "json");
        assertThat(audit.exit()).as(audit.out() + audit.err()).isZero();
        assertThat(audit.json().getBoolean("intact")).isTrue();

        Path bundle = work.resolve("evidence.zip");
        Path key = work.resolve("registry.pem");
        Run evidence = as(
                "admin",
                "evidence",
                "download",
                model,
                "1.0.0",
                "--to",
                bundle.toString(),
                "--save-key",
                key.toString());
        assertThat(evidence.exit()).as(evidence.err()).isZero();
        // offline: no --url, no session, no server needed
        Run verified = offline("evidence", "verify", bundle.toString(), "--key", key.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("is intact");

        Path tampered = work.resolve("tampered.zip");
        rewrite(bundle, tampered, "version.json", s -> s.replace("\"1.0.0\"", "\"1.0.1\""));
        Run refused = offline("evidence", "verify", tampered.toString(), "--key", key.toString(), "--output", "json");
        assertThat(refused.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(refused.json().getJsonArray("failures").toString()).contains("version.json does not match");
    }

    @Test
    void aPartialDownloadIsResumedAndACorruptOneIsNotKept() throws Exception {
        String owner = Api.newMember("CONTRIBUTOR");
        login("resumer", owner, Api.MEMBER_PASSWORD);
        String name = Api.unique("resume");
        as("resumer", "models", "create", "--group", "cli", "--name", name, "--risk-tier", "LOW");
        as("resumer", "versions", "create", "cli/" + name, "1.0.0");
        byte[] weights = new byte[2 * 1024 * 1024];
        new Random(2).nextBytes(weights);
        Path file = Files.write(work.resolve(name + ".bin"), weights);
        assertThat(as("resumer", "artifacts", "upload", "cli/" + name, "1.0.0", file.toString())
                        .exit())
                .isZero();

        // what a download cut off after 1 MiB leaves behind
        Path resumed = work.resolve("resumed.bin");
        Files.write(work.resolve("resumed.bin.part"), Arrays.copyOf(weights, 1024 * 1024));
        Run r = as(
                "resumer",
                "artifacts",
                "download",
                "cli/" + name,
                "1.0.0",
                name + ".bin",
                "--to",
                resumed.toString(),
                "--output",
                "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().getJsonNumber("resumedFrom").longValue()).isEqualTo(1024 * 1024);
        assertThat(Files.readAllBytes(resumed)).isEqualTo(weights);

        // a corrupt partial file: the resumed whole does not match the digest, and nothing is kept
        byte[] corrupt = Arrays.copyOf(weights, 1024 * 1024);
        corrupt[100] ^= 1;
        Path bad = work.resolve("bad.bin");
        Files.write(work.resolve("bad.bin.part"), corrupt);
        Run mismatch =
                as("resumer", "artifacts", "download", "cli/" + name, "1.0.0", name + ".bin", "--to", bad.toString());
        assertThat(mismatch.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(mismatch.err()).contains("sha256").doesNotContain("\tat ");
        assertThat(bad).doesNotExist();
        assertThat(work.resolve("bad.bin.part")).doesNotExist();
    }

    @Test
    void theAttacksFailWithTheirExitCodesAndNoStackTrace() throws Exception {
        String viewer = Api.newMember("VIEWER");
        login("viewer", viewer, Api.MEMBER_PASSWORD);
        Run viewerCreates = as("viewer", "models", "create", "--group", "cli", "--name", Api.unique("nope"));
        assertThat(viewerCreates.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(viewerCreates.err()).startsWith("registry: ").doesNotContain("\tat ");

        String owner = Api.newMember("CONTRIBUTOR");
        login("attacker", owner, Api.MEMBER_PASSWORD);
        Run badName = as("attacker", "models", "create", "--group", "cli", "--name", "Bad Name!");
        assertThat(badName.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badName.err()).contains("name").doesNotContain("\tat ");
        String name = Api.unique("digest");
        as("attacker", "models", "create", "--group", "cli", "--name", name, "--risk-tier", "LOW");
        as("attacker", "versions", "create", "cli/" + name, "1.0.0");
        Path file = Files.writeString(work.resolve("weights.bin"), "the real weights");
        Run wrongDigest = as(
                "attacker",
                "artifacts",
                "upload",
                "cli/" + name,
                "1.0.0",
                file.toString(),
                "--sha256",
                "ab".repeat(32));
        assertThat(wrongDigest.exit()).as(wrongDigest.err()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(wrongDigest.err()).contains("sha256");
        String modelId = as("attacker", "models", "show", "cli/" + name, "--output", "json")
                .json()
                .getString("id");
        Reply card = Api.post(
                "/models/" + modelId + "/versions/1.0.0/artifacts",
                "{\"type\":\"MODEL_CARD\",\"name\":\"card.md\",\"uri\":\"https://cards.example/card.md\","
                        + "\"sha256\":\"" + "cd".repeat(32) + "\",\"license\":\"CC-BY-4.0\"}");
        assertThat(card.status()).as(card.body()).isEqualTo(201);
        Run reference = as(
                "attacker",
                "artifacts",
                "download",
                "cli/" + name,
                "1.0.0",
                "card.md",
                "--to",
                work.resolve("card.md").toString());
        assertThat(reference.exit())
                .as("a reference is not fetched from elsewhere")
                .isEqualTo(ExitCodes.CONFLICT);
        assertThat(reference.err()).contains("https://cards.example/card.md");
        assertThat(as("attacker", "versions", "show", "cli/" + name, "9.9.9").exit())
                .isEqualTo(ExitCodes.NOT_FOUND);
        Run early = as("attacker", "versions", "deploy", "cli/" + name, "1.0.0", "--target", "anything");
        assertThat(early.exit())
                .as(early.err())
                .isIn(ExitCodes.CONFLICT, ExitCodes.NOT_FOUND, ExitCodes.REFUSED, ExitCodes.USAGE);

        // an expired token in the session file is not sent; a forged one is refused by the server
        Path session = sessionFile("attacker");
        String saved = Files.readString(session);
        JsonObject json = Json.createReader(new StringReader(saved)).readObject();
        Files.writeString(
                session,
                Json.createObjectBuilder(json)
                        .add("expiresAt", "2020-01-01T00:00:00Z")
                        .build()
                        .toString());
        Run expired = as("attacker", "models", "show", "cli/" + name);
        assertThat(expired.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(expired.err()).contains("expired").contains("registry login");
        String token = json.getString("token");
        Files.writeString(
                session,
                Json.createObjectBuilder(json)
                        .add("token", token.substring(0, token.length() - 4) + "AAAA")
                        .build()
                        .toString());
        Run forged = as("attacker", "models", "show", "cli/" + name);
        assertThat(forged.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(forged.err()).contains("registry login");

        // a session file others may read is tightened, with a warning to log in again
        login("attacker", owner, Api.MEMBER_PASSWORD);
        Files.setPosixFilePermissions(session, PosixFilePermissions.fromString("rw-rw-r--"));
        Run loose = as("attacker", "models", "show", "cli/" + name);
        assertThat(loose.exit()).isZero();
        assertThat(loose.err()).contains("warning").contains("readable by others");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
                .isEqualTo("rw-------");

        Run wrongPassword = asWithInput("nobody", "wrong\n", "login", "-u", owner, "--password-stdin");
        assertThat(wrongPassword.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(sessionFile("nobody")).doesNotExist();
    }

    /** The tool with no URL and no session: what an auditor runs on another machine. */
    private static Run offline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RegistryCli.commandLine(
                Map.of("HOME", work.resolve("offline").toString()), new ByteArrayInputStream(new byte[0]), false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static void rewrite(Path from, Path to, String entry, UnaryOperator<String> change) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        files.computeIfPresent(
                entry,
                (k, v) -> change.apply(new String(v, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try (OutputStream file = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (var e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
