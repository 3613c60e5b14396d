package org.wkcheck.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wkcheck.load.record.LatencyRecorder;

/**
 * What recording a response costs the load generator: {@link LatencyRecorder#record} (an
 * HdrHistogram per request name and outcome, counters, the window), against the plain counters it
 * replaced as the cheapest possible record (an atomic increment and sum). Shared state, so {@code
 * -t 4} measures contention too; a second ticker moves the intervals as in a run. Run with {@code
 * src/test/bench/run-test-class.sh org.openjdk.jmh.Main RecordingBenchmark -f 1 -wi 3 -i 5 -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordingBenchmark {
  private static final String[] NAMES = {
    "GET /api/tasks/:id", "POST /api/tasks", "GET /api/tasks", "GET /api/projects/:name"
  };

  private LatencyRecorder recorder;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private java.util.concurrent.ScheduledExecutorService ticker;

  @Setup
  public void setUp() {
    recorder = new LatencyRecorder();
    ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(recorder::tick, 1, 1, TimeUnit.SECONDS);
  }

  @org.openjdk.jmh.annotations.TearDown
  public void tearDown() {
    ticker.shutdownNow();
  }

  @Benchmark
  public void hdrHistogramRecorder() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    recorder.record(NAMES[r.nextInt(NAMES.length)], r.nextInt(1, 2000), r.nextInt(100) != 0, 512);
  }

  @Benchmark
  public long countersOnly() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    count.incrementAndGet();
    return sum.addAndGet(r.nextInt(1, 2000));
  }
}
