package org.wkcheck.load.capacity;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * The search MUST bracket a known capacity to its resolution, decide noisy rates near it by
 * majority, and stop with what is known when the generator or the rate cap is the limit.
 */
public class SearchTest {

  private static Search run(Search s, DoublePredicate passes) {
    for (int i = 0; i < 200 && s.next().isPresent(); i++) {
      s.record(passes.test(s.next().getAsDouble()) ? Verdict.PASS : Verdict.FAIL);
    }
    return s;
  }

  @DataProvider
  public Object[][] capacities() {
    return new Object[][] {{7.0}, {150.0}, {600.0}, {2000.0}, {9999.0}};
  }

  /** A server that holds exactly C: the search ends within the resolution below C. */
  @Test(dataProvider = "capacities")
  public void bracketsAKnownCapacity(double capacity) {
    Search s = run(new Search(10, 20_000, 2, 3), r -> r <= capacity);
    assertEquals(s.end(), Search.End.FOUND, s.toString());
    assertTrue(s.passing() <= capacity, s.toString());
    assertTrue(s.passing() >= capacity / 1.02, s + " for " + capacity);
    assertTrue(s.failing() > capacity, s.toString());
    assertTrue(s.bracketPercent() <= 2, s.toString());
    assertEquals(s.steps().get(s.steps().size() - 1).phase(), "confirm");
    assertTrue(s.steps().size() < 40, "steps: " + s.steps().size());
  }

  /** Near the boundary a step passes or fails by chance; the majority of three decides. */
  @Test
  public void noiseNearTheBoundaryIsOutvoted() {
    SplittableRandom random = new SplittableRandom(3);
    int found = 0;
    for (int trial = 0; trial < 50; trial++) {
      // within 3 % of the capacity a step goes the wrong way one time in four
      Search s =
          run(
              new Search(10, 20_000, 2, 3),
              r -> Math.abs(r - 600) < 18 && random.nextInt(4) == 0 ? r > 600 : r <= 600);
      if (s.end() == Search.End.FOUND && s.passing() >= 600 / 1.06 && s.passing() <= 600 * 1.03) {
        found++;
      }
    }
    assertTrue(found >= 45, "found within 6 % in " + found + " of 50 noisy searches");
  }

  @Test
  public void theRateCapEndsTheSearch() {
    Search s = run(new Search(10, 200, 2, 3), r -> r <= 600);
    assertEquals(s.end(), Search.End.RATE_CAP);
    assertEquals(s.passing(), 200.0);
  }

  @Test
  public void anInvalidStepEndsItWithWhatIsKnown() {
    Search s = new Search(10, 20_000, 2, 3);
    s.record(Verdict.PASS);
    s.record(Verdict.PASS);
    s.record(Verdict.INVALID);
    assertEquals(s.end(), Search.End.GENERATOR);
    assertEquals(s.passing(), 20.0);
  }

  @Test
  public void aServerThatHoldsNothingIsSaidSo() {
    Search s = run(new Search(10, 20_000, 2, 3), r -> false);
    assertEquals(s.end(), Search.End.NONE_PASSED);
    assertEquals(s.passing(), 0.0);
  }

  @Test
  public void aCapacityBelowTheStartIsFoundDownwards() {
    Search s = run(new Search(100, 20_000, 5, 1), r -> r <= 30);
    assertEquals(s.end(), Search.End.FOUND, s.toString());
    assertTrue(s.passing() <= 30 && s.passing() >= 30 / 1.05, s.toString());
  }
}
