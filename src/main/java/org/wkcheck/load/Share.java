package org.wkcheck.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Share {@code index} of {@code count} of a load run: which part of the total load this injector
 * applies and when it starts. Totals are split by cumulative ceilings (as Gatling's own {@code
 * Shard} does), so the shares add up exactly to the total: the arrivals of the hold, the concurrent
 * users and the rate cap.
 *
 * @param index this injector, from 0
 * @param count the injectors of the run
 * @param startAt the planned start (epoch milliseconds), or null to agree on one with the other
 *     injectors through {@code runDir} (each notes when it is ready; all start {@link #MARGIN_MS}
 *     after the last)
 * @param runDir the run's folder that every injector shares (its {@code injectors/<i>/} folders)
 * @param poisson whether the open model's arrivals are a Poisson process (their number then varies
 *     by about its square root); otherwise they are evenly spaced, each injector's offset by its
 *     index's fraction of the gap, so the injectors' arrivals interleave evenly and their number is
 *     exactly the plan, as one injector at the total rate would send them
 */
public record Share(int index, int count, Long startAt, Path runDir, boolean poisson) {

  /** How long after the last injector got ready they all start, when no start was given. */
  public static final long MARGIN_MS = 3000;

  /** The system property prefix of a share. */
  static final String PREFIX = LoadSettings.PREFIX + "injector.";

  public Share {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "injector " + index + " of " + count + ": the index must be from 0 to count - 1");
    }
  }

  /** The folder of injector {@code i} of the run in {@code runDir}. */
  public static Path folder(Path runDir, int i) {
    return runDir.resolve("injectors").resolve(Integer.toString(i));
  }

  /** This injector's folder. */
  public Path folder() {
    return folder(runDir, index);
  }

  /** The part {@code index} of {@code total} split into {@code count} (cumulative ceilings). */
  public static long part(long total, int index, int count) {
    return ceilDiv(total * (index + 1), count) - ceilDiv(total * index, count);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /**
   * This injector's settings from the run's total: its part of the arrivals of the hold (the rate
   * times the hold, rounded to whole journeys) as its rate, its part of the users and of the rate
   * cap, its own folder and id.
   */
  public LoadSettings of(LoadSettings total) {
    Double rate = null;
    Integer users = null;
    if (total.rate() != null) {
      long arrivals = Math.round(total.rate() * total.durationSeconds());
      rate = part(arrivals, index, count) / (double) total.durationSeconds();
    } else {
      users = (int) part(total.users(), index, count);
    }
    int maxRps = (int) Math.max(1, part(total.maxRps(), index, count));
    return total
        .withModel(rate, users)
        .withCap(maxRps)
        .forInjector(folder(), total.runId() + "-" + index, setupManifest(runDir).toString());
  }

  /** The run's id, from the id {@link #of} gave this injector's settings. */
  public String runId(String injectorRunId) {
    String suffix = "-" + index;
    return injectorRunId.endsWith(suffix)
        ? injectorRunId.substring(0, injectorRunId.length() - suffix.length())
        : injectorRunId;
  }

  /**
   * What keeps the total from being shared by this many injectors, or null: each needs at least one
   * journey of the hold (or one user) and one request/s of the cap.
   */
  public static String problem(LoadSettings total, int count) {
    long parts =
        total.rate() != null
            ? Math.round(total.rate() * total.durationSeconds())
            : total.users() == null ? 0 : total.users();
    if (parts < count) {
      return total.rate() != null
          ? String.format(
              java.util.Locale.ROOT,
              "%d injectors need at least %d journeys in the hold; %.2f journeys/s for %d s are %d",
              count,
              count,
              total.rate(),
              total.durationSeconds(),
              parts)
          : count + " injectors need at least " + count + " users, not " + parts;
    }
    if (total.maxRps() < count) {
      return count + " injectors need a rate cap of at least " + count + " requests/s";
    }
    return null;
  }

  /**
   * With evenly spaced arrivals at {@code rate} journeys/s: how long this injector waits before its
   * first arrival, so that the injectors' arrivals interleave (seconds).
   */
  public double offsetSeconds(double rate) {
    return poisson || count == 1 ? 0 : index / (count * rate);
  }

  /** The set-up manifest the prepare step writes into the run's folder. */
  public static Path setupManifest(Path runDir) {
    return runDir.toAbsolutePath().resolve(LoadSettings.SETUP_MANIFEST);
  }

  /** The share as {@code wkcheck.injector.*} system properties for the injector's Gatling JVM. */
  public Map<String, String> toProperties() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PREFIX + "index", Integer.toString(index));
    m.put(PREFIX + "count", Integer.toString(count));
    if (startAt != null) {
      m.put(PREFIX + "startAt", startAt.toString());
    }
    m.put(PREFIX + "poisson", Boolean.toString(poisson));
    m.put(PREFIX + "runDir", runDir.toAbsolutePath().toString());
    return m;
  }

  /** The share the properties describe, or null when the JVM runs a whole run (no share). */
  public static Share fromProperties(Function<String, String> property) {
    String index = property.apply(PREFIX + "index");
    if (index == null) {
      return null;
    }
    String start = property.apply(PREFIX + "startAt");
    try {
      return new Share(
          Integer.parseInt(index.trim()),
          Integer.parseInt(property.apply(PREFIX + "count").trim()),
          start == null ? null : Long.valueOf(start.trim()),
          Path.of(property.apply(PREFIX + "runDir")),
          Boolean.parseBoolean(property.apply(PREFIX + "poisson")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the injector's share is not valid: " + e.getMessage(), e);
    }
  }
}
