/**
 * Load from many injectors with exactly merged results: an injector runs share i of N of a
 * simulation ({@link org.wkcheck.load.Share}) from a shared start, on the set-up a prepare step
 * made once; each writes its HdrHistogram interval log, counters and correctness records into a
 * folder of its own ({@link org.wkcheck.load.InjectorManifest}); {@link
 * org.wkcheck.load.scaleout.Merge} adds them up and judges the objectives and the correctness
 * checks on the merged data only. {@code ./wkcheck load --injectors N} runs the protocol locally;
 * Kubernetes pods run the same commands. What an injector itself does (its share, the wait for the
 * start, its manifest) lives in {@code org.wkcheck.load} beside the run it belongs to, so this
 * package depends on {@code load} and not the other way round.
 */
package org.wkcheck.load.scaleout;
