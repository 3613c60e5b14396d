/**
 * Load from many injectors with exactly merged results: an injector runs share i of N of a
 * simulation ({@link org.wkcheck.load.scaleout.Share}) from a shared start, on the set-up a prepare
 * step made once; each writes its HdrHistogram interval log, counters and correctness records into
 * a folder of its own ({@link org.wkcheck.load.scaleout.InjectorManifest}); {@link
 * org.wkcheck.load.scaleout.Merge} adds them up and judges the objectives and the correctness
 * checks on the merged data only. {@code ./wkcheck load --injectors N} runs the protocol locally;
 * Kubernetes pods run the same commands.
 */
package org.wkcheck.load.scaleout;
