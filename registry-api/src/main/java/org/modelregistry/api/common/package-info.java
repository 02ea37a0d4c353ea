/** Shapes shared by every area of the API (pages, cursors, recent failures and daily counts). */
package org.modelregistry.api.common;
