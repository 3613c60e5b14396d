package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.testing.ConformanceAsserts.assertBuildInfoFailsWith;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.suite.AuthConformance;
import org.wkcheck.conformance.suite.BuildInfoConformance;
import org.wkcheck.http.Limits;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/**
 * A target that is down, slow, or answers garbage MUST give clear failures of the affected
 * requirements within bounded time, never a hang, a skip that hides the problem, or a stack trace.
 */
public class HarnessRobustnessTest {

  private static ConformanceReport run(String baseUrl, Duration timeout) throws Exception {
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    tokens.put(Role.ADMIN, "some-token");
    Target t =
        TargetResolver.remote(
            baseUrl, null, tokens, TargetWorld.defaults(), Limits.of(timeout), "robust");
    return ConformanceRunner.run(
            new ConformanceRunner.Options(
                t, null, false, null, List.of(BuildInfoConformance.class, AuthConformance.class)))
        .report();
  }

  private static void assertFailsClearly(ConformanceReport r, String cause) {
    assertBuildInfoFailsWith(r, cause);
    var auth = r.requirement("auth.token.missing-refused");
    assertEquals(
        auth.status(),
        ConformanceReport.Status.FAILED,
        "set-up failure must fail, not skip: " + auth.message());
  }

  private static Javalin serve(io.javalin.http.Handler handler) {
    return Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.routes.before(handler);
            })
        .start("127.0.0.1", 0);
  }

  /** A target that is down fails with "connection refused". */
  @Test(timeOut = 60_000)
  public void targetDown() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertFailsClearly(
        run("http://127.0.0.1:" + port, Duration.ofSeconds(2)), "connection refused");
  }

  /** (content type, body, what the failure says): answers that are not the JSON due. */
  @DataProvider
  public static Object[][] brokenAnswers() {
    return new Object[][] {
      {"text/html", "<html><body>Maintenance</body></html>", "text/html"},
      {"application/json", "{\"webknossos\":{\"name\":", "not JSON"},
    };
  }

  /**
   * An HTML page where JSON is due fails, naming the content type it got; truncated JSON fails with
   * "not JSON".
   */
  @Test(dataProvider = "brokenAnswers", timeOut = 60_000)
  public void aBrokenAnswerFailsSayingWhy(String contentType, String body, String cause)
      throws Exception {
    Javalin app =
        serve(ctx -> ctx.status(200).contentType(contentType).result(body).skipRemainingHandlers());
    try {
      assertFailsClearly(run("http://127.0.0.1:" + app.port(), Duration.ofSeconds(2)), cause);
    } finally {
      app.stop();
    }
  }

  /** A target slower than the request timeout fails with "no answer within", in bounded time. */
  @Test(timeOut = 60_000)
  public void slowTarget() throws Exception {
    Javalin app =
        serve(
            ctx -> {
              Thread.sleep(3_000);
              ctx.result("{}").skipRemainingHandlers();
            });
    try {
      long start = System.nanoTime();
      assertFailsClearly(
          run("http://127.0.0.1:" + app.port(), Duration.ofSeconds(1)),
          "no complete answer within 1 s");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 40, "took " + seconds + " s");
    } finally {
      app.stop();
    }
  }
}
