/** Domain events derived from the audit log, who hears of them, and how often a failed delivery is tried again. */
package org.modelregistry.domain.notification;
