package org.wkcheck.load.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.record.Interval;
import org.wkcheck.load.record.Latencies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of a capacity search as measured in its hold window (the settle seconds after the load
 * started are left out), and its verdict: a step passes only if the objectives hold on its own
 * measurements, no request failed beyond the error objective, every correctness check held, no
 * journey was dropped, the journeys completed as fast as they arrived and the number in flight did
 * not grow (Little's law: a growing queue is over capacity while the window's percentiles may still
 * look fine). When the generator sent less than 99 % of the planned arrivals, the step cannot pass:
 * it is invalid (the generator, not the target, was the limit) unless the target failed even on
 * what it was sent, with at least 95 % of the plan, or broke a correctness check.
 *
 * @param plannedRate journeys per second planned
 * @param achievedRate journeys per second that arrived (started or dropped)
 * @param completionRate journeys per second that ended
 * @param requestsPerSecond requests answered (or failed) per second
 * @param errorPercent failed requests in percent of all
 * @param inFlightSlope the growth of the journeys in flight, per second (least squares)
 * @param generatorCores the CPU the load generator used (cores; -1 unknown)
 */
public record StepResult(
    double plannedRate,
    double achievedRate,
    double completionRate,
    double requestsPerSecond,
    long requests,
    double errorPercent,
    long p50,
    long p95,
    long p99,
    long p999,
    long max,
    double inFlightSlope,
    long dropped,
    double generatorCores,
    double holdSeconds,
    long windowStart,
    long windowEnd,
    Verdict verdict,
    List<String> reasons,
    List<String> limits) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The achieved share of the planned arrivals below which a step is invalid. */
  public static final double MIN_ACHIEVED = 0.99;

  /**
   * The achieved share of the plan down to which a step that fell short still fails when the target
   * failed on what it was sent: a target that cannot hold 95 % of a rate cannot hold the rate.
   * Below it, the generator was too far off the plan (and perhaps too busy to measure) to judge.
   */
  static final double MIN_ACHIEVED_TO_FAIL = 0.95;

  /** Journeys the window's edges may cut from the planned arrivals without the step being short. */
  static final int EDGE_JOURNEYS = 2;

  /**
   * The growth of the journeys in flight, per second and in parts of the planned rate, above which
   * a queue builds: 1 %, as the achieved rate may fall 1 % short. A server 1.5 % over its capacity
   * passed two steps of 10 s at 2 % (its queue grew 9 a second at 609/s against 600/s).
   */
  public static final double MAX_QUEUE_GROWTH = 0.01;

  /** The objectives a step is judged by: p95 and p99 below these, errors at most this share. */
  public record Objectives(int p95Ms, int p99Ms, double maxErrorPercent) {}

  /** Judges the step whose run folder is {@code dir}. */
  public static StepResult judge(
      Path dir, double plannedRate, int settleSeconds, Objectives o, int maxRps)
      throws IOException {
    List<Interval> all = Interval.read(dir.resolve(Interval.FILE));
    int firstLoad = -1;
    int lastLoad = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).arrivals() > 0) {
        firstLoad = firstLoad < 0 ? i : firstLoad;
        lastLoad = i;
      }
    }
    List<String> reasons = new ArrayList<>();
    List<String> limits = new ArrayList<>();
    if (firstLoad < 0) {
      return invalid(plannedRate, "no journey arrived: the load generator sent nothing");
    }
    long loadStart = start(all.get(firstLoad));
    // the last interval with arrivals is cut short by the end of the injection
    long loadEnd = start(all.get(lastLoad));
    // a step split over injectors is held while every injector is loading: one that started late
    // (a busy machine) would otherwise count as a generator falling short
    for (List<Interval> injector : injectorIntervals(dir)) {
      long first = -1;
      long last = -1;
      for (Interval i : injector) {
        if (i.arrivals() > 0) {
          first = first < 0 ? start(i) : first;
          last = start(i);
        }
      }
      if (first >= 0) {
        loadStart = Math.max(loadStart, first);
        loadEnd = Math.min(loadEnd, last);
      }
    }
    long holdStart = loadStart + settleSeconds * 1000L;
    List<Interval> hold = new ArrayList<>();
    for (int i = firstLoad; i < lastLoad; i++) {
      if (start(all.get(i)) >= holdStart - 50 && all.get(i).end() <= loadEnd + 50) {
        hold.add(all.get(i));
      }
    }
    if (hold.isEmpty()) {
      hold.addAll(all.subList(firstLoad, lastLoad + 1));
    }
    double seconds = hold.stream().mapToDouble(Interval::seconds).sum();
    long arrivals = hold.stream().mapToLong(Interval::arrivals).sum();
    long completed = hold.stream().mapToLong(Interval::completed).sum();
    long answered = hold.stream().mapToLong(Interval::answered).sum();
    long errors = hold.stream().mapToLong(Interval::errors).sum();
    long dropped = all.stream().mapToLong(Interval::dropped).sum();
    double cpu =
        hold.stream().mapToDouble(Interval::cpuCores).filter(c -> c >= 0).average().orElse(-1);
    long windowStart = hold.get(0).end() - Math.round(hold.get(0).seconds() * 1000);
    long windowEnd = hold.get(hold.size() - 1).end();
    Histogram times = latencies(dir.resolve(LoadRun.LATENCY_LOG), windowStart, windowEnd);
    double achieved = arrivals / seconds;
    double errorPercent = answered == 0 ? 0 : 100.0 * errors / answered;
    double slope = slope(hold);
    long p95 = Latencies.percentile(times, 95);
    long p99 = Latencies.percentile(times, 99);
    // the window's edges cut a journey or two; a short step at a low rate is not short for that
    boolean shortOfPlan =
        achieved < MIN_ACHIEVED * plannedRate && plannedRate * seconds - arrivals > EDGE_JOURNEYS;

    // what the target did, judged whatever the generator managed to send
    latency("p95", p95, o.p95Ms(), reasons, limits);
    latency("p99", p99, o.p99Ms(), reasons, limits);
    fail(
        errorPercent > o.maxErrorPercent(),
        "errors",
        String.format(
            Locale.ROOT,
            "%.2f %% of the requests failed (at most %.2f %%)",
            errorPercent,
            o.maxErrorPercent()),
        reasons,
        limits);
    fail(
        dropped > 0,
        "queue",
        dropped + " journeys dropped: too many were in flight",
        reasons,
        limits);
    double threshold = Math.max(1.0, MAX_QUEUE_GROWTH * plannedRate);
    fail(
        slope > threshold,
        "queue",
        String.format(
            Locale.ROOT,
            "the journeys in flight grew by %.1f per second (a queue builds up; at most %.1f)",
            slope,
            threshold),
        reasons,
        limits);
    fail(
        arrivals > 0 && completed < 0.97 * arrivals && slope > 0,
        "throughput",
        String.format(
            Locale.ROOT,
            "%.1f journeys/s completed of %.1f arriving",
            completed / seconds,
            achieved),
        reasons,
        limits);
    correctness(dir, reasons, limits);
    Verdict verdict;
    if (shortOfPlan && dropped == 0 && answered / seconds >= 0.97 * maxRps) {
      String capped =
          String.format(
              Locale.ROOT,
              "%.1f journeys/s of the %.1f planned: the requests reached the rate cap of %d/s",
              achieved,
              plannedRate,
              maxRps);
      if (limits.contains("correctness")) {
        reasons.add(capped);
        verdict = Verdict.FAIL;
      } else {
        // the cap queues requests in the generator: the latencies and the queue are not the
        // target's
        reasons.clear();
        limits.clear();
        reasons.add(capped);
        limits.add("rate-cap");
        verdict = Verdict.INVALID;
      }
    } else if (shortOfPlan && dropped == 0) {
      String shortfall =
          String.format(
              Locale.ROOT,
              "the load generator sent %.1f journeys/s of the %.1f planned (%.1f %%)",
              achieved,
              plannedRate,
              100 * achieved / plannedRate);
      if (failsAnyway(limits, achieved / plannedRate)) {
        reasons.add(shortfall + ": the target failed even at that lower load");
        verdict = Verdict.FAIL;
      } else {
        reasons.clear();
        limits.clear();
        reasons.add(shortfall + ": the generator, not the target, was the limit");
        limits.add("generator");
        verdict = Verdict.INVALID;
      }
    } else {
      verdict = limits.isEmpty() ? Verdict.PASS : Verdict.FAIL;
    }
    return new StepResult(
        plannedRate,
        achieved,
        completed / seconds,
        answered / seconds,
        answered,
        errorPercent,
        Latencies.percentile(times, 50),
        p95,
        p99,
        Latencies.percentile(times, 99.9),
        times.getTotalCount() == 0 ? 0 : times.getMaxValue(),
        slope,
        dropped,
        cpu,
        seconds,
        windowStart,
        windowEnd,
        verdict,
        List.copyOf(reasons),
        List.copyOf(limits));
  }

  /** A step that measured nothing of the target: the load generator failed, for this reason. */
  public static StepResult invalid(double plannedRate, String why) {
    return new StepResult(
        plannedRate,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        -1,
        0,
        0,
        0,
        Verdict.INVALID,
        List.of(why),
        List.of("generator"));
  }

  /**
   * Whether a step whose generator fell short of the plan still fails: a correctness failure always
   * does (a wrong answer is wrong at any rate); a target-side limit (objectives, errors, queue,
   * throughput) does when the generator sent at least {@link #MIN_ACHIEVED_TO_FAIL} of the plan.
   */
  static boolean failsAnyway(List<String> targetLimits, double achievedShare) {
    return targetLimits.contains("correctness")
        || (!targetLimits.isEmpty() && achievedShare >= MIN_ACHIEVED_TO_FAIL);
  }

  /** A latency objective: the percentile must stay below its bound. */
  private static void latency(
      String percentile, long ms, int bound, List<String> reasons, List<String> limits) {
    fail(
        ms >= bound,
        percentile,
        percentile + " " + ms + " ms, not below " + bound + " ms",
        reasons,
        limits);
  }

  private static void fail(
      boolean failed, String limit, String why, List<String> reasons, List<String> limits) {
    if (failed) {
      reasons.add(why);
      if (!limits.contains(limit)) {
        limits.add(limit);
      }
    }
  }

  /** The run's correctness checks and early stop: any failure fails the step, with its reason. */
  private static void correctness(Path dir, List<String> reasons, List<String> limits)
      throws IOException {
    Path file = dir.resolve("correctness.json");
    if (!Files.isRegularFile(file)) {
      fail(true, "correctness", "the step recorded no correctness checks", reasons, limits);
      return;
    }
    JsonNode c = JSON.readTree(Files.readString(file));
    for (var e : c.path("checks").properties()) {
      long failed = e.getValue().path("failed").asLong();
      if (failed > 0) {
        JsonNode ex = e.getValue().path("examples");
        fail(
            true,
            "correctness",
            e.getKey()
                + " failed "
                + failed
                + " times"
                + (ex.isEmpty() ? "" : " (" + ex.get(0).asString() + ")"),
            reasons,
            limits);
      }
    }
    if (c.hasNonNull("setupProblem")) {
      fail(
          true,
          "correctness",
          "set-up failed: " + c.path("setupProblem").asString(),
          reasons,
          limits);
    }
    if (c.hasNonNull("stoppedEarly")) {
      fail(true, "errors", "stopped early: " + c.path("stoppedEarly").asString(), reasons, limits);
    }
  }

  /** The response times of every request name and outcome logged within the window. */
  /** When an interval began (epoch milliseconds). */
  private static long start(Interval i) {
    return i.end() - Math.round(i.seconds() * 1000);
  }

  /** The intervals of each injector of a step split over injectors (none for a single one). */
  private static List<List<Interval>> injectorIntervals(Path dir) throws IOException {
    List<List<Interval>> out = new ArrayList<>();
    Path injectors = dir.resolve("injectors");
    if (!Files.isDirectory(injectors)) {
      return out;
    }
    try (var list = Files.list(injectors)) {
      for (Path f : list.sorted().toList()) {
        if (Files.isRegularFile(f.resolve(Interval.FILE))) {
          out.add(Interval.read(f.resolve(Interval.FILE)));
        }
      }
    }
    return out;
  }

  public static Histogram latencies(Path log, long from, long to) throws IOException {
    Histogram h = Latencies.histogram();
    if (!Files.isRegularFile(log)) {
      return h;
    }
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    for (var e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
      if (e.getStartTimeStamp() >= from - 50 && e.getEndTimeStamp() <= to + 50) {
        h.add((Histogram) e);
      }
    }
    return h;
  }

  /** Least-squares slope of the journeys in flight against time, per second. */
  static double slope(List<Interval> hold) {
    int n = hold.size();
    if (n < 2) {
      return 0;
    }
    double t0 = hold.get(0).end();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Interval i : hold) {
      double x = (i.end() - t0) / 1000.0;
      double y = i.inFlight();
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double d = n * sxx - sx * sx;
    return d == 0 ? 0 : (n * sxy - sx * sy) / d;
  }
}
