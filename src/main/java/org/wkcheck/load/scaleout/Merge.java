package org.wkcheck.load.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.wkcheck.load.Correctness;
import org.wkcheck.load.InjectorManifest;
import org.wkcheck.load.LoadCleanup;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSetup;
import org.wkcheck.load.LoadSummary;
import org.wkcheck.load.Share;
import org.wkcheck.load.WholeRunChecks;
import org.wkcheck.load.record.Interval;
import org.wkcheck.load.record.Latencies;
import org.wkcheck.load.record.LatencyRecorder;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the injectors of a scaled-out run together, exactly: the response-time histograms of every
 * injector are added per request name (HdrHistograms with the same settings everywhere, so the
 * merged percentiles are those of all the run's response times), the counters and the correctness
 * records are summed, and the objectives and the correctness checks are judged on the merged data
 * only: ids unique across all injectors, every created task read back, the increments of every
 * injector adding up, the injectors' arrivals adding up to the plan. Writes the run's {@code
 * stats.json}, {@code correctness.json}, {@code summary.json} and {@code summary.md}, as a single
 * run does, plus a table of the injectors.
 *
 * <p>The checks on the target (read-backs, increments) and the clean-up are made once, by the merge
 * that can reach the target; their outcome is kept in {@code whole-run.json}, so a later merge of
 * the same folders (without the target) gives the same summary.
 */
public final class Merge {
  /** The outcome of the checks on the target after the run and of the clean-up. */
  public static final String WHOLE_RUN = "whole-run.json";

  /** How a Gatling JVM of a local injector ended ({@code outcome.json} in its folder). */
  public static final String OUTCOME = "outcome.json";

  /**
   * Injectors whose actual starts lie further apart than this did not apply their shares at once.
   */
  static final long MAX_START_SPREAD_MS = 1000;

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int EXAMPLES = 5;

  /** The target as the merge reaches it for the checks after the run and the clean-up. */
  public record Reach(String token, TargetWorld world) {}

  /** One injector's results as found in its folder. */
  private record Injector(
      int index,
      Path folder,
      InjectorManifest manifest,
      JsonNode stats,
      JsonNode correctness,
      JsonNode outcome) {}

  private final Path runDir;
  private final RunPlan plan;
  private final LoadSettings total;
  private final List<Injector> injectors = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  private Merge(Path runDir) throws IOException {
    this.runDir = runDir;
    this.plan = RunPlan.read(runDir);
    this.total = plan.total(runDir);
  }

  /**
   * Merges the run in {@code runDir}.
   *
   * @param reach how to reach the target for the checks after the run and the clean-up, or null to
   *     use what an earlier merge found ({@link #WHOLE_RUN})
   */
  public static LoadSummary run(Path runDir, Reach reach, Consumer<String> progress)
      throws IOException {
    Merge m = new Merge(runDir);
    m.readInjectors();
    Map<String, String> created = m.createdTasks();
    ObjectNode correctness = m.mergedCorrectness(created);
    List<String> left = m.wholeRun(reach, created, correctness, progress);
    m.writeStats();
    m.writeIntervals();
    Files.writeString(runDir.resolve("correctness.json"), JSON.writeValueAsString(correctness));
    LoadSummary summary =
        LoadSummary.build(
            m.plan.simulation(), m.total, m.plan.embeddedServer(), m.judge(), m.ending(), left);
    summary.scaledOut(m.injectorTable(), m.injection(), m.reasons);
    summary.write(runDir);
    return summary;
  }

  private void readInjectors() throws IOException {
    for (int i = 0; i < plan.injectors(); i++) {
      Path f = Share.folder(runDir, i);
      if (!Files.isRegularFile(f.resolve(InjectorManifest.FILE))) {
        reasons.add("injector " + i + " left no results (" + f + " has no manifest)");
        continue;
      }
      InjectorManifest m = InjectorManifest.read(f);
      if (m.index() != i || m.count() != plan.injectors()) {
        throw new IOException(
            f + " holds the manifest of injector " + m.index() + " of " + m.count());
      }
      if (m.finishedAt() == null) {
        reasons.add("injector " + i + " did not finish (its manifest has no end)");
      }
      injectors.add(
          new Injector(
              i,
              f,
              m,
              read(f.resolve("stats.json")),
              read(f.resolve("correctness.json")),
              read(f.resolve(OUTCOME))));
    }
  }

  /** The tasks every injector created, by id with their project. */
  private Map<String, String> createdTasks() throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    createdByInjector().values().forEach(all::putAll);
    return all;
  }

  private Map<Integer, Map<String, String>> createdByInjector() throws IOException {
    Map<Integer, Map<String, String>> out = new TreeMap<>();
    for (Injector in : injectors) {
      Map<String, String> mine = new LinkedHashMap<>();
      Path f = in.folder().resolve(InjectorManifest.CREATED_TASKS);
      if (Files.isRegularFile(f)) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            mine.put(line.substring(0, tab), line.substring(tab + 1));
          }
        }
      }
      out.put(in.index(), mine);
    }
    return out;
  }

  /** The injectors' correctness records added up, and the ids compared across injectors. */
  private ObjectNode mergedCorrectness(Map<String, String> created) throws IOException {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, long[]> validation = new TreeMap<>();
    Map<String, List<String>> examples = new HashMap<>();
    long skipped = 0;
    long dropped = 0;
    String stopped = null;
    String setupProblem = null;
    for (Injector in : injectors) {
      JsonNode c = in.correctness();
      if (c == null) {
        reasons.add("injector " + in.index() + " recorded no correctness checks");
        continue;
      }
      for (var e : c.path("checks").properties()) {
        long[] n = counts.computeIfAbsent(e.getKey(), k -> new long[2]);
        n[0] += e.getValue().path("checked").asLong();
        n[1] += e.getValue().path("failed").asLong();
        List<String> ex = examples.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        for (JsonNode x : e.getValue().path("examples")) {
          if (ex.size() < EXAMPLES) {
            ex.add("injector " + in.index() + ": " + x.asString());
          }
        }
      }
      for (var e : c.path("validation").properties()) {
        long[] n = validation.computeIfAbsent(e.getKey(), k -> new long[3]);
        n[0] += e.getValue().path("responses").asLong();
        n[1] += e.getValue().path("validated").asLong();
        n[2] += e.getValue().path("violations").asLong();
      }
      skipped += c.path("samplesSkipped").asLong();
      dropped += c.path("journeysDropped").asLong();
      if (stopped == null && c.path("stoppedEarly").isString()) {
        stopped = "injector " + in.index() + ": " + c.path("stoppedEarly").asString();
      }
      if (setupProblem == null && c.path("setupProblem").isString()) {
        setupProblem = "injector " + in.index() + ": " + c.path("setupProblem").asString();
      }
    }
    // an id answered to two injectors is as wrong as one answered twice to one
    Map<String, Integer> owner = new HashMap<>();
    long[] across = counts.computeIfAbsent("task-id-unique-across-injectors", k -> new long[2]);
    List<String> acrossExamples =
        examples.computeIfAbsent("task-id-unique-across-injectors", k -> new ArrayList<>());
    for (var e : createdByInjector().entrySet()) {
      for (String id : e.getValue().keySet()) {
        across[0]++;
        Integer before = owner.putIfAbsent(id, e.getKey());
        if (before != null) {
          across[1]++;
          if (acrossExamples.size() < EXAMPLES) {
            acrossExamples.add(
                "POST answered the id "
                    + id
                    + " to injector "
                    + before
                    + " and to injector "
                    + e.getKey());
          }
        }
      }
    }
    if (across[0] == 0) {
      counts.remove("task-id-unique-across-injectors");
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode checks = root.putObject("checks");
    long failures = 0;
    for (var e : counts.entrySet()) {
      ObjectNode k = checks.putObject(e.getKey());
      k.put("checked", e.getValue()[0]);
      k.put("failed", e.getValue()[1]);
      ArrayNode ex = k.putArray("examples");
      examples.getOrDefault(e.getKey(), List.of()).forEach(ex::add);
      failures += e.getValue()[1];
    }
    root.put("failures", failures);
    Correctness.putValidation(root, validation);
    root.put("samplesSkipped", skipped);
    root.put("journeysDropped", dropped);
    root.put("stoppedEarly", stopped);
    root.put("setupProblem", setupProblem);
    return root;
  }

  /**
   * The checks on the target after the run and the clean-up: made now when the target can be
   * reached (and kept in {@link #WHOLE_RUN}), or taken from an earlier merge; added to the merged
   * correctness. Answers what is left on the target.
   */
  private List<String> wholeRun(
      Reach reach, Map<String, String> created, ObjectNode correctness, Consumer<String> progress)
      throws IOException {
    Path file = runDir.resolve(WHOLE_RUN);
    if (reach != null) {
      Correctness c = new Correctness();
      List<String> left = new ArrayList<>();
      Path manifest = Share.setupManifest(runDir);
      if (Files.isRegularFile(manifest)) {
        try {
          LoadSetup setup = LoadSetup.restore(total, reach.token(), reach.world(), manifest);
          WholeRunChecks checks = new WholeRunChecks(setup, c);
          if (!created.isEmpty()) {
            progress.accept(
                "reading back "
                    + Math.min(created.size(), 2000)
                    + " of the "
                    + created.size()
                    + " created tasks ...");
            checks.readBack(created);
          }
          long[] inc = increments();
          if (inc[0] > 0) {
            checks.increments(LoadSetup.savedBaseline(manifest), inc[0], inc[1], inc[2]);
          }
        } catch (RuntimeException e) {
          c.failed("after-run-checks", "the checks after the run failed: " + e.getMessage());
        }
      }
      for (Injector in : injectors) {
        left.addAll(
            LoadCleanup.leftovers(total, reach.token(), reach.world(), in.folder(), progress));
      }
      left.addAll(LoadCleanup.leftovers(total, reach.token(), reach.world(), runDir, progress));
      Path tmp = runDir.resolve(WHOLE_RUN + ".tmp");
      c.write(tmp);
      ObjectNode w = (ObjectNode) JSON.readTree(Files.readString(tmp));
      ArrayNode l = w.putArray("leftOnTarget");
      left.forEach(l::add);
      Files.writeString(file, JSON.writeValueAsString(w));
      Files.delete(tmp);
    }
    JsonNode w = read(file);
    if (w == null) {
      long[] inc = increments();
      if (!created.isEmpty() || inc[0] > 0) {
        reasons.add(
            "the checks on the target after the run (read-backs, increments) were not made: merge"
                + " with the target (--target and the token) to make them");
      }
      return List.of();
    }
    ObjectNode checks = (ObjectNode) correctness.path("checks");
    long failures = correctness.path("failures").asLong();
    for (var e : w.path("checks").properties()) {
      checks.set(e.getKey(), e.getValue());
      failures += e.getValue().path("failed").asLong();
    }
    correctness.put("failures", failures);
    List<String> left = new ArrayList<>();
    w.path("leftOnTarget").forEach(x -> left.add(x.asString()));
    return left;
  }

  /** The increments every injector sent, got an answer to, and saw applied. */
  private long[] increments() {
    long[] n = new long[3];
    for (Injector in : injectors) {
      InjectorManifest.Counters c = in.manifest().counters();
      if (c != null) {
        n[0] += c.incrementsSent();
        n[1] += c.incrementsAnswered();
        n[2] += c.incrementsApplied();
      }
    }
    return n;
  }

  /** The injectors' response times added up per request name, with their counters. */
  private Map<String, LatencyRecorder.RequestStats> merged;

  private double windowSeconds;
  private long first;
  private long last;

  private void writeStats() throws IOException {
    Map<String, Histogram> times = new TreeMap<>();
    Map<String, long[]> counters = new TreeMap<>();
    Map<String, Map<String, Long>> failures = new TreeMap<>();
    first = Long.MAX_VALUE;
    last = Long.MIN_VALUE;
    for (Injector in : injectors) {
      Path log = in.folder().resolve(LoadRun.LATENCY_LOG);
      if (Files.isRegularFile(log)) {
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (var e = reader.nextIntervalHistogram();
            e != null;
            e = reader.nextIntervalHistogram()) {
          times
              .computeIfAbsent(Latencies.name(e.getTag()), k -> Latencies.histogram())
              .add((Histogram) e);
        }
      } else {
        reasons.add("injector " + in.index() + " left no latency log");
      }
      if (in.stats() == null) {
        reasons.add("injector " + in.index() + " left no statistics");
        continue;
      }
      for (var e : in.stats().path("requests").properties()) {
        if (e.getKey().equals("all")) {
          continue;
        }
        long[] c = counters.computeIfAbsent(e.getKey(), k -> new long[3]);
        c[0] += e.getValue().path("count").asLong();
        c[1] += e.getValue().path("errors").asLong();
        c[2] += e.getValue().path("bytes").asLong();
        Map<String, Long> f = failures.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
        for (var kind : e.getValue().path("failures").properties()) {
          f.merge(kind.getKey(), kind.getValue().asLong(), Long::sum);
        }
      }
      if (in.stats().path("firstMillis").asLong() > 0) {
        first = Math.min(first, in.stats().path("firstMillis").asLong());
        last = Math.max(last, in.stats().path("lastMillis").asLong());
      }
    }
    windowSeconds = last <= first ? 0 : (last - first) / 1000.0;
    double window = Math.max(windowSeconds, 0.001);
    merged = new TreeMap<>();
    Histogram all = Latencies.histogram();
    long[] sum = new long[3];
    Map<String, Long> allFailures = new TreeMap<>();
    for (var e : counters.entrySet()) {
      Histogram h = times.getOrDefault(e.getKey(), Latencies.histogram());
      long[] c = e.getValue();
      Map<String, Long> f = failures.get(e.getKey());
      merged.put(e.getKey(), LatencyRecorder.stats(e.getKey(), h, c[0], c[1], c[2], window, f));
      f.forEach((k, v) -> allFailures.merge(k, v, Long::sum));
      all.add(h);
      for (int i = 0; i < 3; i++) {
        sum[i] += c[i];
      }
    }
    merged.put(
        "all", LatencyRecorder.stats("all", all, sum[0], sum[1], sum[2], window, allFailures));
    LatencyRecorder.write(
        runDir.resolve("stats.json"),
        merged,
        windowSeconds,
        first > last ? 0 : first,
        first > last ? 0 : last);
  }

  /**
   * The run's seconds as one generator would have seen them: the injectors' seconds (each counted
   * from the agreed start) added up in {@code intervals.jsonl}, and their histograms added per
   * second, request name and outcome in {@code latency.hlog}, so that what reads a single run's
   * folder (a capacity step's verdict) reads a merged one alike.
   */
  private void writeIntervals() throws IOException {
    if (injectors.isEmpty()) {
      return;
    }
    long base = injectors.stream().mapToLong(i -> i.manifest().plannedStart()).min().orElse(0);
    TreeMap<Long, long[]> counts = new TreeMap<>();
    TreeMap<Long, double[]> times = new TreeMap<>();
    TreeMap<Long, Map<String, Histogram>> histograms = new TreeMap<>();
    for (Injector in : injectors) {
      // every injector ticks each second from the agreed start: its n-th second is the run's n-th
      // second (counted by index, as a busy machine delays ticks by hundreds of milliseconds)
      List<Long> starts = new ArrayList<>();
      Path f = in.folder().resolve(Interval.FILE);
      if (Files.isRegularFile(f)) {
        long k = 0;
        for (Interval i : Interval.read(f)) {
          starts.add(Math.round(i.end() - i.seconds() * 1000));
          long[] c = counts.computeIfAbsent(k, x -> new long[6]);
          c[0] += i.arrivals();
          c[1] += i.dropped();
          c[2] += i.completed();
          c[3] += i.inFlight();
          c[4] += i.answered();
          c[5] += i.errors();
          double[] t = times.computeIfAbsent(k, x -> new double[] {0, 0, 0, 0, 0});
          t[0] = Math.max(t[0], i.end());
          t[1] += i.seconds();
          t[2]++;
          t[3] += Math.max(0, i.cpuCores());
          t[4] += Math.max(0, i.gcMillis());
          k++;
        }
      }
      Path log = in.folder().resolve(LoadRun.LATENCY_LOG);
      if (Files.isRegularFile(log) && !starts.isEmpty()) {
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (var e = reader.nextIntervalHistogram();
            e != null;
            e = reader.nextIntervalHistogram()) {
          // the histogram of a second starts when that second's counters do
          long k = nearest(starts, e.getStartTimeStamp());
          histograms
              .computeIfAbsent(k, x -> new TreeMap<>())
              .computeIfAbsent(e.getTag(), x -> Latencies.histogram())
              .add((Histogram) e);
        }
      }
    }
    try (java.io.BufferedWriter w = Files.newBufferedWriter(runDir.resolve(Interval.FILE))) {
      for (var e : counts.entrySet()) {
        long[] c = e.getValue();
        double[] t = times.get(e.getKey());
        new Interval(
                (long) t[0], t[1] / t[2], c[0], c[1], c[2], c[3], c[4], c[5], t[3], (long) t[4])
            .appendTo(w);
      }
    }
    try (java.io.OutputStream out = Files.newOutputStream(runDir.resolve(LoadRun.LATENCY_LOG))) {
      org.HdrHistogram.HistogramLogWriter log = new org.HdrHistogram.HistogramLogWriter(out);
      log.outputLogFormatVersion();
      log.outputStartTime(base);
      log.setBaseTime(base);
      log.outputLegend();
      for (var e : histograms.entrySet()) {
        for (var h : e.getValue().entrySet()) {
          // the second's end as the merged intervals give it, so the two files line up
          double[] t = times.get(e.getKey());
          long end = t == null ? base + (e.getKey() + 1) * 1000 : (long) t[0];
          long start = t == null ? end - 1000 : end - Math.round(t[1] / t[2] * 1000);
          h.getValue().setTag(h.getKey());
          log.outputIntervalHistogram(
              (start - base) / 1000.0, (end - base) / 1000.0, h.getValue(), 1000.0);
        }
      }
    }
  }

  /** The index of the value in the ascending list closest to {@code v}. */
  private static long nearest(List<Long> sorted, long v) {
    int i = java.util.Collections.binarySearch(sorted, v);
    if (i >= 0) {
      return i;
    }
    int after = -i - 1;
    if (after == 0) {
      return 0;
    }
    if (after == sorted.size()) {
      return after - 1;
    }
    return v - sorted.get(after - 1) <= sorted.get(after) - v ? after - 1 : after;
  }

  /** The objectives judged on the merged response times and counters. */
  private java.util.function.Function<String, LoadSummary.Judged> judge() {
    LatencyRecorder.RequestStats all = merged.get("all");
    if (all == null || all.count() == 0) {
      return o -> null;
    }
    double errorPercent = all.errors() * 100.0 / all.count();
    return o -> {
      if (o.equals(LoadSummary.OBJECTIVES.get("p95"))) {
        return new LoadSummary.Judged(all.p95() < total.p95Ms(), Long.toString(all.p95()));
      }
      if (o.equals(LoadSummary.OBJECTIVES.get("p99"))) {
        return new LoadSummary.Judged(all.p99() < total.p99Ms(), Long.toString(all.p99()));
      }
      return new LoadSummary.Judged(
          errorPercent <= total.maxErrorPercent(),
          String.format(Locale.ROOT, "%.2f", errorPercent));
    };
  }

  /**
   * How the injectors ended, together: the worst exit, and the span from first start to last end.
   */
  private LoadSummary.Ending ending() {
    int exit = 0;
    boolean killed = false;
    boolean oom = false;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Injector in : injectors) {
      if (in.outcome() != null) {
        exit = Math.max(exit, in.outcome().path("exitCode").asInt());
        killed |= in.outcome().path("killed").asBoolean();
        oom |= in.outcome().path("outOfMemory").asBoolean();
      }
      start = Math.min(start, in.manifest().plannedStart());
      if (in.manifest().finishedAt() != null) {
        end = Math.max(end, in.manifest().finishedAt());
      }
    }
    return new LoadSummary.Ending(exit, killed, oom, null, end < start ? 0 : end - start);
  }

  /** One row per injector: its share, its start, what it sent and what it saw. */
  private ArrayNode injectorTable() throws IOException {
    ArrayNode rows = JSON.createArrayNode();
    long firstStart = injectors.stream().mapToLong(this::started).min().orElse(0);
    for (Injector in : injectors) {
      InjectorManifest m = in.manifest();
      ObjectNode r = rows.addObject();
      r.put("index", in.index());
      r.put("host", m.host());
      r.put("cpus", m.cpus());
      r.set("share", JSON.valueToTree(m.share()));
      r.put("plannedStart", m.plannedStart());
      r.put("actualStart", m.actualStart());
      if (m.firstArrival() != null) {
        r.put("firstArrival", m.firstArrival());
      }
      r.put("startOffsetMs", started(in) - firstStart);
      InjectorManifest.Counters c = m.counters();
      r.put("arrivals", c == null ? 0 : c.arrivals());
      r.put("requests", c == null ? 0 : c.requests());
      r.put("errors", c == null ? 0 : c.errors());
      Hold hold = hold(in);
      r.put("achievedJourneysPerSecond", round(hold.journeysPerSecond()));
      r.put("meanCpuCores", round(hold.meanCpuCores()));
      r.put("maxCpuCores", round(hold.maxCpuCores()));
      r.put("gcPauseMs", hold.gcMillis());
      r.put("maxGcPauseMsPerSecond", hold.maxGcMillis());
      if (c != null && c.errorsByMessage() != null && !c.errorsByMessage().isEmpty()) {
        r.set("errorsByMessage", JSON.valueToTree(c.errorsByMessage()));
      }
      JsonNode own = in.stats() == null ? null : in.stats().path("requests").path("all");
      r.put("p95Ms", own == null ? 0 : own.path("p95").asLong());
      r.put("p99Ms", own == null ? 0 : own.path("p99").asLong());
      r.put("gatlingVersion", m.gatlingVersion());
      r.put("wkcheckVersion", m.wkcheckVersion());
    }
    return rows;
  }

  /**
   * An injector in the hold (the whole seconds after the ramp), from its intervals: the journeys/s
   * it started, and its own health (CPU it used, garbage-collection pauses), to tell a generator
   * that fell behind from a server that did.
   */
  record Hold(
      double journeysPerSecond,
      double meanCpuCores,
      double maxCpuCores,
      long gcMillis,
      long maxGcMillis) {}

  /** {@link Hold} of an injector; all zero when it left no intervals. */
  private Hold hold(Injector in) throws IOException {
    Path f = in.folder().resolve(Interval.FILE);
    if (!Files.isRegularFile(f)) {
      return new Hold(0, 0, 0, 0, 0);
    }
    long from = in.manifest().plannedStart() + (total.rampSeconds() + 1) * 1000L;
    long to = in.manifest().plannedStart() + (long) total.loadSeconds() * 1000L + 200;
    long arrivals = 0;
    double seconds = 0;
    double cpu = 0;
    double maxCpu = 0;
    long gc = 0;
    long maxGc = 0;
    for (Interval i : Interval.read(f)) {
      if (i.end() - i.seconds() * 1000 >= from - 200 && i.end() <= to) {
        arrivals += i.arrivals();
        seconds += i.seconds();
        cpu += Math.max(0, i.cpuCores()) * i.seconds();
        maxCpu = Math.max(maxCpu, i.cpuCores());
        gc += Math.max(0, i.gcMillis());
        maxGc = Math.max(maxGc, i.gcMillis());
      }
    }
    return seconds == 0
        ? new Hold(0, 0, 0, 0, 0)
        : new Hold(arrivals / seconds, cpu / seconds, maxCpu, gc, maxGc);
  }

  /**
   * The run's injection as a whole: the planned and the achieved rate of the hold, the arrivals
   * against the plan, and how far apart the injectors started; a shortfall or a spread start is a
   * reason.
   */
  private ObjectNode injection() throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("injectors", plan.injectors());
    n.put("arrivals", plan.poisson() ? "poisson" : "even");
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long arrived = 0;
    double achieved = 0;
    long planned = 0;
    for (Injector in : injectors) {
      min = Math.min(min, started(in));
      max = Math.max(max, started(in));
      if (in.manifest().counters() != null) {
        arrived += in.manifest().counters().arrivals();
      }
      achieved += hold(in).journeysPerSecond();
    }
    for (int i = 0; i < plan.injectors(); i++) {
      planned += plannedArrivals(plan.share(i, null, runDir).of(total));
    }
    long spread = injectors.isEmpty() ? 0 : max - min;
    // released: when the injectors' waits for the agreed start ended; started: their first
    // arrivals (less their planned offsets), after Gatling's own start-up in each JVM
    long released =
        injectors.isEmpty()
            ? 0
            : injectors.stream().mapToLong(i -> i.manifest().actualStart()).max().getAsLong()
                - injectors.stream().mapToLong(i -> i.manifest().actualStart()).min().getAsLong();
    n.put("releaseSpreadMs", released);
    n.put("startSpreadMs", spread);
    if (total.rate() != null) {
      n.put("plannedJourneysPerSecond", total.rate());
      n.put("achievedJourneysPerSecond", round(achieved));
      n.put("plannedArrivals", planned);
      n.put("arrived", arrived);
      // evenly spaced arrivals are the plan to the journey (a journey or two per injector at the
      // edges); a Poisson process varies by about the square root of its mean
      double slack = 2.0 * plan.injectors() + (plan.poisson() ? 4 * Math.sqrt(planned) : 0);
      if (Math.abs(arrived - planned) > slack) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "the injectors' arrivals do not add up to the plan: %d journeys instead of %d",
                arrived,
                planned));
      }
    }
    if (spread > MAX_START_SPREAD_MS) {
      reasons.add(
          "the injectors started " + spread + " ms apart: their shares did not overlap as planned");
    }
    return n;
  }

  /**
   * When an injector really started: its first arrival less the offset its share planned for it
   * (evenly spaced arrivals are offset by a fraction of the gap on purpose), or the end of its
   * wait.
   */
  private long started(Injector in) {
    InjectorManifest m = in.manifest();
    if (m.firstArrival() == null || m.share().journeysPerSecond() == null) {
      return m.started();
    }
    double offset =
        plan.share(in.index(), null, runDir).offsetSeconds(m.share().journeysPerSecond());
    return m.firstArrival() - Math.round(offset * 1000);
  }

  /** The journeys an open-model injector is planned to start: its ramp and its hold. */
  static long plannedArrivals(LoadSettings s) {
    if (s.rate() == null) {
      return 0;
    }
    long hold = Math.round(s.rate() * s.durationSeconds());
    long ramp =
        s.rampSeconds() == 0
            ? 0
            : Math.round((Math.min(1.0, s.rate()) + s.rate()) / 2 * s.rampSeconds());
    return hold + ramp;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  private static JsonNode read(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) < 50_000_000
          ? JSON.readTree(Files.readString(file))
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
