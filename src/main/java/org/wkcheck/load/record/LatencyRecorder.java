package org.wkcheck.load.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response times, outcomes and body sizes per request name, recorded in the load generator as the
 * answers arrive: each request name and outcome ({@code ok}, {@code ko}) has an HdrHistogram of the
 * current interval; {@link #tick} (each second) moves what was recorded since the last tick into
 * the interval log (one tagged histogram per name and outcome, {@code name|ok}) and into the run's
 * totals. Memory is bounded by the number of request names, not by the length of the run.
 */
public final class LatencyRecorder {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .build();

  /**
   * The statistics of one request name.
   *
   * @param failures the failed requests by what went wrong ({@code status 500}, {@code no answer},
   *     ...), empty when none failed
   */
  public record RequestStats(
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
      double bytesPerSecond,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
          Map<String, Long> failures) {}

  /**
   * The most kinds of failure kept per request name; further kinds are counted as {@value
   * #OTHER_FAILURES}, so that a server answering with ever new statuses cannot grow the recorder.
   */
  public static final int MAX_FAILURE_KINDS = 16;

  /** Where failures beyond {@link #MAX_FAILURE_KINDS} kinds are counted. */
  public static final String OTHER_FAILURES = "other failures";

  /** How a request failed when nothing more is known. */
  public static final String FAILED = "failed";

  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private volatile long first = Long.MAX_VALUE;
  private volatile long last = Long.MIN_VALUE;
  private HistogramLogWriter log;
  private OutputStream logFile;
  private long intervalStart = System.currentTimeMillis();
  private java.io.BufferedWriter raw;

  /**
   * Also writes every recorded time to {@code file} as it comes ({@code name<TAB>millis<TAB>ok}):
   * the raw data the tests compare the histograms with. Not for normal runs.
   */
  public synchronized void rawTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    raw = Files.newBufferedWriter(file);
  }

  /** Writes each interval's histograms to {@code file} from now on (an HdrHistogram log). */
  public synchronized void logTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    logFile = Files.newOutputStream(file);
    log = new HistogramLogWriter(logFile);
    log.outputLogFormatVersion();
    intervalStart = System.currentTimeMillis();
    log.outputStartTime(intervalStart);
    log.setBaseTime(intervalStart);
    log.outputLegend();
  }

  /**
   * Records one request.
   *
   * @param millis its response time, or a negative number when no response came (it then counts as
   *     an error without a time)
   * @param ok whether it met its checks
   * @param bytes the size of the response body, or 0
   */
  public void record(String name, long millis, boolean ok, long bytes) {
    record(name, millis, ok ? null : FAILED, bytes);
  }

  /**
   * Records one request.
   *
   * @param millis its response time, or a negative number when no response came (it then counts as
   *     an error without a time)
   * @param failure what went wrong (counted per kind), or null when it met its checks
   * @param bytes the size of the response body, or 0
   */
  public void record(String name, long millis, String failure, long bytes) {
    boolean ok = failure == null;
    long now = System.currentTimeMillis();
    synchronized (this) {
      if (now - Math.max(0, millis) < first) {
        first = now - Math.max(0, millis);
      }
      if (now > last) {
        last = now;
      }
    }
    series.computeIfAbsent(name, Series::new).add(millis, failure, bytes);
    if (raw != null) {
      writeRaw(name, millis, ok);
    }
  }

  private synchronized void writeRaw(String name, long millis, boolean ok) {
    try {
      if (raw != null) {
        raw.write(name + "\t" + millis + "\t" + ok + "\n");
      }
    } catch (IOException e) {
      raw = null;
    }
  }

  /**
   * Ends the current interval: what was recorded since the last tick goes into the interval log
   * (when there is one) and the totals.
   */
  public synchronized void tick() {
    tick(System.currentTimeMillis());
  }

  /** {@link #tick()} at a given time (epoch milliseconds), to align with other counters. */
  public synchronized void tick(long now) {
    for (Series s : series.values()) {
      s.ok.interval(Latencies.tag(s.name, true), intervalStart, now, log);
      s.ko.interval(Latencies.tag(s.name, false), intervalStart, now, log);
    }
    intervalStart = now;
    if (logFile != null) {
      try {
        logFile.flush();
      } catch (IOException e) {
        // the totals are kept; the interval log is best effort
      }
    }
  }

  /** Ends the last interval and closes the interval log. */
  public synchronized void close() {
    tick();
    if (log != null) {
      log.close();
      log = null;
      logFile = null;
    }
    if (raw != null) {
      try {
        raw.close();
      } catch (IOException e) {
        // the times written so far stay
      }
      raw = null;
    }
  }

  /** Requests recorded so far, and how many of them failed: {@code {count, errors}}. */
  public long[] totals() {
    long count = 0;
    long errors = 0;
    for (Series s : series.values()) {
      count += s.count.get();
      errors += s.errors.get();
    }
    return new long[] {count, errors};
  }

  /** Seconds from the first request's start to the last response. */
  public double windowSeconds() {
    return last <= first ? 0 : (last - first) / 1000.0;
  }

  /**
   * The statistics of every request name, by name, plus {@code "all"} over everything, as of the
   * last {@link #tick}.
   */
  public synchronized Map<String, RequestStats> stats() {
    double window = Math.max(windowSeconds(), 0.001);
    Map<String, RequestStats> out = new TreeMap<>();
    Histogram allTimes = Latencies.histogram();
    long count = 0;
    long errors = 0;
    long bytes = 0;
    Map<String, Long> allFailures = new TreeMap<>();
    for (Series s : series.values()) {
      Histogram times = s.times();
      Map<String, Long> failures = s.failures();
      out.put(
          s.name,
          stats(s.name, times, s.count.get(), s.errors.get(), s.bytes.get(), window, failures));
      failures.forEach((k, v) -> allFailures.merge(k, v, Long::sum));
      allTimes.add(times);
      count += s.count.get();
      errors += s.errors.get();
      bytes += s.bytes.get();
    }
    out.put("all", stats("all", allTimes, count, errors, bytes, window, allFailures));
    return out;
  }

  /**
   * A request name's statistics from its response times (both outcomes), counters and failures by
   * kind, over a window of {@code window} seconds.
   */
  public static RequestStats stats(
      String name,
      Histogram times,
      long count,
      long errors,
      long bytes,
      double window,
      Map<String, Long> failures) {
    boolean any = times.getTotalCount() > 0;
    return new RequestStats(
        name,
        count,
        errors,
        count / window,
        Latencies.percentile(times, 50),
        Latencies.percentile(times, 95),
        Latencies.percentile(times, 99),
        any ? times.getMaxValue() : 0,
        any ? times.getMean() : 0,
        bytes,
        bytes / window,
        new TreeMap<>(failures));
  }

  /** Writes {@link #stats()} as JSON. */
  public void write(Path file) throws IOException {
    long from;
    long to;
    synchronized (this) {
      from = first;
      to = last;
    }
    write(file, stats(), windowSeconds(), to < from ? 0 : from, to < from ? 0 : to);
  }

  /**
   * Writes statistics as {@code stats.json}: the window (seconds, and its first request's start and
   * last answer in epoch milliseconds, 0 when nothing was recorded) and each request name's
   * figures.
   */
  public static void write(
      Path file, Map<String, RequestStats> stats, double windowSeconds, long first, long last)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("windowSeconds", windowSeconds);
    root.put("firstMillis", first);
    root.put("lastMillis", last);
    ObjectNode requests = root.putObject("requests");
    for (RequestStats s : stats.values()) {
      requests.set(s.name(), JSON.valueToTree(s));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(root));
  }

  /** One request name: its two outcomes' recorders and totals, and its counters. */
  private static final class Series {
    final String name;
    final Outcome ok = new Outcome();
    final Outcome ko = new Outcome();
    final AtomicLong count = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    Series(String name) {
      this.name = name;
    }

    void add(long millis, String failure, long size) {
      boolean success = failure == null;
      count.incrementAndGet();
      if (!success) {
        errors.incrementAndGet();
        AtomicLong kind = failures.get(failure);
        if (kind == null) {
          synchronized (failures) {
            kind =
                failures.computeIfAbsent(
                    failures.size() < MAX_FAILURE_KINDS ? failure : OTHER_FAILURES,
                    k -> new AtomicLong());
          }
        }
        kind.incrementAndGet();
      }
      bytes.addAndGet(Math.max(0, size));
      if (millis >= 0) {
        (success ? ok : ko).record(millis);
      }
    }

    /** The failures so far by kind. */
    Map<String, Long> failures() {
      Map<String, Long> out = new TreeMap<>();
      failures.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }

    /** Every response time of the name so far (both outcomes). */
    Histogram times() {
      Histogram h = ok.total.copy();
      h.add(ko.total);
      return h;
    }
  }

  /**
   * One outcome's histogram of the current interval and its total so far. The interval's histogram
   * is a plain {@code PackedHistogram} behind a lock, not HdrHistogram's {@code Recorder}: the
   * packed concurrent histogram that a packed {@code Recorder} records into can spin for ever while
   * it resizes under concurrent writers (HdrHistogram 2.2.2; a load step froze Gatling's event
   * loops with it, and a stress run of four writers hung within 200 values). A lock held for one
   * increment costs next to nothing at the rates one load generator reaches.
   */
  private static final class Outcome {
    final Histogram total = Latencies.histogram();
    private Histogram current = Latencies.histogram();
    private Histogram spare = Latencies.histogram();

    synchronized void record(long millis) {
      current.recordValue(millis);
    }

    /** The interval so far, swapped for an empty one. */
    private synchronized Histogram swap() {
      Histogram h = current;
      spare.reset();
      current = spare;
      spare = h;
      return h;
    }

    void interval(String tag, long start, long end, HistogramLogWriter log) {
      Histogram h = swap();
      if (h.getTotalCount() > 0) {
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(end);
        h.setTag(tag);
        if (log != null) {
          // timestamps in seconds since the log's base time, the maximum in seconds
          log.outputIntervalHistogram(
              (start - log.getBaseTime()) / 1000.0, (end - log.getBaseTime()) / 1000.0, h, 1000.0);
        }
        total.add(h);
      }
    }
  }
}
