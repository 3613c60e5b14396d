package org.wkcheck.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A reference server of known capacity, for proving {@code ./wkcheck capacity}: at most {@code K}
 * requests are worked on at once, each holding its slot for the service time {@code S}; the others
 * wait in an unbounded queue (first come, first served). {@code K} is the whole number nearest to
 * {@code N × S / 1000} and {@code S} is then set to {@code K × 1000 / N}, so the server completes
 * exactly {@code N} requests per second at most, whatever the machine (as long as the CPU is not
 * the limit): below {@code N} answers take about {@code S}; above it the queue, and with it the
 * response time, grows without bound.
 *
 * <p>A request's own work counts into its service time: the slot sleeps {@code S} less the recent
 * average work before the request is handled, so a slot serves one request per {@code S}.
 */
public final class KnownCapacity {
  /** The service time {@code S} when none is asked for. */
  public static final Duration DEFAULT_SERVICE_TIME = Duration.ofMillis(50);

  /**
   * What a server is held to.
   *
   * @param requestsPerSecond the capacity {@code N}
   * @param serviceTime the service time asked for ({@code S} is adjusted to make {@code N} exact)
   */
  public record Limit(double requestsPerSecond, Duration serviceTime) {
    public Limit {
      if (!(requestsPerSecond > 0)
          || Double.isInfinite(requestsPerSecond)
          || serviceTime.isNegative()
          || serviceTime.isZero()) {
        throw new IllegalArgumentException(
            "a known capacity needs a positive rate and service time, not "
                + requestsPerSecond
                + " requests/s and "
                + serviceTime.toMillis()
                + " ms");
      }
    }

    /** {@code K}: the whole number nearest to {@code N × S}, at least one. */
    public int slots() {
      return (int) Math.max(1, Math.round(requestsPerSecond * serviceTime.toNanos() / 1e9));
    }

    /** {@code S} as adjusted: {@code K / N}. */
    public Duration adjustedServiceTime() {
      return Duration.ofNanos(Math.round(slots() * 1e9 / requestsPerSecond));
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%s requests/s (%d at once, %.1f ms each)",
          requestsPerSecond == Math.rint(requestsPerSecond)
              ? Long.toString((long) requestsPerSecond)
              : Double.toString(requestsPerSecond),
          slots(),
          adjustedServiceTime().toNanos() / 1e6);
    }
  }

  private final Limit limit;
  private final long serviceNanos;
  private final Semaphore free;
  private volatile long workNanos;

  public KnownCapacity(Limit limit) {
    this.limit = limit;
    this.serviceNanos = limit.adjustedServiceTime().toNanos();
    this.free = new Semaphore(limit.slots(), true);
  }

  public Limit limit() {
    return limit;
  }

  /**
   * The Jetty handler that makes every request of the server wait for a slot and hold it until its
   * answer is complete.
   */
  public Handler.Wrapper handler(Handler.Wrapper inner) {
    Handler.Wrapper outer =
        new Handler.Wrapper() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            free.acquire();
            Slot slot = new Slot();
            try {
              TimeUnit.NANOSECONDS.sleep(Math.max(0, serviceNanos - workNanos));
              slot.start = System.nanoTime();
              if (super.handle(request, response, Callback.from(callback, slot::release))) {
                return true;
              }
            } catch (Throwable t) {
              slot.release();
              throw t;
            }
            slot.release();
            return false;
          }
        };
    outer.setHandler(inner);
    return outer;
  }

  /** One request's hold on a slot, released once, when its answer is complete (or it fails). */
  private final class Slot {
    private final AtomicBoolean held = new AtomicBoolean(true);
    private long start = System.nanoTime();

    void release() {
      if (held.compareAndSet(true, false)) {
        long work = System.nanoTime() - start;
        // the recent average of the requests' own work (1/8 weight for the newest)
        workNanos = Math.min(serviceNanos, workNanos + (work - workNanos) / 8);
        free.release();
      }
    }
  }
}
