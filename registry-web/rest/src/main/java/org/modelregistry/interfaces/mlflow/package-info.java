/**
 * The MLflow-compatible Model Registry API: MLflow's {@code /api/2.0/mlflow/registered-models/*},
 * {@code /api/2.0/mlflow/model-versions/*} and {@code /api/2.0/mlflow-artifacts/artifacts/*} endpoints, so that MLflow
 * clients work against the registry with only their tracking URI changed. An adapter, not a bounded context: every call
 * goes through the registry's own services (catalog, governance, identity), so tenancy, roles, the lifecycle, policies
 * and the audit trail apply exactly as for {@code /api/v1}. It owns the translation only: MLflow names to models of one
 * organization ({@link MlflowCatalog}), stages to registry states and aliases, MLflow's JSON and its error shape
 * ({@link MlflowErrors}, used for these paths only), and how MLflow clients authenticate ({@link MlflowAuthFilter}).
 * docs/mlflow.md lists every endpoint and what differs from MLflow.
 */
package org.modelregistry.interfaces.mlflow;
