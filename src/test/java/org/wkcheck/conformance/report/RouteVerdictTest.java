package org.wkcheck.conformance.report;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceRunner;
import org.wkcheck.conformance.Suite;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/**
 * The route table blames only the routes whose exchanges failed a check: against a server whose one
 * defect is that the routes of {@code /tasks/:id} answer 500 for an unknown id, the requirement
 * that every route refuses unknown ids fails (it spans 23 routes), but only those four routes are
 * FAIL; the other routes of that requirement are tested, not failed.
 */
public class RouteVerdictTest {
  @Test
  public void onlyTheFaultyRouteFails() throws Exception {
    try (ReferenceServer server =
        ReferenceServer.start(
            ServerOptions.defaults().withFaults(Set.of(Fault.UNKNOWN_TASK_500)))) {
      Target target =
          TargetResolver.embedded(
              server.baseUrl(),
              TargetResolver.Request.embedded(
                  TargetWorld.defaults(), Limits.of(Duration.ofSeconds(10)), "routes"));
      ConformanceReport report =
          ConformanceRunner.run(
                  new ConformanceRunner.Options(target, null, false, null, Suite.CLASSES))
              .report();
      ConformanceReport.RequirementResult spanning =
          report.requirement("general.path.unknown-id-refused");
      assertEquals(spanning.status(), ConformanceReport.Status.FAILED);
      assertTrue(spanning.routes().size() > 20, spanning.routes().toString());
      List<String> failed =
          report.routes().stream()
              .filter(r -> r.status() == ConformanceReport.Status.FAILED)
              .map(r -> r.method() + " " + r.path())
              .toList();
      assertEquals(
          failed,
          List.of(
              "GET /tasks/:id",
              "DELETE /tasks/:id",
              "PUT /tasks/:id",
              "GET /tasks/:id/annotations"));
      long passed =
          report.routes().stream()
              .filter(r -> r.status() == ConformanceReport.Status.PASSED)
              .count();
      assertEquals(passed, report.routes().size() - 4, report.routes().toString());
    }
  }
}
