package org.wkcheck.load;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.load.record.LatencyRecorder;

/** The parts of a load run that need no Gatling: the rails, the early stop, the statistics. */
public class LoadRailsTest {

  private static LoadSettings settings(String target, Double rate, Integer users, int maxRps) {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("target", target);
    if (rate != null) {
      p.put("rate", rate.toString());
    }
    if (users != null) {
      p.put("users", users.toString());
    }
    p.put("maxRps", Integer.toString(maxRps));
    p.put("ramp", "1");
    p.put("duration", "5");
    return settings(p);
  }

  /** Settings as the Gatling JVM reads them: these {@code wkcheck.*} properties, defaults else. */
  private static LoadSettings settings(Map<String, String> properties) {
    return LoadSettings.fromProperties(
        k -> properties.get(k.substring(LoadSettings.PREFIX.length())));
  }

  @Test
  public void loopbackTargetsAreAllowed() {
    assertEquals(settings("http://127.0.0.1:9000", 10.0, null, 500).problems(), List.of());
    assertEquals(settings("http://localhost:9000", 10.0, null, 500).problems(), List.of());
    assertEquals(settings("http://[::1]:9000", 10.0, null, 500).problems(), List.of());
  }

  @Test
  public void otherTargetsNeedTheOptIn() {
    List<String> p = settings("http://10.1.2.3:9000", 10.0, null, 500).problems();
    assertEquals(p.size(), 1);
    assertTrue(p.get(0).contains("--allow-remote-load"), p.get(0));
    LoadSettings allowed =
        settings(Map.of("target", "http://10.1.2.3:9000", "rate", "10", "allowRemoteLoad", "true"));
    assertEquals(allowed.problems(), List.of());
  }

  @Test
  public void aRateAboveTheCapIsRefused() {
    List<String> p = settings("http://127.0.0.1:1", 600.0, null, 500).problems();
    assertEquals(p.size(), 1);
    assertTrue(p.get(0).contains("--max-rps"), p.get(0));
    assertEquals(settings("http://127.0.0.1:1", 600.0, null, 600).problems(), List.of());
    assertFalse(settings("http://127.0.0.1:1", null, 501, 500).problems().isEmpty());
  }

  @Test
  public void runsAreBoundedAndNeedOneModel() {
    assertFalse(settings("http://127.0.0.1:1", 10.0, 5, 500).problems().isEmpty());
    assertFalse(
        settings("http://127.0.0.1:1", 10.0, null, 500).withModel(null, null).problems().isEmpty());
    LoadSettings tooLong =
        settings(
            Map.of("target", "http://127.0.0.1:1", "rate", "10", "ramp", "10", "duration", "3600"));
    assertTrue(tooLong.problems().stream().anyMatch(x -> x.contains("bounded")));
    assertFalse(settings("ftp://127.0.0.1:1", 10.0, null, 500).problems().isEmpty());
  }

  @Test
  public void propertiesRoundTrip() {
    LoadSettings s = settings("http://127.0.0.1:9000", 12.5, null, 700);
    Map<String, String> props = s.toProperties();
    assertFalse(props.containsKey("wkcheck.token"), "the token is never a property");
    LoadSettings back = LoadSettings.fromProperties(props::get);
    assertEquals(back.toProperties(), props);
  }

  @Test
  public void theEarlyStopNeedsErrorsInEverySecondOfTheWindow() {
    ErrorWatch w = new ErrorWatch(50, 3);
    long t = 1_000_000;
    for (long s = t; s < t + 3; s++) {
      for (int i = 0; i < 10; i++) {
        assertFalse(w.record(i < 8, s), "a healthy second never stops the run");
      }
    }
    for (long s = t + 3; s < t + 6; s++) {
      for (int i = 0; i < 10; i++) {
        w.record(i < 2, s);
      }
    }
    assertNull(w.reason(), "the third bad second is not complete yet");
    assertTrue(w.record(false, t + 6), "three whole seconds above 50% errors stop the run");
    assertTrue(w.reason().contains("50%"), w.reason());
  }

  @Test
  public void aSingleBadSecondDoesNotStopTheRun() {
    ErrorWatch w = new ErrorWatch(50, 3);
    long t = 2_000_000;
    for (int i = 0; i < 10; i++) {
      w.record(false, t);
    }
    for (int i = 0; i < 10; i++) {
      w.record(true, t + 1);
    }
    for (int i = 0; i < 10; i++) {
      w.record(false, t + 2);
    }
    assertFalse(w.record(false, t + 3));
    assertNull(w.reason());
  }

  @Test
  public void percentilesAreNearestRank() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 1; i <= 100; i++) {
      r.record("GET /api/tasks/:id", i, i != 100, 10);
    }
    r.record("GET /api/tasks/:id", -1, false, 0); // no answer: an error without a time
    r.tick();
    LatencyRecorder.RequestStats s = r.stats().get("GET /api/tasks/:id");
    assertEquals(s.count(), 101);
    assertEquals(s.errors(), 2);
    assertEquals(s.p50(), 50);
    assertEquals(s.p95(), 95);
    assertEquals(s.p99(), 99);
    assertEquals(s.max(), 100);
    assertEquals(s.bytes(), 1000);
    assertEquals(r.stats().get("all").count(), 101);
  }

  /**
   * Failed requests reach the summary by what went wrong: counted in the recorder, written to
   * stats.json, and listed per request name in summary.json and in summary.md's Failures table.
   */
  @Test
  public void failuresReachTheSummaryByKind() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("wkcheck-summary");
    LatencyRecorder r = new LatencyRecorder();
    r.record("GET /api/tasks/:id", 5, null, 10);
    r.record("GET /api/tasks/:id", 7, "status 503", 10);
    r.record("GET /api/tasks/:id", 9, "status 503", 10);
    r.record("GET /api/tasks/:id", -1, "no answer", 0);
    r.tick();
    r.write(dir.resolve("stats.json"));
    LoadSettings settings =
        settings(Map.of("target", "http://127.0.0.1:1", "rate", "10", "runDir", dir.toString()));
    LoadSummary s =
        LoadSummary.build(
            "task-read",
            settings,
            true,
            objective -> null,
            new LoadSummary.Ending(0, false, false, null, 1000),
            List.of());
    var failures = s.json().path("requests").path("GET /api/tasks/:id").path("failures");
    assertEquals(failures.path("status 503").asLong(), 2L, failures.toString());
    assertEquals(failures.path("no answer").asLong(), 1L, failures.toString());
    assertEquals(
        s.json().path("requests").path("all").path("failures").path("status 503").asLong(), 2L);
    s.write(dir);
    String md = java.nio.file.Files.readString(dir.resolve("summary.md"));
    assertTrue(md.contains("### Failures"), md);
    assertTrue(md.contains("| `GET /api/tasks/:id` | status 503 | 2 |"), md);
  }
}
