package org.wkcheck.hostile;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.cli.Main;
import org.wkcheck.testing.SeededServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wkcheck load} against a target in front of the reference server that turns hostile:
 * Gatling's requests redirected to another port carry no token there, and every request of a run
 * (set-up, load, read-back, clean-up) stays under {@code --max-rps}, counted where it arrives.
 */
public class HostileLoadTest {
  private SeededServer upstream;

  @BeforeClass
  public void start() throws Exception {
    upstream = SeededServer.withFaults();
  }

  @AfterClass(alwaysRun = true)
  public void stop() throws IOException {
    if (upstream != null) {
      upstream.close();
    }
  }

  private int load(String target, String... args) throws Exception {
    List<String> all =
        new ArrayList<>(
            List.of(
                "load",
                "--quiet",
                "--target",
                target,
                "--token-file",
                upstream.tokenFile().toString(),
                "--out",
                Files.createTempDirectory("wkcheck-hostile-load").toString(),
                "--heap",
                "512m",
                "--timeout",
                "5"));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new));
  }

  /** The load's own requests answered with a 307 to another port: none reaches that port. */
  @Test(timeOut = 180_000)
  public void gatlingFollowsNoRedirect() throws Exception {
    try (HostileServer other = HostileServer.start(ex -> ex.sendResponseHeaders(200, -1));
        HostileServer target =
            HostileServer.start(
                HostileServer.forwardExcept(
                    upstream.baseUrl(),
                    ex ->
                        ex.getRequestMethod().equals("GET")
                            && ex.getRequestURI().getPath().matches("/api/tasks/[0-9a-f]{24}")
                            && "wkcheck-load".equals(ex.getRequestHeaders().getFirst("User-Agent")),
                    HostileServer.redirectTo(other.url())))) {
      int exit =
          load(
              target.url(),
              "--simulation",
              "task-read",
              "--rate",
              "5",
              "--duration",
              "2",
              "--ramp",
              "0");
      assertEquals(exit, 1, "the redirected requests fail their status check");
      long redirected =
          target.seen().stream()
              .filter(
                  s -> "wkcheck-load".equals(s.userAgent()) && s.uri().startsWith("/api/tasks/"))
              .count();
      assertTrue(redirected >= 5, "Gatling sent its requests: " + redirected);
      assertEquals(other.seen(), List.of(), "requests that reached the other port");
    }
  }

  /**
   * A target that behaves during the set-up and then answers the load with endless bodies: the run
   * ends in bounded time with exit 1, says why, and leaves nothing behind.
   */
  @Test(timeOut = 240_000)
  public void anEndlessBodyUnderLoadEndsTheRun() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-hostile-load");
    try (HostileServer target =
        HostileServer.start(
            HostileServer.forwardExcept(
                upstream.baseUrl(),
                ex -> "wkcheck-load".equals(ex.getRequestHeaders().getFirst("User-Agent")),
                HostileServer.endless()))) {
      long start = System.nanoTime();
      int exit =
          Main.run(
              "load",
              "--quiet",
              "--target",
              target.url(),
              "--token-file",
              upstream.tokenFile().toString(),
              "--out",
              out.toString(),
              "--heap",
              "256m",
              "--timeout",
              "5",
              "--simulation",
              "task-read",
              "--rate",
              "5",
              "--duration",
              "3",
              "--ramp",
              "0");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertEquals(exit, 1);
      assertTrue(seconds < 150, "took " + seconds + " s");
      JsonNode summary =
          JsonMapper.builder()
              .build()
              .readTree(Files.readString(out.resolve("latest").resolve("summary.json")));
      assertTrue(summary.path("reasons").size() > 0, "the summary says why: " + summary);
      assertEquals(summary.path("requests").path("all").path("errorPercent").asDouble(), 100.0);
      assertEquals(summary.path("leftOnTarget").size(), 0, "left on the target: " + summary);
    }
  }

  /**
   * Every request of a load run counts against {@code --max-rps}: set-up, read-back and clean-up
   * (the harness's own client, strictly spaced) and the load itself (Gatling's throttle, per
   * second).
   */
  @Test(timeOut = 240_000)
  public void everyRequestCountsAgainstTheRateCap() throws Exception {
    int cap = 10;
    try (HostileServer target =
        HostileServer.start(HostileServer.forwardExcept(upstream.baseUrl(), ex -> false, null))) {
      int exit =
          load(
              target.url(),
              "--simulation",
              "task-creation",
              "--rate",
              "3",
              "--duration",
              "3",
              "--ramp",
              "0",
              "--batch-size",
              "2",
              "--max-rps",
              Integer.toString(cap),
              "--slo-p95",
              "60000",
              "--slo-p99",
              "60000");
      assertEquals(exit, 0, "the run passes at this rate");
      List<HostileServer.Seen> seen = target.seen();
      List<Long> harness = new ArrayList<>();
      List<Long> gatling = new ArrayList<>();
      for (HostileServer.Seen s : seen) {
        ("wkcheck-load".equals(s.userAgent()) ? gatling : harness).add(s.nanos());
      }
      assertTrue(harness.size() > 2 * cap, "set-up, read-back and clean-up: " + harness.size());
      assertTrue(gatling.size() > 10, "the load: " + gatling.size());
      // the harness's own requests are sent 1/cap apart: any second of arrivals holds at most cap
      // of them, give or take one for the jitter between sending and arriving
      assertTrue(
          mostInOneSecond(harness) <= cap + 1,
          "harness requests in one second: " + mostInOneSecond(harness));
      // everything together, Gatling's throttle included, stays near the cap in any second
      assertTrue(
          mostInOneSecond(merged(harness, gatling)) <= cap + cap / 2,
          "requests in one second: " + mostInOneSecond(merged(harness, gatling)));
    }
  }

  private static List<Long> merged(List<Long> a, List<Long> b) {
    List<Long> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The most arrivals within any window of one second (sliding). */
  private static int mostInOneSecond(List<Long> nanos) {
    List<Long> t = new ArrayList<>(nanos);
    t.sort(null);
    int most = 0;
    int from = 0;
    for (int i = 0; i < t.size(); i++) {
      while (t.get(i) - t.get(from) >= 1_000_000_000L) {
        from++;
      }
      most = Math.max(most, i - from + 1);
    }
    return most;
  }
}
