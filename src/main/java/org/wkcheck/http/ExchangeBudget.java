package org.wkcheck.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The budget of the exchange running on this thread: its deadline (the whole exchange, from the
 * moment it is opened) and what stopped it, if anything. The guarded client reads it from the
 * thread; a watchdog closes the connection of an exchange that outlives its deadline, so a target
 * that stalls or drips cannot hold a request, a write or a header read beyond it.
 */
public final class ExchangeBudget implements AutoCloseable {
  private static final ThreadLocal<ExchangeBudget> CURRENT = new ThreadLocal<>();
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private final Limits limits;
  private final long deadline;
  private final ExchangeBudget outer;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private final List<Runnable> aborts = new ArrayList<>();
  private final java.util.function.Consumer<ExchangeBudget> onClose;
  private volatile GuardException breach;

  private ExchangeBudget(
      Limits limits, GuardException refused, java.util.function.Consumer<ExchangeBudget> onClose) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
    this.outer = CURRENT.get();
    this.breach = refused;
    this.onClose = onClose;
  }

  /**
   * Starts an exchange's clock on this thread; close it when the answer has been read.
   *
   * @param refused a reason not to send the exchange at all (it fails with it), or null
   * @param onClose told how the exchange ended, or null
   */
  static ExchangeBudget open(
      Limits limits, GuardException refused, java.util.function.Consumer<ExchangeBudget> onClose) {
    ExchangeBudget b = new ExchangeBudget(limits, refused, onClose);
    CURRENT.set(b);
    return b;
  }

  /** The exchange running on this thread, or null. */
  static ExchangeBudget current() {
    return CURRENT.get();
  }

  public Limits limits() {
    return limits;
  }

  /** What stopped the exchange (deadline, size, origin), or null. */
  public GuardException breach() {
    return breach;
  }

  /**
   * Why the guard ended this exchange, if it did: a breach it recorded, or a read that timed out
   * once the deadline had passed (the socket's own timeout can fire just before the watchdog).
   */
  public GuardException stoppedBy(Throwable e) {
    if (breach == null && remainingMillis() == 0) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.SocketException) {
          return breach(GuardException.deadline(limits));
        }
      }
    }
    return breach != null ? breach : GuardException.in(e);
  }

  GuardException breach(GuardException e) {
    if (breach == null) {
      breach = e;
    }
    return breach;
  }

  long remainingMillis() {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
  }

  /** Throws when the deadline has passed. */
  void check() throws GuardException {
    if (breach != null) {
      throw breach;
    }
    if (System.nanoTime() - deadline >= 0) {
      throw breach(GuardException.deadline(limits));
    }
  }

  /**
   * Runs {@code action} (closing the connection) at the deadline, or when the exchange ends after
   * the guard stopped it (so a connection with an unread rest of an answer is never reused or left
   * open); an exchange that ends normally cancels it.
   */
  synchronized void atDeadline(Runnable action) {
    aborts.add(action);
    timers.add(
        WATCHDOG.schedule(
            () -> {
              breach(GuardException.deadline(limits));
              action.run();
            },
            Math.max(1, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS));
  }

  @Override
  public void close() {
    List<Runnable> now;
    synchronized (this) {
      timers.forEach(t -> t.cancel(false));
      timers.clear();
      now = breach != null ? List.copyOf(aborts) : List.of();
      aborts.clear();
    }
    now.forEach(Runnable::run);
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
    if (onClose != null) {
      onClose.accept(this);
    }
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "wkcheck-deadline-watchdog");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
