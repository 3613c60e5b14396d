package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.report.TestOutcome;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import org.wkcheck.testing.BufferingProxy;

/**
 * The reference server reached as a remote target (as {@code --target} reaches it), directly and
 * behind a proxy that buffers every answer (a Content-Length instead of chunks, as nginx does by
 * default): no failure, and exactly these skips, each saying why the check could not be made here.
 * A check that cannot be made on a remote target is a skip, never a pass: the default limits need
 * more than 1000 entries, which the suite makes only on the embedded server, and the streaming of
 * downloads is hidden by the proxy (transfer coding is hop-by-hop).
 */
public class RemoteTargetTest {
  private static final int TESTS = 308;
  private static final int NOT_TESTABLE = 18;
  private static final List<String> LIMITS =
      List.of(
          "users.current-tasks.limit-default",
          "users.current-annotations.limit-default",
          "users.tasks.limit-default",
          "users.annotations.limit-default");

  private static ConformanceReport run(String url) {
    Target target =
        TargetResolver.remote(
            url,
            null,
            TargetResolver.seededTokens(),
            TargetWorld.defaults(),
            Limits.of(Duration.ofSeconds(30)),
            "remote");
    try {
      return ConformanceRunner.run(
              new ConformanceRunner.Options(target, null, false, null, Suite.CLASSES))
          .report();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The exact counts, and exactly these requirements skipped, each for the reason given. */
  private static void assertCounts(ConformanceReport r, List<String> expected, String why) {
    List<String> skipped = // in the catalog's order
        r.requirements().stream()
            .map(ConformanceReport.RequirementResult::id)
            .filter(expected::contains)
            .toList();
    assertEquals(skipped.size(), expected.size(), "requirements of the catalog: " + expected);
    StringBuilder failed = new StringBuilder();
    r.requirements().stream()
        .filter(q -> q.status() == ConformanceReport.Status.FAILED)
        .forEach(q -> failed.append(q.id()).append(": ").append(q.message()).append('\n'));
    assertEquals(r.summary().failed(), 0, failed.toString());
    List<String> skips =
        r.requirements().stream()
            .filter(q -> q.status() == ConformanceReport.Status.SKIPPED)
            .map(ConformanceReport.RequirementResult::id)
            .toList();
    assertEquals(skips, skipped);
    for (String id : skipped) {
      String message = r.requirement(id).message();
      assertTrue(message.contains(id.contains("limit") ? "cannot show" : why), id + ": " + message);
    }
    int testable = r.requirements().size() - NOT_TESTABLE;
    assertEquals(
        r.summary(),
        new ConformanceReport.Summary(
            testable - skipped.size(), 0, skipped.size(), 0, NOT_TESTABLE, TESTS));
    Map<TestOutcome.Status, Long> byStatus = new EnumMap<>(TestOutcome.Status.class);
    r.tests().forEach(t -> byStatus.merge(t.status(), 1L, Long::sum));
    assertEquals(
        byStatus,
        Map.of(
            TestOutcome.Status.PASSED,
            (long) TESTS - skipped.size(),
            TestOutcome.Status.SKIPPED,
            (long) skipped.size()),
        "tests by status");
  }

  @Test
  public void directlyOnlyTheDefaultLimitsSkip() {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      assertCounts(run(server.baseUrl()), LIMITS, "cannot show");
    }
  }

  @Test
  public void behindABufferingProxyTheStreamingSkipsToo() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
        BufferingProxy proxy = BufferingProxy.to(server.baseUrl())) {
      List<String> skipped = new java.util.ArrayList<>(LIMITS);
      skipped.add("annotations.download.chunked-stream");
      assertCounts(run(proxy.url()), skipped, "hop-by-hop");
    }
  }
}
