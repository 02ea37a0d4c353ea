/** MicroProfile Health checks: {@code /health/ready} reports what the registry needs to serve. */
package org.modelregistry.interfaces.health;
