package org.wkcheck.conformance;

import java.util.Arrays;
import java.util.List;
import org.testng.IConfigurable;
import org.testng.IConfigureCallBack;
import org.testng.IHookCallBack;
import org.testng.IHookable;
import org.testng.ITestContext;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.target.Precondition;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetWorld;

/**
 * The base of every conformance test class: binds the target, the request set-up and the fixtures
 * of the run (handed over by the runner through the TestNG suite), and reports a {@link
 * Precondition} the target cannot meet (thrown by the request set-up or the fixtures, which know
 * nothing of TestNG) as the skip it is, with its reason.
 */
public abstract class ConformanceTest implements IHookable, IConfigurable {
  protected Target target;
  protected TargetWorld world;
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

  @Override
  public void run(IHookCallBack callBack, ITestResult result) {
    callBack.runTestMethod(result);
    skipOnPrecondition(result);
  }

  @Override
  public void run(IConfigureCallBack callBack, ITestResult result) {
    callBack.runConfigurationMethod(result);
    skipOnPrecondition(result);
  }

  private static void skipOnPrecondition(ITestResult result) {
    for (Throwable t = result.getThrowable(); t != null; t = t.getCause()) {
      if (t instanceof Precondition p) {
        result.setThrowable(new SkipException(p.getMessage()));
        result.setStatus(ITestResult.SKIP);
        return;
      }
    }
  }

  /** Data-provider rows of one parameter each. */
  protected static Object[][] rows(Object... values) {
    Object[][] rows = new Object[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new Object[] {values[i]};
    }
    return rows;
  }

  /**
   * Data-provider rows of two parameters: each of {@code firsts} with each of {@code seconds}, in
   * that order (all rows of the first value of {@code firsts} first).
   */
  protected static Object[][] pairs(Object[] firsts, Object... seconds) {
    Object[][] rows = new Object[firsts.length * seconds.length][];
    for (int i = 0; i < firsts.length; i++) {
      for (int j = 0; j < seconds.length; j++) {
        rows[i * seconds.length + j] = new Object[] {firsts[i], seconds[j]};
      }
    }
    return rows;
  }

  /** The roles whose token is given, the main user first; skips the test when none is. */
  protected List<Role> roles() {
    List<Role> roles = Arrays.stream(Role.values()).filter(api::has).toList();
    if (roles.isEmpty()) {
      throw new SkipException("no token is given (" + Role.ADMIN.environmentVariable() + ")");
    }
    return roles;
  }
}
