package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.ok;

import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;

/** {@code GET /buildinfo}. */
public class BuildInfoConformance extends ConformanceTest {

  /** GET /buildinfo MUST answer 200 with a JSON object about the version of webKnossos. */
  @Test
  @Requirement("buildinfo.read.returns-version-info")
  public void buildInfoDescribesTheVersion() {
    ok(api.anonymous().get("/buildinfo"), "documented/buildinfo.json");
  }
}
