/** Governance rules: the lifecycle a version moves through, and the approvals a review needs per risk tier. */
package org.modelregistry.domain.governance;
