package org.wkcheck.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response times, outcomes and body sizes per request name, recorded in the Gatling JVM as the
 * responses arrive (Gatling 3.15 keeps its own statistics in a binary log and writes them only into
 * its HTML). Every response time is kept, so the percentiles are exact; a run is bounded in time,
 * so the memory is too (4 bytes per request).
 */
public final class ResponseStats {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .build();

  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private volatile long first = Long.MAX_VALUE;
  private volatile long last = Long.MIN_VALUE;

  /**
   * Records one request.
   *
   * @param millis its response time, or a negative number when no response came (it then counts as
   *     an error without a time)
   * @param ok whether it met its checks
   * @param bytes the size of the response body, or 0
   */
  public void record(String name, long millis, boolean ok, long bytes) {
    long now = System.currentTimeMillis();
    synchronized (this) {
      if (now < first) {
        first = now - Math.max(0, millis);
      }
      if (now > last) {
        last = now;
      }
    }
    series.computeIfAbsent(name, n -> new Series()).add(millis, ok, bytes);
  }

  /** The statistics of one request name. */
  public record Stats(
      String name,
      long count,
      long errors,
      double requestsPerSecond,
      long p50,
      long p95,
      long p99,
      long max,
      double mean,
      long bytes,
      double bytesPerSecond) {}

  /** Seconds from the first request's start to the last response. */
  public double windowSeconds() {
    return last <= first ? 0 : (last - first) / 1000.0;
  }

  /** The statistics of every request name, by name, plus {@code "all"} over everything. */
  public Map<String, Stats> stats() {
    double window = Math.max(windowSeconds(), 0.001);
    Map<String, Stats> out = new TreeMap<>();
    Series all = new Series();
    for (Map.Entry<String, Series> e : series.entrySet()) {
      Series s = e.getValue().copy();
      out.put(e.getKey(), s.stats(e.getKey(), window));
      all.addAll(s);
    }
    out.put("all", all.stats("all", window));
    return out;
  }

  /** Writes {@link #stats()} as JSON. */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("windowSeconds", windowSeconds());
    ObjectNode requests = root.putObject("requests");
    for (Stats s : stats().values()) {
      requests.set(s.name(), JSON.valueToTree(s));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(root));
  }

  private static final class Series {
    private int[] times = new int[1024];
    private int n;
    private long count;
    private long errors;
    private long bytes;

    synchronized void add(long millis, boolean ok, long size) {
      count++;
      if (!ok) {
        errors++;
      }
      bytes += Math.max(0, size);
      if (millis >= 0) {
        if (n == times.length) {
          times = Arrays.copyOf(times, n * 2);
        }
        times[n++] = (int) Math.min(millis, Integer.MAX_VALUE);
      }
    }

    synchronized Series copy() {
      Series c = new Series();
      c.times = Arrays.copyOf(times, n);
      c.n = n;
      c.count = count;
      c.errors = errors;
      c.bytes = bytes;
      return c;
    }

    void addAll(Series o) {
      if (n + o.n > times.length) {
        times = Arrays.copyOf(times, Math.max(times.length * 2, n + o.n));
      }
      System.arraycopy(o.times, 0, times, n, o.n);
      n += o.n;
      count += o.count;
      errors += o.errors;
      bytes += o.bytes;
    }

    Stats stats(String name, double window) {
      int[] sorted = Arrays.copyOf(times, n);
      Arrays.sort(sorted);
      long sum = 0;
      for (int t : sorted) {
        sum += t;
      }
      return new Stats(
          name,
          count,
          errors,
          count / window,
          percentile(sorted, 50),
          percentile(sorted, 95),
          percentile(sorted, 99),
          n == 0 ? 0 : sorted[n - 1],
          n == 0 ? 0 : (double) sum / n,
          bytes,
          bytes / window);
    }

    /** Nearest rank: the smallest time that at least p percent of the times do not exceed. */
    static long percentile(int[] sorted, double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }
}
