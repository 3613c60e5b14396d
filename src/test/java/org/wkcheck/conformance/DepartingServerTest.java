package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.suite.TasksConformance;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server that departs from the document MUST fail the run: a proxy in front of the reference
 * server drops {@code status.open} from every task it returns on GET /tasks/:id; the run must fail
 * the requirement, and the report must show the request and a curl line, without the token.
 */
public class DepartingServerTest {

  @Test
  public void aDroppedFieldFailsTheRequirementWithItsRequest() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    HttpClient http = HttpClient.newHttpClient();
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      Javalin proxy =
          Javalin.create(
                  c -> {
                    c.startup.showJavalinBanner = false;
                    c.routes.before(
                        ctx -> {
                          HttpRequest.Builder b =
                              HttpRequest.newBuilder(
                                      URI.create(
                                          server.baseUrl()
                                              + ctx.path()
                                              + (ctx.queryString() == null
                                                  ? ""
                                                  : "?" + ctx.queryString())))
                                  .method(
                                      ctx.method().name(),
                                      HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
                          for (String h : List.of("X-Auth-Token", "Content-Type")) {
                            if (ctx.header(h) != null) {
                              b.header(h, ctx.header(h));
                            }
                          }
                          HttpResponse<byte[]> r =
                              http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                          byte[] body = r.body();
                          if (ctx.method().name().equals("GET")
                              && ctx.path().matches("/api/tasks/[0-9a-f]{24}")
                              && r.statusCode() == 200) {
                            ObjectNode task = (ObjectNode) json.readTree(body);
                            ((ObjectNode) task.path("status")).remove("open");
                            body = json.writeValueAsBytes(task);
                          }
                          ctx.status(r.statusCode());
                          r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
                          ctx.result(body).skipRemainingHandlers();
                        });
                  })
              .start("127.0.0.1", 0);
      try {
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
          tokens.put(r, SeedWorld.token(r.seededUser()));
        }
        Path out = Files.createTempDirectory("wkcheck-departing");
        Target t =
            TargetResolver.remote(
                "http://127.0.0.1:" + proxy.port(),
                null,
                tokens,
                TargetWorld.defaults(),
                Limits.of(Duration.ofSeconds(10)),
                "departing");
        ConformanceReport report =
            ConformanceRunner.run(
                    new ConformanceRunner.Options(
                        t, out, false, null, List.of(TasksConformance.class)))
                .report();
        assertEquals(report.exitCode(), 1);
        var read =
            report.requirements().stream()
                .filter(q -> q.id().equals("tasks.read.returns-task"))
                .findFirst()
                .orElseThrow();
        assertEquals(
            read.status(), ConformanceReport.Status.FAILED, String.valueOf(read.message()));
        assertTrue(read.message().contains("open"), read.message());
        String md = Files.readString(out.resolve("latest/report.md"));
        assertTrue(md.contains("[tasks.read.returns-task]"), md);
        assertTrue(md.contains("curl -X GET -H \"X-Auth-Token: $WK_TOKEN\""), md);
        assertTrue(md.contains("(X-Auth-Token: <redacted>)"), md);
        for (Role r : Role.values()) {
          assertTrue(!md.contains(SeedWorld.token(r.seededUser())), "token in report.md");
        }
      } finally {
        proxy.stop();
      }
    }
  }
}
