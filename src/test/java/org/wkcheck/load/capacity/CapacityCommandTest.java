package org.wkcheck.load.capacity;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.SeededServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wkcheck capacity} against the embedded reference server held to a known capacity of 110
 * requests/s: a short search (steps of a few seconds, 10 % resolution) must find it within the
 * resolution and report every step with its planned and achieved rate, verdict and reasons; a
 * search of a server holding half as much regresses against it as its baseline; and against a
 * server that loses concurrent updates, the correctness failure ends the search.
 */
public class CapacityCommandTest {
  /**
   * Off the doubling grid (25, 50, 100, ...): the found rate is then a step clearly below the
   * capacity, and its confirm step does not sit exactly at the saturation point, where the queue of
   * any server wanders.
   */
  private static final double KNOWN = 110;

  /** The first search's reports: the baseline of the second. */
  private Path firstSearch;

  /** A short search from 25 journeys/s, one step a rate, into {@code out}. */
  private static CommandRun search(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("capacity"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--start-rate",
            "25",
            "--step",
            "4",
            "--settle",
            "2",
            "--warm-up",
            "3",
            "--repeats",
            "1",
            "--confirm",
            "4",
            "--max-rps",
            "400",
            "--out",
            out.toString()));
    return CommandRun.main(all.toArray(String[]::new));
  }

  /** A short task-read search of the embedded server held to {@code capacity} requests/s. */
  private static CommandRun searchTaskRead(
      Path out, double capacity, int resolution, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--simulation",
                "task-read",
                "--capacity",
                Double.toString(capacity),
                "--resolution",
                Integer.toString(resolution)));
    args.addAll(List.of(more));
    return search(out, args.toArray(String[]::new));
  }

  private static JsonNode report(Path out) throws Exception {
    return JsonMapper.builder()
        .build()
        .readTree(Files.readString(out.resolve("latest").resolve("capacity.json")));
  }

  @Test
  public void findsAKnownCapacity() throws Exception {
    Path out = Files.createTempDirectory("capacity");
    firstSearch = out;
    CommandRun run = searchTaskRead(out, KNOWN, 10);
    assertEquals(run.exit(), 0, run.out() + run.err());
    JsonNode report = report(out);
    double found = report.path("capacity").path("requestsPerSecond").asDouble();
    assertTrue(
        found >= 0.85 * KNOWN && found <= 1.05 * KNOWN,
        "found " + found + " requests/s of a known " + KNOWN + ": " + run.out());
    JsonNode steps = report.path("steps");
    assertTrue(steps.size() >= 3, "steps: " + steps);
    boolean failed = false;
    for (JsonNode step : steps) {
      assertTrue(step.path("plannedRate").asDouble() > 0, step.toString());
      assertTrue(step.has("achievedRate") && step.has("verdict") && step.has("reasons"));
      if (step.path("verdict").asString().equals("FAIL")) {
        failed = true;
        assertTrue(step.path("plannedRate").asDouble() > KNOWN * 0.95, "failed below N: " + step);
      }
    }
    assertTrue(failed, "the search must have met a failing rate above the capacity");
  }

  /**
   * Each step split over two injectors, started together and judged on their merged seconds and
   * histograms, up to the highest rate asked for (the search's accuracy is proven above; this is
   * the flow, kept short: every step starts two JVMs).
   */
  @Test
  public void splitsEachStepOverInjectors() throws Exception {
    Path out = Files.createTempDirectory("capacity");
    CommandRun run = searchTaskRead(out, 400, 25, "--injectors", "2", "--max-rate", "100");
    assertEquals(run.exit(), 0, run.out() + run.err());
    JsonNode report = report(out);
    assertEquals(report.path("end").asString(), "RATE_CAP", report.toString());
    double found = report.path("capacity").path("journeysPerSecond").asDouble();
    assertEquals(found, 100.0, 0.01, run.out());
    assertEquals(report.path("settings").path("injectors").asInt(), 2, report.toString());
    Path steps = out.resolve("latest").resolve("steps");
    int split = 0;
    try (var dirs = Files.list(steps)) {
      for (Path step :
          dirs.filter(d -> d.getFileName().toString().matches("\\d\\d-(?!warm-up).*")).toList()) {
        for (int i = 0; i < 2; i++) {
          assertTrue(
              Files.isRegularFile(step.resolve("injectors/" + i + "/manifest.json")),
              step + " was split over two injectors");
        }
        JsonNode merged =
            JsonMapper.builder().build().readTree(step.resolve("summary.json").toFile());
        assertEquals(merged.path("injectors").asInt(), 2, step + " was merged");
        split++;
      }
    }
    assertTrue(split >= 3, "25, 50 and 100 journeys/s: " + split + " steps");
  }

  /** A server that holds half as much fails the search against the first one as its baseline. */
  @Test(dependsOnMethods = "findsAKnownCapacity")
  public void aLowerCapacityRegressesAgainstItsBaseline() throws Exception {
    Path out = Files.createTempDirectory("capacity");
    CommandRun run =
        searchTaskRead(
            out, KNOWN / 2, 25, "--baseline", firstSearch.toString(), "--fail-on-regression", "20");
    assertEquals(run.exit(), 1, "a regression fails the search: " + run.out() + run.err());
    JsonNode report = report(out);
    assertEquals(report.path("end").asString(), "FOUND", report.toString());
    JsonNode baseline = report.path("baseline");
    assertTrue(baseline.path("regressed").asBoolean(), baseline.toString());
    JsonNode capacity = baseline.path("figures").get(0);
    assertEquals(capacity.path("figure").asString(), "capacity.requestsPerSecond");
    assertTrue(capacity.path("regression").asBoolean(), capacity.toString());
    assertTrue(capacity.path("changePercent").asDouble() < -20, capacity.toString());
    assertTrue(run.out().contains("regression against baseline"), run.out());
  }

  @Test
  public void lostUpdatesEndTheSearchWithThatReason() throws Exception {
    try (SeededServer server = SeededServer.withFaults(Fault.INCREMENT_LOST_UPDATES)) {
      Path out = Files.createTempDirectory("capacity");
      List<String> args = new ArrayList<>(List.of("--simulation", "task-creation"));
      args.addAll(List.of(server.targetFlags()));
      args.addAll(List.of("--budget", "3"));
      CommandRun run = search(out, args.toArray(String[]::new));
      assertEquals(run.exit(), 1, "a wrong server has no capacity: " + run.out() + run.err());
      JsonNode report = report(out);
      assertEquals(report.path("end").asString(), "CORRECTNESS", report.toString());
      assertEquals(report.path("limitedBy").asString(), "correctness", report.toString());
      assertEquals(report.path("capacity").path("journeysPerSecond").asDouble(), 0.0);
      JsonNode last = report.path("steps").get(report.path("steps").size() - 1);
      assertEquals(last.path("verdict").asString(), "FAIL", last.toString());
      assertTrue(last.path("reasons").toString().contains("increments"), last.toString());
      server.assertNothingLeft();
    }
  }
}
