package org.wkcheck.testing;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import org.wkcheck.conformance.report.ConformanceReport;

/** Assertions on the report of a conformance run against a target that misbehaves. */
public final class ConformanceAsserts {
  private ConformanceAsserts() {}

  /** The run failed (exit 1), and the build-info check failed with a message naming the cause. */
  public static void assertBuildInfoFailsWith(ConformanceReport r, String cause) {
    assertEquals(r.exitCode(), 1);
    var build = r.requirement("buildinfo.read.returns-version-info");
    assertEquals(build.status(), ConformanceReport.Status.FAILED, String.valueOf(build.message()));
    assertTrue(build.message().contains(cause), build.message());
  }
}
