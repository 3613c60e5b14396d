/**
 * Comparing a run with an earlier one: {@code --baseline DIR} on {@code load} and {@code capacity}
 * reports the change of each headline figure in %, and {@code --fail-on-regression PCT} makes a
 * capacity that dropped, or a p95 or p99 that rose, by more than that a failure of the run.
 */
package org.wkcheck.load.baseline;
