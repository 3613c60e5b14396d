package org.wkcheck.server.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Team;

/**
 * Compound annotations, merged on request and kept for a while, as the document's note says: "The
 * merged annotations are then stored in a cache for a few minutes, but not on disk. [...] newly
 * finished annotations will not be included yet. This cache is shared between this info request and
 * the download request."
 */
final class CompoundCache {
  /** A merged compound annotation and the annotations it was merged from, as they were then. */
  record Entry(
      long mergedAt,
      AnnotationContent merged,
      Dataset dataset,
      Team team,
      List<Annotation> sources,
      String downloadBaseName) {}

  private final long ttlMillis;
  private final ConcurrentHashMap<String, Timed> entries = new ConcurrentHashMap<>();

  private record Timed(long expiresAt, Entry entry) {}

  CompoundCache(Duration ttl) {
    this.ttlMillis = ttl.toMillis();
  }

  Entry get(String key, long now, Supplier<Entry> merge) {
    Timed t = entries.get(key);
    if (t != null && t.expiresAt > now) {
      return t.entry;
    }
    Entry fresh = merge.get();
    if (ttlMillis > 0) {
      entries.put(key, new Timed(now + ttlMillis, fresh));
    }
    return fresh;
  }
}
