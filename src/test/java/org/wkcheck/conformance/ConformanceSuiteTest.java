package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole conformance suite against the reference server: it MUST pass (no testable requirement
 * fails, every one is tested), leave nothing behind, and write reports that hold the contract's
 * fields and no token.
 */
public class ConformanceSuiteTest {
  private ReferenceServer server;
  private ConformanceRunner.Run run;
  private Path out;

  @BeforeClass
  public void runTheSuite() throws Exception {
    server = ReferenceServer.start(ServerOptions.defaults());
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      tokens.put(r, SeedWorld.token(r.seededUser()));
    }
    out = Files.createTempDirectory("wkcheck-conformance");
    Target target =
        new Target(
            server.baseUrl(),
            null,
            tokens,
            World.defaults(),
            Duration.ofSeconds(10),
            "suitetest",
            true);
    run =
        ConformanceRunner.run(
            new ConformanceRunner.Options(target, out, false, null, Suite.CLASSES));
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** On the reference server no testable requirement may fail or go untested. */
  @Test
  public void theReferenceServerPasses() {
    ConformanceReport r = run.report();
    List<String> failed =
        r.requirements().stream()
            .filter(q -> q.status() == ConformanceReport.Status.FAILED)
            .map(q -> q.id() + ": " + q.message())
            .toList();
    assertTrue(failed.isEmpty(), String.join("\n", failed));
    List<String> untested =
        r.requirements().stream()
            .filter(q -> q.status() == ConformanceReport.Status.NOT_TESTED)
            .map(ConformanceReport.RequirementResult::id)
            .toList();
    assertTrue(untested.isEmpty(), "not tested: " + untested);
    assertEquals(r.exitCode(), 0);
    assertTrue(r.leftBehind().isEmpty(), "left behind: " + r.leftBehind());
  }

  /** Everything the run created MUST be gone: no project with the run's prefix remains. */
  @Test
  public void nothingIsLeftBehind() {
    server
        .world()
        .read(
            () -> {
              server
                  .world()
                  .projects()
                  .forEach(p -> assertFalse(p.name.startsWith("wkc_suitetest_"), p.name));
              return null;
            });
  }

  /** report.json MUST hold target, apiVersion, summary, requirements and routes. */
  @Test
  public void reportJsonHasTheContractFields() throws Exception {
    JsonNode j = JsonMapper.builder().build().readTree(out.resolve("latest/report.json").toFile());
    for (String f : List.of("target", "apiVersion", "summary", "requirements", "routes")) {
      assertTrue(j.has(f), "report.json lacks " + f);
    }
    for (String f : List.of("passed", "failed", "skipped")) {
      assertTrue(j.path("summary").path(f).isIntegralNumber(), "summary." + f);
    }
    JsonNode req = j.path("requirements").get(0);
    for (String f : List.of("id", "routes", "status")) {
      assertTrue(req.has(f), "requirement lacks " + f);
    }
    assertEquals(j.path("routes").size(), 37);
    for (JsonNode route : j.path("routes")) {
      assertTrue(route.path("requests").asInt() > 0, "route never exercised: " + route);
    }
    assertTrue(Files.isRegularFile(out.resolve("latest/report.md")));
    assertTrue(Files.isDirectory(out.resolve("latest/junit")));
  }

  /** No report file may contain a token. */
  @Test
  public void noTokenInAnyReport() throws Exception {
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        for (Role r : Role.values()) {
          assertFalse(text.contains(SeedWorld.token(r.seededUser())), "token of " + r + " in " + f);
        }
      }
    }
  }
}
