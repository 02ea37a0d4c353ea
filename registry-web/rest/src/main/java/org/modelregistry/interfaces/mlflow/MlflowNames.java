package org.modelregistry.interfaces.mlflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How MLflow's names and version numbers map to the registry's. A registered model's name is {@code <name>} for a
 * model of the default group ({@code registry.mlflow.default-group}) and {@code <group>/<name>} for any other; a
 * version number {@code N} is the registry version {@code N.0.0}, and a registry version of another shape keeps its
 * semantic version string.
 */
public final class MlflowNames {

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern WHOLE = Pattern.compile("^(0|[1-9]\\d{0,8})\\.0\\.0$");
    private static final Pattern NUMBER = Pattern.compile("^(0|[1-9]\\d{0,8})$");

    private MlflowNames() {}

    /** A model's group and name. */
    public record ModelName(String group, String name) {}

    /**
     * The group and name an MLflow name stands for.
     *
     * @throws MlflowException INVALID_PARAMETER_VALUE when it cannot name a registry model
     */
    public static ModelName parse(String mlflowName, String defaultGroup) {
        if (mlflowName == null || mlflowName.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'name'");
        }
        int slash = mlflowName.indexOf('/');
        ModelName parsed = slash < 0
                ? new ModelName(defaultGroup, mlflowName)
                : new ModelName(mlflowName.substring(0, slash), mlflowName.substring(slash + 1));
        if (!LABEL.matcher(parsed.group()).matches()
                || !LABEL.matcher(parsed.name()).matches()) {
            throw MlflowException.invalid("Registered model name '" + Shown.of(mlflowName)
                    + "' is not a registry name: '<name>' or '<group>/<name>', each 1 to 63 lowercase letters, digits"
                    + " or '-', starting and ending with a letter or digit");
        }
        return parsed;
    }

    /** The MLflow name of a model. */
    public static String format(String group, String name, String defaultGroup) {
        return group.equals(defaultGroup) ? name : group + "/" + name;
    }

    /** The MLflow version of a registry version: {@code 3} for {@code 3.0.0}, the semantic version otherwise. */
    public static String mlflowVersion(String registryVersion) {
        Matcher m = WHOLE.matcher(registryVersion);
        return m.matches() ? m.group(1) : registryVersion;
    }

    /**
     * The registry version an MLflow version names: {@code N.0.0} for a number, the string itself for a semantic
     * version.
     *
     * @throws MlflowException INVALID_PARAMETER_VALUE when it is neither
     */
    public static String registryVersion(String mlflowVersion) {
        if (mlflowVersion == null || mlflowVersion.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'version'");
        }
        if (NUMBER.matcher(mlflowVersion).matches()) {
            return mlflowVersion + ".0.0";
        }
        if (mlflowVersion.length() <= 128
                && mlflowVersion.indexOf('.') > 0
                && mlflowVersion.matches("[0-9A-Za-z.+-]+")) {
            return mlflowVersion;
        }
        throw MlflowException.invalid("Version '" + Shown.of(mlflowVersion) + "' is not a version number");
    }

    /** The number MLflow versions sort by: {@code N} of {@code N.x.y}, 0 when there is none. */
    public static long major(String registryVersion) {
        int dot = registryVersion.indexOf('.');
        String head = dot < 0 ? registryVersion : registryVersion.substring(0, dot);
        return head.matches("\\d{1,18}") ? Long.parseLong(head) : 0;
    }
}
