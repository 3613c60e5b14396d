package org.wkcheck.load.scaleout;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testng.annotations.Test;
import org.wkcheck.cli.Main;
import org.wkcheck.testing.LoadArgs;
import org.wkcheck.testing.SeededServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps a Kubernetes run's pods take, run here as those pods run them, against a server reached
 * by URL: the prepare step once, two injectors at once (each knowing only its index and the shared
 * folder), then the merge that waits for them, checks on the target and cleans up.
 */
public class PodStepsTest {

  /**
   * A short task-creation load on the server, with {@code more} flags. One journey in ten sends
   * increments: at 20 journeys/s for about 5 s, that none does has a chance of about 1 in 10^4 (at
   * 12/s it was 1 in 300, and happened).
   */
  private static String[] load(SeededServer server, String... more) {
    List<String> args =
        LoadArgs.lenient(
            "--quiet",
            "--simulation",
            "task-creation",
            "--rate",
            "20",
            "--ramp",
            "1",
            "--duration",
            "4");
    args.addAll(List.of(server.targetFlags()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Injector {@code index} of two, sharing the run folder {@code dir}. */
  private static String[] injector(SeededServer server, String dir, int index) {
    return load(
        server,
        "--phase",
        "inject",
        "--injectors",
        "2",
        "--run-dir",
        dir,
        "--injector-index",
        Integer.toString(index));
  }

  @Test
  public void prepareInjectAndMergeAsPods() throws Exception {
    try (SeededServer server = SeededServer.withFaults()) {
      Path run = Files.createTempDirectory("wkcheck-pods").resolve("P20261205-pods");
      String dir = run.toString();
      assertEquals(
          Main.run(load(server, "--phase", "prepare", "--injectors", "2", "--run-dir", dir)),
          0,
          "prepare");
      assertTrue(Files.isRegularFile(run.resolve("setup.json")));
      ExecutorService pods = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> exits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          String[] args = injector(server, dir, i);
          exits.add(pods.submit(() -> Main.run(args)));
        }
        for (Future<Integer> e : exits) {
          assertEquals((int) e.get(), 0, "an injector");
        }
      } finally {
        pods.shutdownNow();
      }
      List<String> merge = new ArrayList<>(List.of("merge", "--expect", "2", "--wait", "60"));
      merge.addAll(List.of(server.targetFlags()));
      merge.add(dir);
      assertEquals(Main.run(merge.toArray(String[]::new)), 0, "merge");
      JsonNode s = JsonMapper.builder().build().readTree(run.resolve("summary.json").toFile());
      assertEquals(s.path("injectors").asInt(), 2);
      JsonNode checks = s.path("correctness").path("checks");
      for (String check :
          List.of(
              "task-reads-back",
              "increments-add-up",
              "task-id-unique",
              "task-id-unique-across-injectors")) {
        assertTrue(checks.path(check).path("checked").asLong() > 0, check + ": " + checks);
      }
      server.assertNothingLeft();
    }
  }

  @Test
  public void aStepWithoutItsFlagsIsRefused() throws Exception {
    try (SeededServer server = SeededServer.withFaults()) {
      assertEquals(Main.run(load(server, "--phase", "inject")), 2);
      assertEquals(
          Main.run(load(server, "--run-dir", "/tmp/x", "--injectors", "2")),
          2,
          "--run-dir goes with --phase");
      assertEquals(
          Main.run(
              load(server, "--phase", "inject", "--injectors", "2", "--run-dir", "/tmp/bad name")),
          2);
      assertEquals(Main.run(injector(server, "/tmp/R1", 2)), 2, "index 2 of 2");
      assertEquals(Main.run("merge", "/tmp"), 2, "not a run folder");
    }
  }
}
