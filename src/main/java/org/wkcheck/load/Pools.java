package org.wkcheck.load;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Ending the thread pools of a load run. */
final class Pools {
  private Pools() {}

  /**
   * Waits up to {@code seconds} for the tasks of a pool that was shut down; an interrupt ends the
   * wait and stays set for the caller.
   */
  static void awaitEnd(ExecutorService pool, int seconds) {
    try {
      pool.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
