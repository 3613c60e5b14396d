package org.wkcheck.conformance;

import java.util.Arrays;
import java.util.List;
import org.testng.ITestContext;
import org.testng.SkipException;
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

  /** Data-provider rows of one parameter each. */
  protected static Object[][] rows(Object... values) {
    Object[][] rows = new Object[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new Object[] {values[i]};
    }
    return rows;
  }

  /** The roles whose token is given, the main user first; skips the test when none is. */
  protected List<Role> roles() {
    List<Role> roles = Arrays.stream(Role.values()).filter(api::has).toList();
    if (roles.isEmpty()) {
      throw new SkipException("no token is given (" + Role.USER.environmentVariable() + ")");
    }
    return roles;
  }
}
