/**
 * The embedded defaults: what the README's run command starts beside Liberty so that a fresh machine with only a
 * JDK needs nothing installed by hand. Tests use the same launcher with a throw-away data directory.
 */
package org.modelregistry.embedded;
