package org.wkcheck.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
  private final double requestsPerSecond;
  private final int slots;
  private final long serviceNanos;
  private final Semaphore free;
  private volatile long workNanos;

  /**
   * @param requestsPerSecond the capacity {@code N}
   * @param serviceTime the service time asked for ({@code S} is adjusted to make {@code N} exact)
   */
  public KnownCapacity(double requestsPerSecond, Duration serviceTime) {
    if (!(requestsPerSecond > 0) || serviceTime.isNegative() || serviceTime.isZero()) {
      throw new IllegalArgumentException("the capacity and the service time must be positive");
    }
    this.requestsPerSecond = requestsPerSecond;
    this.slots = (int) Math.max(1, Math.round(requestsPerSecond * serviceTime.toNanos() / 1e9));
    this.serviceNanos = Math.round(slots * 1e9 / requestsPerSecond);
    this.free = new Semaphore(slots, true);
  }

  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** {@code K}: the requests worked on at once. */
  public int slots() {
    return slots;
  }

  /** {@code S}, as adjusted. */
  public Duration serviceTime() {
    return Duration.ofNanos(serviceNanos);
  }

  /** The Jetty handler that makes every request of the server wait for a slot and hold it. */
  public Handler.Wrapper handler(Handler.Wrapper inner) {
    Handler.Wrapper outer =
        new Handler.Wrapper() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            free.acquire();
            boolean released = false;
            try {
              TimeUnit.NANOSECONDS.sleep(Math.max(0, serviceNanos - workNanos));
              long start = System.nanoTime();
              boolean handled = super.handle(request, response, callback);
              long work = System.nanoTime() - start;
              // the recent average of the requests' own work (1/8 weight for the newest)
              workNanos = Math.min(serviceNanos, workNanos + (work - workNanos) / 8);
              free.release();
              released = true;
              return handled;
            } finally {
              if (!released) {
                free.release();
              }
            }
          }
        };
    outer.setHandler(inner);
    return outer;
  }
}
