/** Where uploaded artifact content lives: a content-addressed blob store (local disk by default). */
package org.modelregistry.infrastructure.storage;
