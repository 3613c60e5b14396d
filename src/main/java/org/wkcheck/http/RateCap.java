package org.wkcheck.http;

import java.util.concurrent.TimeUnit;

/**
 * A cap on requests per second shared by every request of a run that goes through it: each request
 * waits for its slot, spaced {@code 1/rate} apart (no bursts above the cap, whatever the threads).
 */
public final class RateCap {
  private final long interval;
  private long next = System.nanoTime();

  public RateCap(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("the rate cap must be positive");
    }
    this.interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
  }

  /** Waits until this request may be sent. */
  public void acquire() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(next, now);
      next = slot + interval;
      wait = slot - now;
    }
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
