package org.wkcheck.load.record;

import static org.testng.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.testng.annotations.Test;

/**
 * The recorder's figures MUST equal those computed from every raw response time (nearest rank),
 * over several intervals, and its interval log MUST add up to the same totals when read back.
 */
public class LatencyRecorderTest {

  private static long nearestRank(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Test
  public void figuresEqualThoseOfTheRawTimes() throws Exception {
    Path log = Files.createTempDirectory("wkcheck-latency").resolve("latency.hlog");
    LatencyRecorder r = new LatencyRecorder();
    r.logTo(log);
    SplittableRandom random = new SplittableRandom(7);
    Map<String, List<Long>> raw = new HashMap<>();
    for (int interval = 0; interval < 5; interval++) {
      for (int i = 0; i < 4000; i++) {
        String name = i % 3 == 0 ? "POST /api/tasks" : "GET /api/tasks/:id";
        // a long tail up to 200 s: every millisecond must stay exact
        long ms = random.nextInt(10) == 0 ? random.nextLong(200_000) : random.nextLong(60);
        boolean ok = random.nextInt(20) != 0;
        r.record(name, ms, ok, 100);
        raw.computeIfAbsent(name, n -> new ArrayList<>()).add(ms);
        raw.computeIfAbsent("all", n -> new ArrayList<>()).add(ms);
      }
      r.tick();
    }
    r.close();
    for (Map.Entry<String, List<Long>> e : raw.entrySet()) {
      long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      LatencyRecorder.RequestStats s = r.stats().get(e.getKey());
      assertEquals(s.count(), sorted.length, e.getKey());
      assertEquals(s.p50(), nearestRank(sorted, 50), e.getKey() + " p50");
      assertEquals(s.p95(), nearestRank(sorted, 95), e.getKey() + " p95");
      assertEquals(s.p99(), nearestRank(sorted, 99), e.getKey() + " p99");
      assertEquals(s.max(), sorted[sorted.length - 1], e.getKey() + " max");
      assertEquals(s.mean(), Arrays.stream(sorted).average().orElse(0), 0.01, e.getKey());
    }
    // the interval log holds every time once, tagged by name and outcome
    Histogram fromLog = Latencies.histogram();
    int intervals = 0;
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    Map<String, Long> byName = new HashMap<>();
    for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
      fromLog.add((Histogram) h);
      byName.merge(Latencies.name(h.getTag()), ((Histogram) h).getTotalCount(), Long::sum);
      intervals++;
    }
    for (String name : List.of("POST /api/tasks", "GET /api/tasks/:id")) {
      assertEquals(byName.get(name), Long.valueOf(raw.get(name).size()), name + " in the log");
    }
    long[] all = raw.get("all").stream().mapToLong(Long::longValue).sorted().toArray();
    assertEquals(fromLog.getTotalCount(), all.length);
    assertEquals(Latencies.percentile(fromLog, 99), nearestRank(all, 99));
    assertEquals(intervals, 5 * 2 * 2, "five intervals of two names and two outcomes");
  }

  /**
   * Four threads record widely spread times while a fifth ticks: every value must be counted. With
   * HdrHistogram's packed {@code Recorder} this hung within a few hundred values (its concurrent
   * packed array spins while it resizes); the timeout only turns such a hang into a failure.
   */
  @Test(timeOut = 120_000)
  public void concurrentWritersAndTicksLoseNothing() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    Path log = Files.createTempFile("latency", ".hlog");
    recorder.logTo(log);
    int perThread = 200_000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long seed = t;
      writers.add(
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < perThread; i++) {
                  long millis = (long) Math.pow(10, random.nextDouble(0, 5));
                  recorder.record("r" + (i % 3), millis, i % 50 != 0, 10);
                }
              }));
    }
    writers.forEach(Thread::start);
    while (writers.stream().anyMatch(Thread::isAlive)) {
      recorder.tick();
      Thread.sleep(5);
    }
    for (Thread w : writers) {
      w.join();
    }
    recorder.tick();
    Map<String, LatencyRecorder.RequestStats> stats = recorder.stats();
    assertEquals(stats.get("all").count(), 4L * perThread);
    assertEquals(stats.get("all").errors(), 4L * perThread / 50);
    long timed = 0;
    for (String name : List.of("r0", "r1", "r2")) {
      timed += stats.get(name).count();
    }
    assertEquals(timed, 4L * perThread);
    recorder.close();
    long logged = 0;
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    for (var h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
      logged += ((Histogram) h).getTotalCount();
    }
    assertEquals(logged, 4L * perThread, "every time in the interval log");
    Files.delete(log);
  }

  /**
   * Failed requests are counted per request name and kind, and over all names; a server answering
   * with ever new kinds of failure fills at most {@link LatencyRecorder#MAX_FAILURE_KINDS} kinds,
   * the rest counted together.
   */
  @Test
  public void failuresAreCountedByKindWithinABound() {
    LatencyRecorder r = new LatencyRecorder();
    r.record("GET /api/tasks/:id", 5, null, 10);
    r.record("GET /api/tasks/:id", 5, "status 500", 10);
    r.record("GET /api/tasks/:id", 5, "status 500", 10);
    r.record("GET /api/tasks/:id", -1, "no answer", 0);
    r.record("POST /api/tasks", 5, "status 500", 10);
    for (int i = 0; i < 100; i++) {
      r.record("GET /api/projects", 1, "status " + (400 + i), 0);
    }
    r.tick();
    Map<String, LatencyRecorder.RequestStats> s = r.stats();
    assertEquals(s.get("GET /api/tasks/:id").failures(), Map.of("status 500", 2L, "no answer", 1L));
    assertEquals(s.get("GET /api/tasks/:id").errors(), 3L);
    Map<String, Long> projects = s.get("GET /api/projects").failures();
    assertEquals(projects.size(), LatencyRecorder.MAX_FAILURE_KINDS + 1, projects.toString());
    assertEquals(
        projects.get(LatencyRecorder.OTHER_FAILURES),
        Long.valueOf(100 - LatencyRecorder.MAX_FAILURE_KINDS));
    assertEquals(s.get("all").failures().get("status 500"), Long.valueOf(3));
    assertEquals(
        s.get("all").failures().values().stream().mapToLong(Long::longValue).sum(),
        s.get("all").errors());
    assertEquals(s.get("POST /api/tasks").failures(), Map.of("status 500", 1L));
    r.close();
  }
}
