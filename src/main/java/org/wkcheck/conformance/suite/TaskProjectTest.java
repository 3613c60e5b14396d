package org.wkcheck.conformance.suite;

import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.wkcheck.conformance.ConformanceTest;

/**
 * The base of the task and project test classes: every test (every data-provider row) gets a fresh
 * {@link TaskProjectSupport} in {@link #s}; when the test ends, however it ends, the projects it
 * made or adopted are deleted with their tasks and task annotations.
 */
abstract class TaskProjectTest extends ConformanceTest {
  /** The running test's requests to the task and project routes, and its projects. */
  TaskProjectSupport s;

  @BeforeMethod(alwaysRun = true)
  public void openSupport() {
    s = new TaskProjectSupport(api, fixtures, world);
  }

  @AfterMethod(alwaysRun = true)
  public void closeSupport() {
    if (s != null) {
      s.close();
      s = null;
    }
  }
}
