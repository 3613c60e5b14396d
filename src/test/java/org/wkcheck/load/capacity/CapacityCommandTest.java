package org.wkcheck.load.capacity;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.testing.CommandRun;
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

  @Test
  public void findsAKnownCapacity() throws Exception {
    Path out = Files.createTempDirectory("capacity");
    firstSearch = out;
    CommandRun run =
        CommandRun.main(
            "capacity",
            "--simulation",
            "task-read",
            "--capacity",
            Double.toString(KNOWN),
            "--start-rate",
            "25",
            "--resolution",
            "10",
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
            out.toString());
    assertEquals(run.exit(), 0, run.out() + run.err());
    JsonNode report =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(out.resolve("latest").resolve("capacity.json")));
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

  /** A server that holds half as much fails the search against the first one as its baseline. */
  @Test(dependsOnMethods = "findsAKnownCapacity")
  public void aLowerCapacityRegressesAgainstItsBaseline() throws Exception {
    Path out = Files.createTempDirectory("capacity");
    CommandRun run =
        CommandRun.main(
            "capacity",
            "--simulation",
            "task-read",
            "--capacity",
            Double.toString(KNOWN / 2),
            "--start-rate",
            "25",
            "--resolution",
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
            "--baseline",
            firstSearch.toString(),
            "--fail-on-regression",
            "20",
            "--out",
            out.toString());
    assertEquals(run.exit(), 1, "a regression fails the search: " + run.out() + run.err());
    JsonNode report =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(out.resolve("latest").resolve("capacity.json")));
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
    try (ReferenceServer server =
        ReferenceServer.start(
            ServerOptions.defaults().withFaults(Set.of(Fault.INCREMENT_LOST_UPDATES)))) {
      int projects = server.world().read(() -> server.world().projects().size());
      int tasks = server.world().read(() -> server.world().tasks().size());
      Path tokenFile = Files.createTempFile("wkcheck-token", ".txt");
      Files.writeString(tokenFile, SeedWorld.token('A'));
      Path out = Files.createTempDirectory("capacity");
      CommandRun run =
          CommandRun.main(
              "capacity",
              "--simulation",
              "task-creation",
              "--target",
              server.baseUrl(),
              "--token-file",
              tokenFile.toString(),
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
              "2",
              "--max-rps",
              "400",
              "--budget",
              "3",
              "--out",
              out.toString());
      Files.delete(tokenFile);
      assertEquals(run.exit(), 1, "a wrong server has no capacity: " + run.out() + run.err());
      JsonNode report =
          JsonMapper.builder()
              .build()
              .readTree(Files.readString(out.resolve("latest").resolve("capacity.json")));
      assertEquals(report.path("end").asString(), "CORRECTNESS", report.toString());
      assertEquals(report.path("limitedBy").asString(), "correctness", report.toString());
      assertEquals(report.path("capacity").path("journeysPerSecond").asDouble(), 0.0);
      JsonNode last = report.path("steps").get(report.path("steps").size() - 1);
      assertEquals(last.path("verdict").asString(), "FAIL", last.toString());
      assertTrue(last.path("reasons").toString().contains("increments"), last.toString());
      assertEquals(server.world().read(() -> server.world().projects().size()), projects);
      assertEquals(server.world().read(() -> server.world().tasks().size()), tasks);
    }
  }
}
