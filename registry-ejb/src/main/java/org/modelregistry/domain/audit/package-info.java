/** The record of every state change (the governance issue chains it into a tamper-evident log). */
package org.modelregistry.domain.audit;
