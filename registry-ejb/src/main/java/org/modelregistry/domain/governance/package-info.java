/**
 * Governance rules: the lifecycle a version moves through ({@code Lifecycle}), what a submission put up for review
 * ({@code ReviewSnapshot}), and the review round that judges it ({@code ReviewRound}: four eyes, the approvals the
 * snapshot's risk tier needs per {@code ApprovalRules}, their expiry, and what each decision does); aliases and their
 * history ({@code AliasMove}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.domain.governance;
