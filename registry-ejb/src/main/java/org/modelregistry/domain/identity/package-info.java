/** Users of the registry, their memberships (roles per organization) and how their passwords are kept. */
package org.modelregistry.domain.identity;
