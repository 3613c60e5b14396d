package org.wkcheck.server.http;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A reference server of known capacity, for proving {@code ./wkcheck capacity}: at most {@code K}
 * requests are worked on at once, each holding its slot for the service time {@code S}; the others
 * wait in an unbounded queue (first come, first served, each request's slot and end set on the
 * clock as it arrives). {@code K} is the whole number nearest to {@code N × S / 1000} and {@code S}
 * is then set to {@code K × 1000 / N}, so the server completes exactly {@code N} requests per
 * second at most, whatever the machine (as long as the CPU is not the limit): below {@code N}
 * answers take about {@code S}; above it the queue, and with it the response time, grows without
 * bound.
 *
 * <p>A request's own work counts into its service time: it waits until its scheduled end less the
 * recent average work before it is handled, so it is answered at about its scheduled end.
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

  /** When each slot is next free (System.nanoTime), earliest first. */
  private final PriorityQueue<Long> freeAt = new PriorityQueue<>();

  private volatile long workNanos;

  public KnownCapacity(Limit limit) {
    this.limit = limit;
    this.serviceNanos = limit.adjustedServiceTime().toNanos();
    long now = System.nanoTime();
    for (int i = 0; i < limit.slots(); i++) {
      freeAt.add(now);
    }
  }

  public Limit limit() {
    return limit;
  }

  /**
   * The time (System.nanoTime) at which a request arriving now is done: it takes the slot that is
   * free first, when it is free (or now), and holds it for the service time. The schedule is kept
   * on the clock, not by sleeping a slot's threads in turn, so the wake-up latency and the
   * request's own work never add up across requests: over any long stretch a slot serves exactly
   * one request per service time, and the server exactly {@code N} per second.
   */
  private synchronized long schedule(long arrival) {
    long start = Math.max(arrival, freeAt.remove());
    long done = start + serviceNanos;
    freeAt.add(done);
    return done;
  }

  /**
   * The Jetty handler that holds every request until its scheduled end (less the recent average of
   * the requests' own work) and then lets the server answer it.
   */
  public Handler.Wrapper handler(Handler.Wrapper inner) {
    Handler.Wrapper outer =
        new Handler.Wrapper() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            long done = schedule(System.nanoTime());
            TimeUnit.NANOSECONDS.sleep(Math.max(0, done - workNanos - System.nanoTime()));
            long start = System.nanoTime();
            AtomicBoolean measured = new AtomicBoolean();
            Runnable measure =
                () -> {
                  if (measured.compareAndSet(false, true)) {
                    long work = System.nanoTime() - start;
                    // the recent average of the requests' own work (1/8 weight for the newest)
                    workNanos = Math.min(serviceNanos, workNanos + (work - workNanos) / 8);
                  }
                };
            return super.handle(request, response, Callback.from(callback, measure));
          }
        };
    outer.setHandler(inner);
    return outer;
  }
}
