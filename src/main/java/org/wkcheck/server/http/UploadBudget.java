package org.wkcheck.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The memory that all requests in flight may hold together: the request bodies read and the bytes
 * unpacked from uploaded archives, counted across every concurrent request. Each limit per request
 * (the body sizes, the unpacked size of a file) bounds one request; this bounds them all, so that
 * many concurrent uploads (ZIP bombs, say) meet a 4xx or a 503 instead of an OutOfMemoryError.
 *
 * <p>Every request gets a {@link Reservation} ({@link #handler()} opens it before the request is
 * handled). Bytes are reserved as they are actually read or unpacked, and the whole reservation is
 * returned when the request ends, however it ends: answered, failed, or abandoned by the client.
 * When a reservation cannot grow, the request fails with the documented error envelope: 413 when
 * this request alone needs more than the whole budget (it could never succeed), 503 with {@code
 * Retry-After} when it is the total of the requests in flight that is exhausted (it may succeed
 * later).
 *
 * <p>Archives are also unpacked only a few at a time ({@link Reservation#unpackingSlot}): as many
 * as there are processors, which keep them all busy. Beyond memory, this is what keeps a crowd of
 * ZIP bombs from starving the garbage collector on Java 17: each inflating thread holds the GC
 * locker while it runs, and with 24 at once G1 ran dozens of "GCLocker Initiated" collections and
 * threw OutOfMemoryError within the byte budget, the process at about half of its maximum heap
 * (JDK-8192647, Java 9 to 21; Java 22's region pinning for G1, JEP 423, removes the cause). A
 * request that waits longer than {@link #UNPACK_WAIT_SECONDS} gets 503.
 */
public final class UploadBudget {
  /** Seconds a client is asked to wait after a 503: uploads in flight take about that long. */
  public static final int RETRY_AFTER_SECONDS = 2;

  /** How long a request waits for a free unpacking slot before it gets 503. */
  public static final int UNPACK_WAIT_SECONDS = 10;

  private static final String ATTRIBUTE = UploadBudget.class.getName();

  /** Counts nothing: closed from the start. */
  private static final Reservation UNCOUNTED = closedReservation();

  private final long capacity;
  private final AtomicLong inFlight = new AtomicLong();
  private final Semaphore unpacking;
  private final Duration unpackWait;

  /**
   * A budget of {@code capacity} bytes, with one unpacking slot per processor (at least two) and
   * {@link #UNPACK_WAIT_SECONDS} of waiting for one.
   */
  public UploadBudget(long capacity) {
    this(
        capacity,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        Duration.ofSeconds(UNPACK_WAIT_SECONDS));
  }

  public UploadBudget(long capacity, int unpackingSlots, Duration unpackWait) {
    if (capacity <= 0 || unpackingSlots <= 0) {
      throw new IllegalArgumentException(
          "an upload budget must be positive, not " + capacity + " bytes, " + unpackingSlots);
    }
    this.capacity = capacity;
    this.unpacking = new Semaphore(unpackingSlots, true);
    this.unpackWait = unpackWait;
  }

  /** The bytes all requests in flight may hold together. */
  public long capacity() {
    return capacity;
  }

  /** The bytes the requests in flight hold now. */
  public long inFlight() {
    return inFlight.get();
  }

  /** A new, empty reservation for one request. */
  public Reservation open() {
    return new Reservation();
  }

  /**
   * The reservation of the request in {@code ctx}; one that counts nothing when the request did not
   * pass through {@link #handler()} (which does not happen in the reference server).
   */
  public static Reservation of(Context ctx) {
    return ctx.req().getAttribute(ATTRIBUTE) instanceof Reservation r ? r : UNCOUNTED;
  }

  /**
   * The Jetty handler that opens a reservation for every request, counts the body bytes as they are
   * read, and returns the reservation when the request completes. It wraps the whole application,
   * so the bytes are counted whoever reads them (Jetty's multipart parser, a JSON read).
   */
  public Handler.Wrapper handler() {
    return new Handler.Wrapper() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        Reservation reservation = open();
        Request counted = new CountedRequest(request, reservation);
        counted.setAttribute(ATTRIBUTE, reservation);
        Callback releasing = Callback.from(callback, reservation::close);
        try {
          if (super.handle(counted, response, releasing)) {
            return true;
          }
        } catch (Throwable t) {
          reservation.close();
          throw t;
        }
        reservation.close();
        return false;
      }
    };
  }

  /** A request whose body bytes are reserved as they are read. */
  private static final class CountedRequest extends Request.Wrapper {
    private final Reservation reservation;

    CountedRequest(Request wrapped, Reservation reservation) {
      super(wrapped);
      this.reservation = reservation;
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      try {
        reservation.reserve(chunk.remaining(), "The request body");
      } catch (ApiException refused) {
        chunk.release();
        reservation.refusedBody(getWrapped());
        return Content.Chunk.from(refused);
      }
      return chunk;
    }
  }

  /** An unpacking slot, held while one uploaded archive is unpacked. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Reads and discards what is left of a body whose reading was refused, without counting it, up to
   * {@code max} bytes: so the client, still sending, receives the answer instead of a connection
   * reset (closing a connection with unread bytes resets it, and the answer is lost). Does nothing
   * when no body was refused.
   */
  public static void drainRefusedBody(Context ctx, long max) {
    Request body = of(ctx).takeRefusedBody();
    if (body == null) {
      return;
    }
    try {
      InputStream in = Content.Source.asInputStream(body);
      byte[] buf = new byte[8192];
      long left = max;
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException gone) {
      // the client went away: nothing to answer
    }
  }

  /** What one request holds of the budget. Thread-safe; {@link #close} returns all of it. */
  public final class Reservation implements AutoCloseable {
    private long held;
    private boolean closed;
    private Request refusedBody;

    private Reservation() {}

    /**
     * Reserves {@code bytes} more before they are read or unpacked.
     *
     * @param what names what needs the memory, for the error message ("File x.zip")
     * @throws ApiException 413 if this request alone would hold more than the whole budget, 503
     *     (with Retry-After) if the requests in flight together would
     */
    public synchronized void reserve(long bytes, String what) {
      if (bytes <= 0 || closed) {
        return; // a read after the request ended holds nothing in flight
      }
      if (held + bytes > capacity) {
        throw new ApiException(
            413,
            what
                + " needs more than the "
                + mib(capacity)
                + " MiB of memory this server allows for all uploads together");
      }
      long now;
      do {
        now = inFlight.get();
        if (now + bytes > capacity) {
          throw ApiException.unavailable(
              "The server is busy: the uploads in flight hold its memory for uploads ("
                  + mib(capacity)
                  + " MiB). Try again later",
              RETRY_AFTER_SECONDS);
        }
      } while (!inFlight.compareAndSet(now, now + bytes));
      held += bytes;
    }

    /**
     * Waits for one of the slots in which archives are unpacked (fairly, in order of arrival).
     *
     * @throws ApiException 503 (with Retry-After) if none frees in time
     */
    public Slot unpackingSlot(String what) {
      try {
        if (unpacking.tryAcquire(unpackWait.toMillis(), TimeUnit.MILLISECONDS)) {
          AtomicBoolean held = new AtomicBoolean(true);
          return () -> {
            if (held.getAndSet(false)) {
              unpacking.release();
            }
          };
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw ApiException.unavailable(
          "The server is busy unpacking other uploads; "
              + what
              + " waited "
              + unpackWait.toMillis()
              + " ms. Try again later",
          RETRY_AFTER_SECONDS);
    }

    private synchronized void refusedBody(Request body) {
      refusedBody = body;
    }

    private synchronized Request takeRefusedBody() {
      Request body = refusedBody;
      refusedBody = null;
      return body;
    }

    /** The bytes this request holds. */
    public synchronized long held() {
      return held;
    }

    /** Returns everything this request holds; later calls do nothing. */
    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        inFlight.addAndGet(-held);
        held = 0;
      }
    }
  }

  private static Reservation closedReservation() {
    Reservation r = new UploadBudget(1).open();
    r.close();
    return r;
  }

  private static long mib(long bytes) {
    return Math.max(1, bytes >> 20);
  }
}
