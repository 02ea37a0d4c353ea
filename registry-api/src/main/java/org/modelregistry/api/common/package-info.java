/** Shapes shared by every area of the API (pages, cursors). */
package org.modelregistry.api.common;
