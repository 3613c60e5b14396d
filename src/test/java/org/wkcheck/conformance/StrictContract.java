package org.wkcheck.conformance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testng.annotations.BeforeSuite;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.ContractFiles;

/**
 * Put first in a run's classes, it makes the schema checks of that run strict: every field a schema
 * does not list becomes a notice (collected here), never a failure. It runs after the runner has
 * selected the documented contract and before any test; the next run selects it again.
 */
public class StrictContract {
  static final List<String> NOTICES = new CopyOnWriteArrayList<>();
  static volatile boolean applied;

  @BeforeSuite(alwaysRun = true)
  public void useTheStrictContract() {
    NOTICES.clear();
    Checks.useContract(
        Contract.load(ContractFiles.classpath(), Contract.DEFAULT_PROFILE, true), NOTICES::add);
    applied = true;
  }
}
