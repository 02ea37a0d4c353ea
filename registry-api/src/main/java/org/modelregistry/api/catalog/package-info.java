/** The catalog: models, their versions and their artifacts. */
package org.modelregistry.api.catalog;
