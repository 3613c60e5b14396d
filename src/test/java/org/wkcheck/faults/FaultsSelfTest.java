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
import org.wkcheck.faults.FaultsRunner.Verdict;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.server.faults.FaultLayer;

/**
 * The fault-injection self-test in CI. Over every fault, cheaply: what it declares (the
 * requirements it breaks and its collateral) is in the requirement catalog and testable, and it
 * changes the server. Against the suite, a fixed representative subset (one per kind and seam: a
 * renamed field with collateral, a wrong status, an ignored filter, a missing cap, auth not
 * enforced, a wrong content type, an upload option ignored, a lost update) must each be detected
 * exactly: what fails is what it declares, no more and no less. The full run of every fault is
 * {@code ./wkcheck faults} (about six minutes here; see the README). The clean run is {@code
 * ConformanceSuiteTest}.
 */
public class FaultsSelfTest {
  static final List<Fault> REPRESENTATIVE =
      List.of(
          Fault.TASK_STATUS_OPEN_RENAMED_PENDING,
          Fault.PARTIAL_FAILURE_400,
          Fault.USERS_IS_ADMIN_IGNORED,
          Fault.TASK_LIST_CAP_MISSING,
          Fault.PROJECTS_WITHOUT_LOGIN,
          Fault.NML_AS_TEXT_PLAIN,
          Fault.CREATE_GROUP_IGNORED,
          Fault.INCREMENT_LOST_UPDATES);

  /**
   * Every fault MUST declare requirements the catalog has and says are testable, as broken or as
   * collateral but not both, and say why it has collateral; there are at least 40 faults.
   */
  @Test
  public void faultsDeclareKnownTestableRequirements() {
    RequirementCatalog catalog = Contract.documented().requirements();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Fault f : Fault.values()) {
      assertTrue(ids.add(f.id()), "duplicate fault name " + f.id());
      assertFalse(f.breaks().isEmpty(), f.id() + " declares nothing");
      List<String> collateral = f.collateral().requirements();
      List<String> all = new ArrayList<>(f.breaks());
      all.addAll(collateral);
      for (String id : all) {
        var r = catalog.byId(id);
        if (r.isEmpty() || !r.get().testable()) {
          problems.add(f.id() + " declares " + id + ", which is not a testable requirement");
        }
      }
      if (new HashSet<>(all).size() != all.size()) {
        problems.add(f.id() + " declares a requirement twice (or both broken and collateral)");
      }
      if (collateral.isEmpty() != f.collateral().why().isBlank()) {
        problems.add(f.id() + " has collateral without saying why, or a why without collateral");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(Fault.values().length >= 40, "at least 40 faults: " + Fault.values().length);
  }

  /** Every fault MUST change the server at one of its seams, or nothing could detect it. */
  @Test
  public void everyFaultChangesTheServer() {
    assertTrue(FaultLayer.of(Set.of()).isEmpty(), "no fault, no change");
    List<String> inert = new ArrayList<>();
    for (Fault f : Fault.values()) {
      if (FaultLayer.of(Set.of(f)).isEmpty()) {
        inert.add(f.id());
      }
    }
    assertTrue(inert.isEmpty(), "faults that change nothing: " + inert);
  }

  /**
   * The verdict MUST be "detected exactly" only when the failed requirements are the broken ones
   * plus the whole collateral, and say which of the two differs otherwise.
   */
  @Test
  public void verdictComparesWithBrokenAndCollateral() {
    List<String> breaks = List.of("a", "b");
    List<String> collateral = List.of("c");
    assertEquals(Verdict.of(breaks, collateral, Set.of("a", "b", "c")), Verdict.DETECTED_EXACTLY);
    assertEquals(Verdict.of(breaks, List.of(), Set.of("a", "b")), Verdict.DETECTED_EXACTLY);
    assertEquals(Verdict.of(breaks, collateral, Set.of("a", "c")), Verdict.MISSED);
    assertEquals(
        Verdict.of(breaks, collateral, Set.of("a", "b", "c", "d")),
        Verdict.DETECTED_WITH_UNDECLARED_FAILURES);
    assertEquals(
        Verdict.of(breaks, collateral, Set.of("a", "b")), Verdict.DETECTED_WITHOUT_COLLATERAL);
    assertEquals(
        Verdict.of(breaks, collateral, Set.of("a", "b", "d")),
        Verdict.DETECTED_WITH_UNDECLARED_FAILURES_WITHOUT_COLLATERAL);
  }

  /**
   * Each representative fault MUST make the suite fail exactly the requirements it breaks and its
   * declared collateral.
   */
  @Test
  public void representativeFaultsAreDetectedExactly() throws Exception {
    List<FaultsRunner.Result> results = FaultsRunner.run(REPRESENTATIVE, 2, null, false);
    assertEquals(results.size(), REPRESENTATIVE.size());
    List<String> inexact = new ArrayList<>();
    for (FaultsRunner.Result r : results) {
      if (r.verdict() != Verdict.DETECTED_EXACTLY) {
        inexact.add(
            r.fault()
                + ": "
                + r.verdict().words()
                + " (breaks "
                + r.expected()
                + "; failed "
                + r.failed()
                + "; undeclared "
                + r.undeclared()
                + "; collateral not failed "
                + r.collateralNotFailed()
                + ")");
      }
    }
    assertTrue(inexact.isEmpty(), "not detected exactly:\n" + String.join("\n", inexact));
  }
}
