/** Small building blocks every aggregate uses: id generation, validation error collection. */
package org.modelregistry.domain.shared;
