package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.modelregistry.client.cli.RegistryCli;
import org.modelregistry.it.Api.Reply;
import picocli.CommandLine;

/**
 * What the import tests share: the tool run in-process with its report, and an MLflow source filled through a
 * registry's MLflow-compatible API ({@link ImportIT}: the test server itself; {@link SecondRegistryImportIT}: a
 * second registry with a data directory of its own).
 */
final class ImportTool {

    private ImportTool() {}

    /** One run of the tool: its exit code and what it printed. */
    record Run(int exit, String out, String err) {
        JsonObject json() {
            return Json.createReader(new StringReader(out)).readObject();
        }

        /** The report's count of an outcome for a kind (0 when absent). */
        int count(String kind, String outcome) {
            JsonObject counts = json().getJsonObject("counts");
            return counts.containsKey(kind) ? counts.getJsonObject(kind).getInt(outcome, 0) : 0;
        }

        /** A successful run that created these numbers of models, versions, artifacts, tags and aliases. */
        void assertCreated(int models, int versions, int artifacts, int tags, int aliases) {
            assertThat(exit()).as(err() + out()).isZero();
            assertThat(count("model", "created")).isEqualTo(models);
            assertThat(count("version", "created")).isEqualTo(versions);
            assertThat(count("artifact", "created")).isEqualTo(artifacts);
            assertThat(count("tag", "created")).isEqualTo(tags);
            assertThat(count("alias", "created")).isEqualTo(aliases);
        }

        /** A run after a complete one: it succeeded, created nothing and skipped what the first one copied. */
        void assertCopiedNothing(int models, int versions, int artifacts, int aliases) {
            assertThat(exit()).as(err() + out()).isZero();
            assertThat(items("CREATED")).as("nothing is copied twice").isEmpty();
            assertThat(count("model", "skipped")).isEqualTo(models);
            assertThat(count("version", "skipped")).isEqualTo(versions);
            assertThat(count("artifact", "skipped")).isEqualTo(artifacts);
            assertThat(count("alias", "skipped")).isEqualTo(aliases);
        }

        List<JsonObject> items(String outcome) {
            return json().getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(i -> i.getString("outcome").equals(outcome))
                    .toList();
        }
    }

    /** The tool with {@code home} as the user's home (its login cache) and {@code stdin} as its input. */
    static Run cli(Path home, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RegistryCli.commandLine(
                Map.of("HOME", home.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * {@code registry import mlflow} from the MLflow server at {@code url} (with a token of it) into the test server's
     * organization {@code organization}, with a JSON report.
     */
    static Run importMlflow(Path home, String url, String token, String organization, String... more) {
        String[] base = {
            "import",
            "mlflow",
            "--url",
            url,
            "--token",
            token,
            "--organization",
            organization,
            "--registry",
            Api.BASE_URL,
            "--output",
            "json"
        };
        return cli(home, "", concat(base, more));
    }

    /** A token of {@code user} from the registry at {@code baseUrl}. */
    static String token(String baseUrl, String user, String password) {
        Reply r = Api.post(
                baseUrl + "/api/v1/auth/token",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                Api.NO_AUTH,
                "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    /** {@code base} followed by {@code more}. */
    static String[] concat(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A registry's MLflow API ({@code baseUrl}/api/2.0/mlflow/) as a user with this token: the import's source. */
    record Source(String baseUrl, String token) {

        /** An MLflow call that must answer 200; its answer. */
        JsonObject call(String method, String path, String body) {
            Reply r = Api.send(
                    method,
                    baseUrl + "/api/2.0/mlflow/" + path,
                    BodyPublishers.ofString(body),
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    "Bearer " + token);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
            return r.json();
        }

        void model(String name, String tagsJson) {
            call(
                    "POST",
                    "registered-models/create",
                    "{\"name\":\"" + name + "\",\"description\":\"from MLflow\",\"tags\":" + tagsJson + "}");
        }

        /** A version made as a run would register it; returns its MLflow version number. */
        String version(String name, String runId) {
            return call(
                            "POST",
                            "model-versions/create",
                            "{\"name\":\"" + name + "\",\"source\":\"runs:/" + runId + "/model\",\"run_id\":\""
                                    + runId + "\",\"run_link\":\"https://mlflow.example.com/#/runs/" + runId
                                    + "\",\"description\":\"trained by " + runId + "\",\"tags\":[{\"key\":"
                                    + "\"framework\",\"value\":\"sklearn\"}]}")
                    .getJsonObject("model_version")
                    .getString("version");
        }

        void alias(String name, String alias, String version) {
            call(
                    "POST",
                    "registered-models/alias",
                    "{\"name\":\"" + name + "\",\"alias\":\"" + alias + "\",\"version\":\"" + version + "\"}");
        }

        /** Uploads a file to a version through the artifact proxy; returns its SHA-256. */
        String file(String name, String version, String file, byte[] content) {
            String uri = Api.get(
                            baseUrl + "/api/2.0/mlflow/model-versions/get-download-uri?name="
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&version=" + version,
                            "Authorization",
                            "Bearer " + token)
                    .json()
                    .getString("artifact_uri");
            String path = uri.substring("mlflow-artifacts:/".length());
            Reply put = Api.send(
                    "PUT",
                    baseUrl + "/api/2.0/mlflow-artifacts/artifacts/" + path + "/" + file,
                    BodyPublishers.ofByteArray(content),
                    "Content-Type",
                    "application/octet-stream",
                    "Authorization",
                    "Bearer " + token);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            return sha256(content);
        }

        /**
         * Declares a MODEL_WEIGHTS artifact with an MIT licence (the default licence policy wants one before review)
         * on a version through the registry's own API ({@code versionPath}: /models/{id}/versions/{v}) and stores
         * its content; returns its SHA-256.
         */
        String registryFile(String versionPath, String name, byte[] content) {
            String sha = sha256(content);
            Reply declared = Api.post(
                    baseUrl + "/api/v1" + versionPath + "/artifacts",
                    "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"" + name + "\",\"sha256\":\"" + sha + "\",\"size\":"
                            + content.length + ",\"license\":\"MIT\"}",
                    "Authorization",
                    "Bearer " + token);
            assertThat(declared.status()).as(declared.body()).isEqualTo(201);
            Reply stored = Api.put(
                    baseUrl + "/api/v1" + versionPath + "/artifacts/"
                            + declared.json().getString("id") + "/content",
                    BodyPublishers.ofByteArray(content),
                    "Authorization",
                    "Bearer " + token);
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            return sha;
        }
    }
}
