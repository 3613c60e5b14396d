package org.wkcheck.load.scaleout;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.http.Limits;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.Share;

/** The shares of a total add up to it exactly, and each injector's settings are its share. */
public class ShareTest {

  private static LoadSettings total(Double rate, Integer users, int duration, int maxRps) {
    return new LoadSettings(
        "http://127.0.0.1:9000",
        null,
        rate,
        users,
        5,
        duration,
        10,
        maxRps,
        false,
        200,
        500,
        1,
        50,
        5,
        20,
        10,
        Limits.DEFAULT_MAX_BODY,
        null,
        Path.of("/tmp/run/R1"),
        "R1");
  }

  @Test
  public void partsAddUpExactlyAndDifferByAtMostOne() {
    for (long total : new long[] {0, 1, 2, 7, 100, 1001, 6000, 999_983}) {
      for (int n = 1; n <= 13; n++) {
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
          long p = Share.part(total, i, n);
          sum += p;
          min = Math.min(min, p);
          max = Math.max(max, p);
        }
        assertEquals(sum, total, total + " over " + n);
        assertTrue(max - min <= 1, total + " over " + n + ": parts from " + min + " to " + max);
      }
    }
  }

  @Test
  public void anInjectorsSettingsAreItsShare() {
    Path run = Path.of("/tmp/run/R1");
    LoadSettings t = total(100.0, null, 20, 500);
    double rates = 0;
    int caps = 0;
    for (int i = 0; i < 3; i++) {
      Share s = new Share(i, 3, null, run, false);
      LoadSettings mine = s.of(t);
      rates += mine.rate() * mine.durationSeconds();
      caps += mine.maxRps();
      assertEquals(mine.runDir(), run.resolve("injectors").resolve(Integer.toString(i)));
      assertEquals(mine.runId(), "R1-" + i);
      assertEquals(s.runId(mine.runId()), "R1");
      assertEquals(mine.setup(), run.toAbsolutePath().resolve("setup.json").toString());
      assertEquals(mine.rampSeconds(), 5);
      assertEquals(mine.p95Ms(), 200, "the objectives are the run's, not a share of them");
    }
    assertEquals(Math.round(rates), 2000L, "the hold's 2000 journeys are split exactly");
    assertEquals(caps, 500, "the rate cap is split exactly");
    int users = 0;
    for (int i = 0; i < 4; i++) {
      users += new Share(i, 4, null, run, false).of(total(null, 10, 20, 500)).users();
    }
    assertEquals(users, 10);
  }

  @Test
  public void tooSmallATotalForTheInjectorsIsAProblem() {
    assertNull(Share.problem(total(1.0, null, 3, 500), 3));
    assertNotNull(Share.problem(total(0.5, null, 3, 500), 3), "1.5 journeys for 3 injectors");
    assertNotNull(Share.problem(total(null, 2, 3, 500), 3), "2 users for 3 injectors");
    assertNotNull(Share.problem(total(10.0, null, 3, 2), 3), "a cap of 2 requests/s for 3");
  }

  @Test
  public void evenArrivalsInterleaveAndPoissonOnesAreNotOffset() {
    Path run = Path.of("/tmp/run/R1");
    assertEquals(new Share(0, 4, null, run, false).offsetSeconds(10), 0.0);
    assertEquals(new Share(1, 4, null, run, false).offsetSeconds(10), 0.025, 1e-12);
    assertEquals(new Share(3, 4, null, run, false).offsetSeconds(10), 0.075, 1e-12);
    assertEquals(new Share(3, 4, null, run, true).offsetSeconds(10), 0.0);
  }

  @Test
  public void theShareTravelsAsSystemProperties() {
    Share s = new Share(2, 5, 1_700_000_000_000L, Path.of("/tmp/run/R1"), true);
    Map<String, String> p = new HashMap<>(s.toProperties());
    assertEquals(Share.fromProperties(p::get), s);
    assertNull(Share.fromProperties(k -> null), "no share: a whole run");
  }
}
