/** Governance: the version lifecycle, reviews and approvals. */
package org.modelregistry.api.governance;
