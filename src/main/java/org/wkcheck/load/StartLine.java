package org.wkcheck.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How the injectors of a run start together: at a start given to all of them, or, without one, at a
 * start they agree on through the folder they share: each notes in {@code injectors/<i>/ready} when
 * it is ready (its set-up read, its JVM warm), waits until all are, and all start {@link
 * Share#MARGIN_MS} after the last one got ready. Every injector computes the same instant from the
 * same files. The wait is done inside the injector, after its start-up (where Gatling builds the
 * scenario's first action), so JVM and Gatling start-up times do not skew the start.
 */
public final class StartLine {
  /** How long an injector waits for the set-up and for the others at most. */
  public static final long WAIT_MS = 600_000;

  private static final String READY = "ready";

  private StartLine() {}

  /**
   * Waits until the file exists (the prepare step may still run), at most {@link #WAIT_MS}.
   *
   * @throws IllegalStateException when it does not appear in time
   */
  public static void awaitFile(Path file, long waitMs) throws InterruptedException {
    long until = System.currentTimeMillis() + waitMs;
    while (!Files.isRegularFile(file)) {
      if (System.currentTimeMillis() > until) {
        throw new IllegalStateException(
            file + " did not appear within " + waitMs / 1000 + " s (did the prepare step run?)");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Notes that this injector is ready, waits until every injector is, and answers the start they
   * agree on (epoch milliseconds): the one given, or {@link Share#MARGIN_MS} after the last got
   * ready.
   *
   * @throws IllegalStateException when the other injectors are not ready within {@code waitMs}
   */
  public static long agree(Share share, long waitMs) throws InterruptedException, IOException {
    if (share.startAt() != null) {
      return share.startAt();
    }
    Path mine = share.folder().resolve(READY);
    Files.createDirectories(share.folder());
    Path tmp = share.folder().resolve(READY + ".tmp");
    Files.writeString(tmp, Long.toString(System.currentTimeMillis()));
    Files.move(tmp, mine, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    long until = System.currentTimeMillis() + waitMs;
    OptionalLong last;
    while ((last = lastReady(share)).isEmpty()) {
      if (System.currentTimeMillis() > until) {
        throw new IllegalStateException(
            "only "
                + readyCount(share)
                + " of "
                + share.count()
                + " injectors were ready within "
                + waitMs / 1000
                + " s");
      }
      Thread.sleep(20);
    }
    return last.getAsLong() + Share.MARGIN_MS;
  }

  /** Sleeps until the instant (epoch milliseconds). */
  public static void sleepUntil(long instant) throws InterruptedException {
    long wait;
    while ((wait = instant - System.currentTimeMillis()) > 0) {
      Thread.sleep(Math.min(wait, 1000));
    }
  }

  /** The time the last injector got ready, once all are. */
  private static OptionalLong lastReady(Share share) throws IOException {
    long last = Long.MIN_VALUE;
    for (int i = 0; i < share.count(); i++) {
      Path f = Share.folder(share.runDir(), i).resolve(READY);
      if (!Files.isRegularFile(f)) {
        return OptionalLong.empty();
      }
      try {
        last = Math.max(last, Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim()));
      } catch (NumberFormatException e) {
        throw new IOException(f + " does not hold a time", e);
      }
    }
    return OptionalLong.of(last);
  }

  private static int readyCount(Share share) {
    int n = 0;
    for (int i = 0; i < share.count(); i++) {
      if (Files.isRegularFile(Share.folder(share.runDir(), i).resolve(READY))) {
        n++;
      }
    }
    return n;
  }
}
