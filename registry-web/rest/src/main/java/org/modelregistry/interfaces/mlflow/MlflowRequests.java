package org.modelregistry.interfaces.mlflow;

import java.util.List;
import java.util.Map;

/** The typed requests of MLflow's Model Registry API, read from {@link MlflowParams} with MLflow's field names. */
public final class MlflowRequests {

    private MlflowRequests() {}

    /** {@code registered-models/create}. */
    public record CreateRegisteredModel(String name, Map<String, String> tags, String description) {
        static CreateRegisteredModel from(MlflowParams p) {
            return new CreateRegisteredModel(p.required("name"), p.tags("tags"), p.string("description"));
        }
    }

    /** {@code registered-models/get}, {@code delete}, and the name of any other call. */
    public record ModelRef(String name) {
        static ModelRef from(MlflowParams p) {
            return new ModelRef(p.required("name"));
        }
    }

    /** {@code registered-models/update}. */
    public record UpdateRegisteredModel(String name, String description) {
        static UpdateRegisteredModel from(MlflowParams p) {
            return new UpdateRegisteredModel(p.required("name"), p.string("description"));
        }
    }

    /** {@code registered-models/rename}. */
    public record RenameRegisteredModel(String name, String newName) {
        static RenameRegisteredModel from(MlflowParams p) {
            return new RenameRegisteredModel(p.required("name"), p.required("new_name"));
        }
    }

    /** {@code registered-models/search} and {@code model-versions/search}. */
    public record Search(String filter, Long maxResults, List<String> orderBy, String pageToken) {
        static Search from(MlflowParams p, long maxResults) {
            return new Search(
                    p.string("filter"),
                    p.number("max_results", 1, maxResults),
                    p.strings("order_by"),
                    p.string("page_token"));
        }
    }

    /** {@code registered-models/get-latest-versions}. */
    public record GetLatestVersions(String name, List<String> stages) {
        static GetLatestVersions from(MlflowParams p) {
            return new GetLatestVersions(p.required("name"), p.strings("stages"));
        }
    }

    /** {@code set-tag} of a model ({@code version} null) or a version. */
    public record SetTag(String name, String version, String key, String value) {
        static SetTag forModel(MlflowParams p) {
            return new SetTag(p.required("name"), null, p.required("key"), valueOf(p));
        }

        static SetTag forVersion(MlflowParams p) {
            return new SetTag(p.required("name"), p.required("version"), p.required("key"), valueOf(p));
        }

        private static String valueOf(MlflowParams p) {
            String value = p.string("value");
            if (value == null) {
                throw MlflowException.invalid("Missing value for required parameter 'value'");
            }
            return value;
        }
    }

    /** {@code delete-tag} of a model ({@code version} null) or a version. */
    public record DeleteTag(String name, String version, String key) {
        static DeleteTag forModel(MlflowParams p) {
            return new DeleteTag(p.required("name"), null, p.required("key"));
        }

        static DeleteTag forVersion(MlflowParams p) {
            return new DeleteTag(p.required("name"), p.required("version"), p.required("key"));
        }
    }

    /** {@code registered-models/alias}: set ({@code version} given), get and delete ({@code version} null). */
    public record Alias(String name, String alias, String version) {
        static Alias toSet(MlflowParams p) {
            return new Alias(p.required("name"), p.required("alias"), p.required("version"));
        }

        static Alias ref(MlflowParams p) {
            return new Alias(p.required("name"), p.required("alias"), null);
        }
    }

    /** {@code model-versions/create}. */
    public record CreateModelVersion(
            String name, String source, String runId, String runLink, Map<String, String> tags, String description) {
        static CreateModelVersion from(MlflowParams p) {
            return new CreateModelVersion(
                    p.required("name"),
                    p.required("source"),
                    p.string("run_id"),
                    p.string("run_link"),
                    p.tags("tags"),
                    p.string("description"));
        }
    }

    /** {@code model-versions/get}, {@code delete}, {@code get-download-uri}. */
    public record VersionRef(String name, String version) {
        static VersionRef from(MlflowParams p) {
            return new VersionRef(p.required("name"), p.required("version"));
        }
    }

    /** {@code model-versions/update}. */
    public record UpdateModelVersion(String name, String version, String description) {
        static UpdateModelVersion from(MlflowParams p) {
            return new UpdateModelVersion(p.required("name"), p.required("version"), p.string("description"));
        }
    }

    /** {@code model-versions/transition-stage}. */
    public record TransitionStage(String name, String version, String stage, boolean archiveExistingVersions) {
        static TransitionStage from(MlflowParams p) {
            return new TransitionStage(
                    p.required("name"),
                    p.required("version"),
                    p.required("stage"),
                    p.bool("archive_existing_versions"));
        }
    }
}
