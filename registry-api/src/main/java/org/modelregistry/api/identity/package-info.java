/** Identity: roles, tokens and the authentication service. */
package org.modelregistry.api.identity;
