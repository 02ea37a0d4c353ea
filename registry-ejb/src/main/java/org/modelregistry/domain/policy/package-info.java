/** The policy engine: CEL rules over a documented input that gate lifecycle transitions. */
package org.modelregistry.domain.policy;
