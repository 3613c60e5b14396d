package org.wkcheck.faults;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.RequirementCatalog;
import org.wkcheck.server.faults.Fault;

/**
 * The fault-injection self-test in CI: a fixed representative subset of the faults (one per kind: a
 * renamed field, a wrong status, an ignored filter, a missing cap, auth not enforced, a wrong
 * content type, an upload option ignored, a lost update) must each be detected. The full run of
 * every fault is {@code ./wkcheck faults} (about a quarter of an hour here; see the README). The
 * clean run is {@code ConformanceSuiteTest}.
 */
public class FaultsSelfTest {
  static final List<Fault> REPRESENTATIVE =
      List.of(
          Fault.ASSIGNMENTS_COUNT_RENAMED,
          Fault.PARTIAL_FAILURE_400,
          Fault.USERS_IS_ADMIN_IGNORED,
          Fault.TASK_LIST_CAP_MISSING,
          Fault.PROJECTS_WITHOUT_LOGIN,
          Fault.NML_AS_TEXT_PLAIN,
          Fault.CREATE_GROUP_IGNORED,
          Fault.INCREMENT_LOST_UPDATES);

  /**
   * Every fault MUST declare requirements the catalog has and says are testable; there are at least
   * 40.
   */
  @Test
  public void faultsDeclareKnownTestableRequirements() {
    RequirementCatalog catalog = Contract.documented().requirements();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Fault f : Fault.values()) {
      assertTrue(ids.add(f.id()), "duplicate fault name " + f.id());
      assertFalse(f.breaks().isEmpty(), f.id() + " declares nothing");
      for (String id : f.breaks()) {
        var r = catalog.byId(id);
        if (r.isEmpty() || !r.get().testable()) {
          problems.add(f.id() + " declares " + id + ", which is not a testable requirement");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(Fault.values().length >= 40, "at least 40 faults: " + Fault.values().length);
  }

  /** Each representative fault MUST make the suite fail the requirements it declares. */
  @Test
  public void representativeFaultsAreDetected() throws Exception {
    List<FaultsRunner.Result> results = FaultsRunner.run(REPRESENTATIVE, 2, null, false);
    assertEquals(results.size(), REPRESENTATIVE.size());
    List<String> missed = new ArrayList<>();
    for (FaultsRunner.Result r : results) {
      if (r.verdict() == FaultsRunner.Verdict.MISSED) {
        missed.add(r.fault() + " (declares " + r.expected() + ", failed " + r.failed() + ")");
      }
    }
    assertTrue(missed.isEmpty(), "missed: " + missed);
  }
}
