/** Evaluation suites and the runs that apply them to versions. */
package org.modelregistry.api.evaluation;
