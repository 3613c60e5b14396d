package org.wkcheck.load.capacity;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.List;
import org.testng.annotations.Test;

/**
 * A step whose generator fell short of the plan MUST NOT pass, and MAY fail only on evidence that
 * holds at the plan too: a correctness failure at any share, a target-side limit from 95 % up.
 */
public class StepVerdictTest {
  @Test
  public void aShortStepFailsOnlyOnEvidenceThatHoldsAtThePlan() {
    assertTrue(StepResult.failsAnyway(List.of("queue", "p95"), 0.986));
    assertTrue(StepResult.failsAnyway(List.of("throughput"), 0.95));
    assertFalse(StepResult.failsAnyway(List.of("queue", "p95"), 0.90), "too far off to judge");
    assertFalse(StepResult.failsAnyway(List.of(), 0.98), "nothing failed: the generator's limit");
    assertTrue(StepResult.failsAnyway(List.of("correctness"), 0.50), "wrong at any rate");
  }
}
