/**
 * What a load run measures, recorded so that it can be judged per interval, per step and merged
 * across injectors exactly: response times per request name and outcome as HdrHistograms (integer
 * milliseconds kept exactly up to 262 s), written each second to an HdrHistogram interval log, and
 * the summary statistics computed from them with nearest-rank percentiles.
 */
package org.wkcheck.load.record;
