package org.wkcheck.load;

import java.util.Locale;

/**
 * The early stop: counts requests and errors per second, and says to stop once the error share has
 * stayed above the threshold for a number of whole seconds in a row (each with at least a few
 * requests, so that one failure at a trickle does not end a run).
 */
public final class ErrorWatch {
  private static final int SLOTS = 64;
  private static final int MIN_REQUESTS_PER_SECOND = 3;

  private final double thresholdPercent;
  private final int seconds;
  private final long[] second = new long[SLOTS];
  private final long[] total = new long[SLOTS];
  private final long[] errors = new long[SLOTS];
  private volatile String reason;

  public ErrorWatch(double thresholdPercent, int seconds) {
    this.thresholdPercent = thresholdPercent;
    this.seconds = Math.min(seconds, SLOTS - 2);
  }

  /** Counts one request; returns whether the run should stop now. */
  public boolean record(boolean ok) {
    return record(ok, System.currentTimeMillis() / 1000);
  }

  synchronized boolean record(boolean ok, long nowSecond) {
    int i = (int) (nowSecond % SLOTS);
    if (second[i] != nowSecond) {
      second[i] = nowSecond;
      total[i] = 0;
      errors[i] = 0;
    }
    total[i]++;
    if (!ok) {
      errors[i]++;
    }
    if (reason != null) {
      return true;
    }
    for (int back = 1; back <= seconds; back++) {
      long s = nowSecond - back;
      int j = (int) (s % SLOTS);
      if (second[j] != s
          || total[j] < MIN_REQUESTS_PER_SECOND
          || errors[j] * 100.0 / total[j] <= thresholdPercent) {
        return false;
      }
    }
    reason =
        String.format(
            Locale.ROOT,
            "more than %.0f%% of the requests failed in each of the last %d seconds",
            thresholdPercent,
            seconds);
    return true;
  }

  /** Why the run should stop, or null. */
  public String reason() {
    return reason;
  }
}
