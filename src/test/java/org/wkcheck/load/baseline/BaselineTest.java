package org.wkcheck.load.baseline;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading an earlier run and judging a new one against it: the figures each kind of run is compared
 * on, the threshold in both directions, the 1 ms resolution of latencies, and the refusal of a
 * baseline of another kind or simulation.
 */
public class BaselineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ObjectNode load(double rps, long p95, long p99) {
    ObjectNode r = JSON.createObjectNode();
    r.put("simulation", "task-read").put("runId", "L1").put("target", "http://127.0.0.1:9000/api");
    r.putObject("load").put("model", "open").put("journeysPerSecond", 20);
    r.putObject("requests")
        .putObject("all")
        .put("requestsPerSecond", rps)
        .put("p50Ms", 10)
        .put("meanMs", 11.5)
        .put("p95Ms", p95)
        .put("p99Ms", p99)
        .put("maxMs", 200)
        .put("errorPercent", 0.0);
    return r;
  }

  private static ObjectNode capacity(double journeys, double requests, long p95, long p99) {
    ObjectNode r = JSON.createObjectNode();
    r.put("simulation", "task-read").put("runId", "C1").put("target", "http://127.0.0.1:9000/api");
    r.putObject("settings").put("resolutionPercent", 5).putObject("slo").put("p95Ms", 500);
    r.putObject("capacity").put("journeysPerSecond", journeys).put("requestsPerSecond", requests);
    var steps = r.putArray("steps");
    steps.addObject().put("plannedRate", journeys / 2).put("verdict", "PASS").put("p95Ms", 1);
    steps.addObject().put("plannedRate", journeys).put("verdict", "PASS").put("p95Ms", p95 - 5);
    steps
        .addObject()
        .put("plannedRate", journeys)
        .put("verdict", "PASS")
        .put("p95Ms", p95)
        .put("p99Ms", p99);
    steps.addObject().put("plannedRate", journeys * 2).put("verdict", "FAIL").put("p95Ms", 9000);
    return r;
  }

  private static Path runFolder(String file, JsonNode report) throws Exception {
    Path out = Files.createTempDirectory("baseline");
    Path latest = Files.createDirectories(out.resolve("latest"));
    Files.writeString(latest.resolve(file), JSON.writeValueAsString(report));
    return out;
  }

  /** An earlier search that found 100 journeys/s (200 requests/s) with p95 40 ms, p99 60 ms. */
  private static Baseline capacityBaseline() throws Exception {
    return Baseline.read(
        runFolder("capacity.json", capacity(100, 200, 40, 60)),
        Baseline.Kind.CAPACITY,
        "task-read");
  }

  private static Comparison.Change change(Comparison c, String key) {
    return c.changes().stream().filter(x -> x.figure().key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  public void aCapacityDropBeyondTheThresholdIsARegression() throws Exception {
    Baseline b = capacityBaseline();
    assertEquals(b.runId(), "C1");
    Comparison c = b.compare(capacity(80, 160, 40, 60), 10.0);
    assertTrue(c.regressed(), c.lines().toString());
    Comparison.Change cap = change(c, "capacity.requestsPerSecond");
    assertEquals(cap.percent(), -20.0, 1e-9);
    assertTrue(cap.regression());
    // the worst p95 of the passing steps at the found rate, not of the other steps
    assertEquals(change(c, "atCapacity.p95Ms").baseline(), 40.0);
    assertFalse(change(c, "atCapacity.p95Ms").regression());
    assertTrue(c.regressions().get(0).contains("capacity"), c.regressions().toString());
    assertTrue(c.json().path("regressed").asBoolean());
    assertTrue(c.markdown().contains("**regression**"), c.markdown());

    assertFalse(b.compare(capacity(95, 190, 40, 60), 10.0).regressed(), "-5 % is within 10 %");
    assertFalse(b.compare(capacity(50, 100, 40, 60), null).regressed(), "no threshold: no verdict");
  }

  @Test
  public void noCapacityAfterOneIsTheLargestDrop() throws Exception {
    Baseline b = capacityBaseline();
    Comparison c = b.compare(capacity(0, 0, 40, 60), 50.0);
    assertTrue(change(c, "capacity.journeysPerSecond").regression());
    assertNull(change(c, "atCapacity.p95Ms").current(), "no found rate, no latency at it");
    assertFalse(change(c, "atCapacity.p95Ms").regression());
  }

  @Test
  public void latenciesRegressWhenTheyRiseBeyondTheThresholdAndTheResolution() throws Exception {
    Baseline b =
        Baseline.read(
            runFolder("summary.json", load(20, 100, 150)), Baseline.Kind.LOAD, "task-read");
    Comparison up = b.compare(load(20, 121, 150), 20.0);
    assertTrue(change(up, "requests.all.p95Ms").regression(), up.lines().toString());
    assertFalse(change(up, "requests.all.p99Ms").regression());
    assertFalse(b.compare(load(20, 120, 180), 20.0).regressed(), "+20 % is not more than 20 %");
    assertFalse(b.compare(load(5, 100, 150), 20.0).regressed(), "throughput of a load run: shown");
    assertEquals(
        change(b.compare(load(5, 100, 150), 20.0), "requests.all.requestsPerSecond").percent(),
        -75.0,
        1e-9);

    Baseline fast =
        Baseline.read(runFolder("summary.json", load(20, 2, 3)), Baseline.Kind.LOAD, "task-read");
    assertFalse(fast.compare(load(20, 3, 4), 10.0).regressed(), "1 ms is the resolution");
    assertTrue(fast.compare(load(20, 4, 3), 10.0).regressed(), "2 ms more is a change");
  }

  @Test
  public void settingsThatDifferAreNoted() throws Exception {
    Baseline b =
        Baseline.read(
            runFolder("summary.json", load(20, 100, 150)), Baseline.Kind.LOAD, "task-read");
    ObjectNode other = load(20, 100, 150);
    other.putObject("load").put("model", "open").put("journeysPerSecond", 40);
    Comparison c = b.compare(other, null);
    assertEquals(c.notes().size(), 1, c.notes().toString());
    assertTrue(c.notes().get(0).startsWith("load differs"), c.notes().toString());
    ObjectNode elsewhere = load(20, 100, 150).put("target", "https://wk.example.org/api");
    assertTrue(b.compare(elsewhere, null).notes().get(0).startsWith("target differs"));
    // the embedded server listens on a new port every run: that is no difference
    ObjectNode embedded = load(20, 100, 150).put("embeddedServer", true);
    Path embeddedRun = runFolder("summary.json", embedded);
    Baseline e = Baseline.read(embeddedRun, Baseline.Kind.LOAD, "task-read");
    embedded.put("target", "http://127.0.0.1:9001/api");
    assertEquals(e.compare(embedded, null).notes(), java.util.List.of());
    assertEquals(
        change(e.compare(embedded, null), "requests.all.errorPercent").change(), "unchanged");
  }

  @Test
  public void aBaselineOfAnotherKindOrSimulationOrNoneIsRefused() throws Exception {
    Path loadRun = runFolder("summary.json", load(20, 100, 150));
    BaselineException kind =
        expectThrows(
            BaselineException.class,
            () -> Baseline.read(loadRun, Baseline.Kind.CAPACITY, "task-read"));
    assertTrue(kind.getMessage().contains("a load run"), kind.getMessage());
    BaselineException sim =
        expectThrows(
            BaselineException.class, () -> Baseline.read(loadRun, Baseline.Kind.LOAD, "downloads"));
    assertTrue(sim.getMessage().contains("'task-read'"), sim.getMessage());
    Path empty = Files.createTempDirectory("baseline");
    BaselineException none =
        expectThrows(
            BaselineException.class, () -> Baseline.read(empty, Baseline.Kind.LOAD, "task-read"));
    assertTrue(none.getMessage().startsWith("no earlier run's report in"), none.getMessage());
    Files.writeString(empty.resolve("summary.json"), "[1, 2");
    BaselineException garbage =
        expectThrows(
            BaselineException.class, () -> Baseline.read(empty, Baseline.Kind.LOAD, "task-read"));
    assertTrue(garbage.getMessage().startsWith("cannot read"), garbage.getMessage());
    // the run folder itself, not only its latest/ folder, is a baseline
    Path run = Files.createTempDirectory("baseline");
    Files.writeString(run.resolve("summary.json"), JSON.writeValueAsString(load(20, 100, 150)));
    assertEquals(Baseline.read(run, Baseline.Kind.LOAD, "task-read").kind(), Baseline.Kind.LOAD);
  }
}
