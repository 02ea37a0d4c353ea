/** JPA repositories over EclipseLink and the Flyway schema migrations they rely on. */
package org.modelregistry.infrastructure.persistence;
