package org.wkcheck.conformance;

import org.testng.ITestContext;
import org.testng.annotations.BeforeClass;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.http.Api;

/**
 * The base of every conformance test class: binds the target, the request set-up and the fixtures
 * of the run (handed over by the runner through the TestNG suite).
 */
public abstract class ConformanceTest {
  protected Target target;
  protected World world;
  protected Api api;
  protected Fixtures fixtures;

  @BeforeClass(alwaysRun = true)
  public void bindTarget(ITestContext context) {
    target = (Target) context.getSuite().getAttribute(Target.ATTRIBUTE);
    if (target == null) {
      throw new IllegalStateException(
          "no target: run the conformance suite with ConformanceRunner (./wkcheck conformance)");
    }
    world = target.world();
    api = (Api) context.getSuite().getAttribute(Api.class.getName());
    fixtures = (Fixtures) context.getSuite().getAttribute(Fixtures.class.getName());
  }
}
