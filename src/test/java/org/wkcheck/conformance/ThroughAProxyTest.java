package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import org.wkcheck.testing.BufferingProxy;

/**
 * The reference server behind a proxy that buffers every answer (a Content-Length instead of
 * chunks, as nginx does by default) conforms: the suite has no failure. The streaming of downloads,
 * which the proxy hides (transfer coding is hop-by-hop), is a skip saying so, not a failure.
 */
public class ThroughAProxyTest {
  @Test
  public void aBufferingProxyFailsNothing() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
        BufferingProxy proxy = BufferingProxy.to(server.baseUrl())) {
      Target target =
          TargetResolver.remote(
              proxy.url(),
              null,
              TargetResolver.seededTokens(),
              TargetWorld.defaults(),
              Limits.of(Duration.ofSeconds(30)),
              "proxy");
      ConformanceReport r =
          ConformanceRunner.run(
                  new ConformanceRunner.Options(target, null, false, null, Suite.CLASSES))
              .report();
      StringBuilder failed = new StringBuilder();
      r.requirements().stream()
          .filter(q -> q.status() == ConformanceReport.Status.FAILED)
          .forEach(q -> failed.append(q.id()).append(": ").append(q.message()).append('\n'));
      assertEquals(r.summary().failed(), 0, failed.toString());
      ConformanceReport.RequirementResult chunked =
          r.requirement("annotations.download.chunked-stream");
      assertEquals(chunked.status(), ConformanceReport.Status.SKIPPED);
      assertTrue(chunked.message().contains("hop-by-hop"), chunked.message());
    }
  }
}
