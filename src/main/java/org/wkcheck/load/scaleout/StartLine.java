package org.wkcheck.load.scaleout;

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
 * same files. The wait is done inside the injector, after its start-up, so JVM start-up times do
 * not skew the start.
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
   * Notes that this injector is ready, waits for the start, and answers the planned start (epoch
   * milliseconds). Gatling then needs a few hundred milliseconds to build its HTTP engine and
   * inject the first journey, a time that differs by up to about 0.3 s between JVMs starting at
   * once on two cores; the merge reports the spread of the first arrivals.
   *
   * @throws IllegalStateException when the other injectors are not ready within {@code waitMs}
   */
  public static long await(Share share, long waitMs) throws InterruptedException, IOException {
    long planned;
    if (share.startAt() != null) {
      planned = share.startAt();
    } else {
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
      planned = last.getAsLong() + Share.MARGIN_MS;
    }
    long wait;
    while ((wait = planned - System.currentTimeMillis()) > 0) {
      Thread.sleep(Math.min(wait, 1000));
    }
    return planned;
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
