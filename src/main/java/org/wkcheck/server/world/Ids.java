package org.wkcheck.server.world;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Identifiers in webKnossos' forms: 24-hex ObjectIds for entities, UUIDs for tracings. */
public final class Ids {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");
  private static final AtomicLong COUNTER = new AtomicLong();

  private Ids() {}

  /**
   * A new ObjectId: seconds since the epoch then a process-wide counter, so ids are unique and sort
   * by creation, like MongoDB ObjectIds do.
   */
  public static String newObjectId() {
    long seconds = System.currentTimeMillis() / 1000L;
    return String.format("%08x%016x", seconds & 0xffffffffL, COUNTER.incrementAndGet());
  }

  public static String newTracingId() {
    return UUID.randomUUID().toString();
  }

  public static boolean isObjectId(String s) {
    return s != null && OBJECT_ID.matcher(s).matches();
  }
}
