/**
 * Imports into the registry through its REST API, as the signed-in caller and under every governance rule: the
 * registered models, versions, tags, aliases and artifacts of a server speaking MLflow's Model Registry REST API
 * ({@link org.modelregistry.client.imports.MlflowImport}), and a Hugging Face-style model repository on disk
 * ({@link org.modelregistry.client.imports.HuggingFaceImport}). Both are idempotent: what was imported before is
 * recognised by the source identity recorded in the version's metadata ({@code import}) and skipped, and a source
 * that changed since is reported as a conflict, never overwritten. Each run returns an {@link
 * org.modelregistry.client.imports.ImportReport}.
 */
package org.modelregistry.client.imports;
