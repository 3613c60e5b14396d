package org.wkcheck.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.wkcheck.load.record.Interval;
import org.wkcheck.load.record.LatencyRecorder;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;

/**
 * One load run inside the Gatling JVM: its settings, the set-up on the target, and what the
 * journeys record (timings, correctness, the early stop, sampled contract checks). The simulation
 * makes it in its constructor, prepares it in {@code before()} and finishes it in {@code after()}:
 * the checks that need the whole run (every created task reads back as created, concurrent
 * increments add up), the files {@code stats.json} and {@code correctness.json}, and the clean-up.
 */
public final class LoadRun {
  /** The run's HdrHistogram interval log: each second's response times per name and outcome. */
  public static final String LATENCY_LOG = "latency.hlog";

  private final LoadSettings settings;
  private final String token;
  private final TargetWorld world;
  private final LatencyRecorder recorder = new LatencyRecorder();
  private final java.util.concurrent.ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "wkcheck-latency-intervals");
            t.setDaemon(true);
            return t;
          });
  private final Correctness correctness = new Correctness();
  private final ErrorWatch watch;
  private final ResponseSampler sampler;
  private final Map<String, String> createdTasks = new ConcurrentHashMap<>();
  private final AtomicLong incrementsApplied = new AtomicLong();
  private final AtomicLong incrementsSent = new AtomicLong();
  private final AtomicLong incrementsAnswered = new AtomicLong();
  private final Set<String> cold = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong arrivals = new AtomicLong();
  private volatile Long firstArrival;
  private volatile long plannedStart;
  private java.io.BufferedWriter intervals;
  private long lastTick;
  private long lastCpu;
  private long lastGc;
  private long lastArrivals;
  private long lastDropped;
  private long lastCompleted;
  private final AtomicLong completed = new AtomicLong();
  private long lastAnswered;
  private long lastErrors;
  private volatile LoadSetup setup;
  private final Share share;
  private InjectorManifest manifest;
  private final Object manifestLock = new Object();
  private boolean finished; // guarded by manifestLock: the finished manifest is the last word

  /**
   * The system property naming a file that receives every response time as it is recorded ({@code
   * name<TAB>millis<TAB>ok} lines): the raw data against which the tests prove the merged
   * percentiles exact. Not for normal runs.
   */
  public static final String RAW_TIMES = LoadSettings.PREFIX + "rawTimes";

  private LoadRun(LoadSettings settings, String token, TargetWorld world, Share share) {
    this.settings = settings;
    this.share = share;
    this.token = token;
    this.world = world;
    this.watch = new ErrorWatch(settings.stopErrorPercent(), settings.stopAfterSeconds());
    this.sampler = new ResponseSampler(settings.sampleEvery(), correctness);
  }

  /**
   * The run as the {@code wkcheck.*} system properties and the environment describe it.
   *
   * @throws IllegalArgumentException when the settings break a safety rail or the token is missing
   */
  public static LoadRun fromEnvironment() {
    LoadSettings s = LoadSettings.fromProperties(System::getProperty);
    List<String> problems = s.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("wkcheck load: " + String.join("; ", problems));
    }
    String token = System.getenv(LoadSettings.TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "wkcheck load: set " + LoadSettings.TOKEN_VARIABLE + " to the token of an admin");
    }
    TargetWorld world;
    String worldFile = System.getProperty(LoadSettings.PREFIX + "world");
    try {
      world = worldFile == null ? TargetWorld.defaults() : TargetWorld.read(Path.of(worldFile));
    } catch (IOException e) {
      throw new IllegalArgumentException("wkcheck load: " + e.getMessage(), e);
    }
    return new LoadRun(s, token.trim(), world, Share.fromProperties(System::getProperty));
  }

  /** Makes the set-up on the target; a refusal is recorded and rethrown (no load is sent). */
  public void prepare(Set<LoadSetup.Need> needs) {
    sampler.preload();
    try {
      java.nio.file.Files.createDirectories(settings.runDir());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + settings.runDir() + ": " + e, e);
    }
    try {
      String kept = settings.setup();
      if (share != null) {
        // the prepare step of a scaled-out run may still be making the set-up
        StartLine.awaitFile(Path.of(kept), StartLine.WAIT_MS);
      }
      setup =
          kept == null || kept.equals(LoadSettings.KEEP_SETUP)
              ? LoadSetup.prepare(settings, token, world, needs)
              : LoadSetup.restore(settings, token, world, Path.of(kept));
      if (LoadSettings.KEEP_SETUP.equals(kept)) {
        setup.save(settings.runDir().resolve(LoadSettings.SETUP_MANIFEST));
      }
    } catch (IOException e) {
      correctness.setupFailed("cannot write the set-up manifest: " + e.getMessage());
      writeQuietly();
      throw new IllegalStateException(e.getMessage(), e);
    } catch (RuntimeException e) {
      correctness.setupFailed(e.getMessage());
      writeQuietly();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      correctness.setupFailed("interrupted while waiting for the set-up");
      writeQuietly();
      throw new IllegalStateException("interrupted while waiting for the set-up", e);
    }
    if (share != null) {
      agreeOnStart(); // the load starts at the gate (awaitStart), once Gatling is ready
    } else {
      startClock();
    }
  }

  /** From now on: the raw times (when asked), the interval log and the counters of each second. */
  private void startClock() {
    String raw = System.getProperty(RAW_TIMES);
    if (raw != null) {
      try {
        recorder.rawTo(Path.of(raw));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the raw response times: " + e, e);
      }
    }
    try {
      recorder.logTo(settings.runDir().resolve(LATENCY_LOG));
    } catch (IOException e) {
      System.err.println("wkcheck load: no interval log (" + e.getMessage() + ")");
    }
    try {
      intervals = java.nio.file.Files.newBufferedWriter(settings.runDir().resolve(Interval.FILE));
    } catch (IOException e) {
      System.err.println("wkcheck load: no interval counters (" + e.getMessage() + ")");
    }
    lastTick = System.currentTimeMillis();
    lastCpu = cpuNanos();
    lastGc = gcMillis();
    ticker.scheduleAtFixedRate(this::tickOrSay, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  public LoadSettings settings() {
    return settings;
  }

  /** The share of a scaled-out run this JVM applies, or null for a whole run. */
  public Share share() {
    return share;
  }

  /** Agrees on the start with the other injectors (without waiting for it). */
  private void agreeOnStart() {
    try {
      plannedStart = StartLine.agree(share, StartLine.WAIT_MS);
    } catch (IOException | RuntimeException e) {
      correctness.setupFailed("the injectors could not start together: " + e.getMessage());
      writeQuietly();
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      correctness.setupFailed("interrupted while waiting for the other injectors");
      writeQuietly();
      throw new IllegalStateException("interrupted while waiting for the other injectors", e);
    }
  }

  /**
   * An injector waits here for the agreed start, then starts its clock; notes the planned and the
   * actual start in its manifest. The simulation calls it as late as Gatling lets it: while Gatling
   * builds the scenario's first action, after its HTTP engine and everything else it builds after
   * {@code before()}, so that only Gatling's own start of the injection follows (the time those
   * take differs by a few hundred milliseconds between JVMs starting at once).
   */
  public void awaitStart() {
    if (share == null || plannedStart == 0) {
      return;
    }
    try {
      // what follows the release runs warm: the first reads of the CPU and GC beans and the first
      // manifest written take a cold JVM tens of milliseconds, which the injectors must not spend
      // between the agreed instant and their first journeys
      java.util.function.LongFunction<InjectorManifest> starting =
          actualStart ->
              InjectorManifest.starting(
                  share.runId(settings.runId()),
                  share,
                  new InjectorManifest.Applied(
                      settings.rate(), settings.users(), settings.maxRps()),
                  plannedStart,
                  actualStart);
      cpuNanos();
      gcMillis();
      InjectorManifest.warmUp(starting.apply(plannedStart));
      // and with an empty heap: the garbage of Gatling's start-up otherwise makes a collection
      // right after the release, in one JVM and not another
      System.gc();
      StartLine.sleepUntil(plannedStart);
      long actual = System.currentTimeMillis();
      startClock();
      InjectorManifest started = starting.apply(actual);
      manifest = started;
      // off the way to the first journeys: a second later, on the ticker's thread
      ticker.schedule(() -> writeManifest(started), 1, java.util.concurrent.TimeUnit.SECONDS);
      System.out.printf(
          "wkcheck load: injector %d of %d released %d ms after the agreed start%n",
          share.index() + 1, share.count(), actual - plannedStart);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the start", e);
    }
  }

  /** Writes the started manifest, unless the finished one (with the counters) came first. */
  private void writeManifest(InjectorManifest m) {
    synchronized (manifestLock) {
      if (finished) {
        return;
      }
      try {
        m.write(settings.runDir());
      } catch (IOException e) {
        System.err.println("wkcheck load: cannot write the injector's manifest: " + e.getMessage());
      }
    }
  }

  /**
   * What an injector leaves for the merge: the tasks it created (the merge reads them back, with
   * every other injector's) and its counters in the manifest.
   */
  private void finishShare() {
    try (java.io.BufferedWriter w =
        java.nio.file.Files.newBufferedWriter(
            settings.runDir().resolve(InjectorManifest.CREATED_TASKS))) {
      for (Map.Entry<String, String> t : createdTasks.entrySet()) {
        w.write(t.getKey() + "\t" + t.getValue());
        w.newLine();
      }
    } catch (IOException e) {
      correctness.failed("task-reads-back", "cannot list the created tasks: " + e.getMessage());
    }
    if (manifest == null) {
      return; // it never started
    }
    long[] totals = recorder.totals();
    synchronized (manifestLock) {
      finished = true;
    }
    try {
      manifest
          .finished(
              System.currentTimeMillis(),
              firstArrival,
              new InjectorManifest.Counters(
                  arrivals.get(),
                  dropped.get(),
                  completed.get(),
                  totals[0],
                  totals[1],
                  recorder.stats().get("all").failures(),
                  incrementsSent.get(),
                  incrementsAnswered.get(),
                  incrementsApplied.get(),
                  createdTasks.size()))
          .write(settings.runDir());
    } catch (IOException e) {
      System.err.println("wkcheck load: cannot write the injector's manifest: " + e.getMessage());
    }
  }

  public String token() {
    return token;
  }

  public TargetWorld world() {
    return world;
  }

  public LoadSetup setup() {
    return setup;
  }

  public LatencyRecorder recorder() {
    return recorder;
  }

  public Correctness correctness() {
    return correctness;
  }

  public ErrorWatch watch() {
    return watch;
  }

  public ResponseSampler sampler() {
    return sampler;
  }

  /**
   * A journey starts, unless {@link LoadSettings#MAX_IN_FLIGHT} are in flight: then it is dropped
   * (counted) and this answers false.
   */
  public boolean enterJourney() {
    if (arrivals.getAndIncrement() == 0) {
      firstArrival = System.currentTimeMillis();
    }
    if (inFlight.incrementAndGet() > LoadSettings.MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** {@link #tick}, saying why when it fails (a scheduled task that throws is never run again). */
  private void tickOrSay() {
    try {
      tick();
    } catch (RuntimeException e) {
      System.err.println("wkcheck load: the interval counters failed: " + e);
      throw e;
    }
  }

  /**
   * Ends a second: the latency recorder's interval, and the interval's counters in {@code
   * intervals.jsonl}.
   */
  private synchronized void tick() {
    if (lastTick == 0) {
      return; // the load never started
    }
    long now = System.currentTimeMillis();
    recorder.tick(now);
    long cpu = cpuNanos();
    long gc = gcMillis();
    long[] totals = recorder.totals();
    long a = arrivals.get();
    long d = dropped.get();
    long c = completed.get();
    double seconds = Math.max(0.001, (now - lastTick) / 1000.0);
    Interval i =
        new Interval(
            now,
            seconds,
            a - lastArrivals,
            d - lastDropped,
            c - lastCompleted,
            inFlight.get(),
            totals[0] - lastAnswered,
            totals[1] - lastErrors,
            cpu < 0 ? -1 : (cpu - lastCpu) / 1e9 / seconds,
            gc < 0 ? -1 : gc - lastGc);
    lastTick = now;
    lastCpu = cpu;
    lastGc = gc;
    lastArrivals = a;
    lastDropped = d;
    lastCompleted = c;
    lastAnswered = totals[0];
    lastErrors = totals[1];
    if (intervals != null) {
      try {
        i.appendTo(intervals);
      } catch (IOException e) {
        intervals = null;
      }
    }
  }

  /** The CPU time this JVM used so far, or -1 where the platform does not say. */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /**
   * The time this JVM's collectors spent in collections so far (their pauses; the concurrent phases
   * of G1 or ZGC, which do not stop the generator, are left out), or -1 where none says.
   */
  private static long gcMillis() {
    long sum = -1;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!gc.getName().contains("Concurrent") && gc.getCollectionTime() >= 0) {
        sum = Math.max(sum, 0) + gc.getCollectionTime();
      }
    }
    return sum;
  }

  /** A journey that {@link #enterJourney} let in has ended. */
  public void leaveJourney() {
    completed.incrementAndGet();
    inFlight.decrementAndGet();
  }

  /** Whether this is the first request for a key (a compound annotation's first merge). */
  public boolean firstTime(String key) {
    return cold.add(key);
  }

  /** A task created under load, in the given project: its id must be new. */
  public void createdTask(String id, String project) {
    String before = createdTasks.putIfAbsent(id, project);
    correctness.check(
        "task-id-unique", before == null, "POST answered the id " + id + " a second time");
  }

  /** An increment request is about to be sent. */
  public void incrementSent() {
    incrementsSent.incrementAndGet();
  }

  /** An increment request got an answer: 200 (applied) or another status (not applied). */
  public void incrementAnswered(boolean answered200) {
    incrementsAnswered.incrementAndGet();
    if (answered200) {
      incrementsApplied.incrementAndGet();
    }
  }

  /** The checks over the whole run, the files, and the clean-up; never throws. */
  public void finish() {
    ticker.shutdownNow();
    Pools.awaitEnd(ticker, 2);
    tick();
    recorder.close();
    try {
      if (intervals != null) {
        intervals.close();
      }
    } catch (IOException e) {
      // the intervals written so far stay
    }
    try {
      if (watch.reason() != null) {
        correctness.stoppedEarly(watch.reason());
      }
      long t0 = System.nanoTime();
      correctness.samplesSkipped(sampler.drain());
      correctness.validation(sampler.counts());
      correctness.journeysDropped(dropped.get());
      System.out.printf(
          "wkcheck load: sampled validations finished after %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      if (setup != null && share == null) {
        WholeRunChecks whole = new WholeRunChecks(setup, correctness);
        whole.readBack(createdTasks);
        whole.increments(
            setup.incrementTasks(),
            incrementsSent.get(),
            incrementsAnswered.get(),
            incrementsApplied.get());
      }
      if (share != null) {
        finishShare();
      }
    } catch (RuntimeException e) {
      correctness.failed("after-run-checks", "the checks after the run failed: " + e);
    } finally {
      writeQuietly();
      // a kept set-up (and what the load made with it) is removed by whoever kept it
      if (setup != null && !LoadSettings.KEEP_SETUP.equals(settings.setup())) {
        try {
          List<String> left = setup.cleanUp();
          if (!left.isEmpty()) {
            System.err.println("wkcheck load: could not remove " + String.join(", ", left));
          }
        } catch (RuntimeException e) {
          // ./wkcheck load removes what created.txt still lists
          System.err.println("wkcheck load: the clean-up failed: " + e.getMessage());
        }
      }
    }
  }

  private void writeQuietly() {
    try {
      recorder.write(settings.runDir().resolve("stats.json"));
      correctness.write(settings.runDir().resolve("correctness.json"));
    } catch (IOException e) {
      System.err.println("wkcheck load: cannot write the run's results: " + e.getMessage());
    }
  }

  /**
   * What differs between a task as read and as created by the load (in {@code project}, on the
   * world's dataset and task type, one open instance), or null.
   */
  public String taskProblem(JsonNode task, String id, String project) {
    return WholeRunChecks.taskProblem(world, task, id, project);
  }
}
