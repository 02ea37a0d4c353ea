package org.modelregistry.application.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.infrastructure.config.CheckedSettings;

/**
 * How the MLflow-compatible API names the catalog's models ({@code registry.mlflow.*}): the organization whose
 * models MLflow names denote (unset: the caller's only organization), the group of a model whose MLflow name has no
 * {@code <group>/} prefix, and the risk tier of models registered through it. A malformed value stops the deployment
 * at start ({@link CheckedSettings}).
 */
@ApplicationScoped
public class MlflowSettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.mlflow.organization")
    Optional<String> organization;

    @Inject
    @ConfigProperty(name = "registry.mlflow.default-group", defaultValue = "mlflow")
    String defaultGroup;

    @Inject
    @ConfigProperty(name = "registry.mlflow.risk-tier", defaultValue = "MEDIUM")
    String riskTier;

    /** The slug of the organization MLflow names denote, when the server fixes one. */
    public Optional<String> organization() {
        return organization.map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The group of models whose MLflow name is a bare name. */
    public String defaultGroup() {
        return defaultGroup.trim();
    }

    /**
     * The risk tier of a model registered through MLflow (whose API has none) unless its tags name one
     * ({@code risk_tier}): it decides how many approvals its versions need.
     */
    public RiskTier riskTier() {
        try {
            return RiskTier.valueOf(riskTier.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("registry.mlflow.risk-tier must be one of " + List.of(RiskTier.values())
                    + ", not '" + riskTier + "'");
        }
    }

    @Override
    public void check() {
        organization().ifPresent(slug -> require("registry.mlflow.organization", slug));
        require("registry.mlflow.default-group", defaultGroup());
        riskTier();
    }

    private static void require(String setting, String value) {
        if (!CatalogRules.DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(setting + " must be 1 to 63 lowercase letters, digits or '-' (starting"
                    + " and ending with a letter or digit), not '" + value + "'");
        }
    }
}
