package org.wkcheck.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ./wkcheck load} command line as the load tests give it: a small heap and objectives no
 * shared CI machine misses (speed is measured by {@code capacity} and the benchmarks, not asserted
 * here), then the test's own flags.
 */
public final class LoadArgs {
  private LoadArgs() {}

  /** {@code load --heap 512m --slo-p95 5000 --slo-p99 10000} and {@code more}. */
  public static List<String> lenient(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("load", "--heap", "512m", "--slo-p95", "5000", "--slo-p99", "10000"));
    args.addAll(List.of(more));
    return args;
  }
}
