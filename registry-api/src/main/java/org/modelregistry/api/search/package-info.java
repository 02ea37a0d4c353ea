/** Full-text and faceted search over the catalog. */
package org.modelregistry.api.search;
