package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.report.TestOutcome;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.ContractFiles;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole conformance suite against the reference server, once, with strict schema checks ({@link
 * Checks#use}: a field a schema does not list is a notice, never a failure): it MUST pass with
 * exactly the pinned counts and no notice, leave nothing behind, and write reports that hold the
 * contract's fields and no token.
 */
public class ConformanceSuiteTest {
  /** Testable requirements, all passed; the catalog's untestable ones; tests (rows included). */
  private static final int PASSED = 209;

  private static final int NOT_TESTABLE = 18;
  private static final int TESTS = 308;

  private static final List<String> NOTICES = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ReferenceServer server;
  private ConformanceRunner.Run run;
  private Path out;
  private List<String> before;

  @BeforeClass
  public void runTheSuite() throws Exception {
    server = ReferenceServer.start(ServerOptions.defaults());
    before = contents(server);
    out = Files.createTempDirectory("wkcheck-conformance");
    Target target =
        TargetResolver.embedded(
            server.baseUrl(),
            TargetResolver.Request.embedded(
                TargetWorld.defaults(), Limits.of(Duration.ofSeconds(10)), "suitetest"));
    run =
        ConformanceRunner.run(
            new ConformanceRunner.Options(target, out, false, null, Suite.CLASSES)
                .withContract(
                    Contract.load(ContractFiles.classpath(), Contract.DEFAULT_PROFILE, true),
                    NOTICES::add));
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

  /**
   * The run MUST end with exactly these counts: every testable requirement passed, none skipped or
   * untested, the 18 the catalog says are not testable; and exactly this many tests, all passed. A
   * test that stops running, starts skipping or is added shows here.
   */
  @Test
  public void theCountsAreExactlyThese() {
    ConformanceReport r = run.report();
    assertEquals(
        r.summary(),
        new ConformanceReport.Summary(PASSED, 0, 0, 0, NOT_TESTABLE, TESTS),
        "requirements passed, failed, skipped, not tested, not testable; tests");
    Map<TestOutcome.Status, Long> byStatus = new EnumMap<>(TestOutcome.Status.class);
    r.tests().forEach(t -> byStatus.merge(t.status(), 1L, Long::sum));
    assertEquals(byStatus, Map.of(TestOutcome.Status.PASSED, (long) TESTS), "tests by status");
  }

  /**
   * The run is strict: every JSON answer the suite checks against a schema MUST hold only the
   * fields that schema lists, so the reference server's views and the schemas cannot drift apart.
   */
  @Test
  public void theServerSendsNoFieldTheSchemasLack() {
    assertTrue(
        run.schemaChecks() > 200,
        "the strict contract judged the run's answers: " + run.schemaChecks());
    List<String> notices = NOTICES.stream().distinct().sorted().toList();
    assertTrue(notices.isEmpty(), "fields the schemas do not list:\n" + String.join("\n", notices));
  }

  /**
   * Everything the run created MUST be gone: the server holds the same projects, tasks and
   * annotations as before the run, which created (and noted) hundreds of them.
   */
  @Test
  public void nothingIsLeftBehind() throws Exception {
    assertEquals(contents(server), before);
    long created =
        Files.readAllLines(out.resolve("latest/created.txt")).stream()
            .filter(l -> l.startsWith("created "))
            .count();
    assertTrue(created > 100, "the run noted only " + created + " objects as created");
  }

  /** The ids of the server's projects, tasks and annotations (of every user). */
  private static List<String> contents(ReferenceServer server) {
    return server
        .world()
        .read(
            () -> {
              List<String> ids = new ArrayList<>();
              server.world().projects().forEach(p -> ids.add("project " + p.id));
              server.world().tasks().forEach(t -> ids.add("task " + t.id));
              server
                  .world()
                  .users()
                  .forEach(
                      u ->
                          server
                              .world()
                              .annotationsOwnedBy(u)
                              .forEach(a -> ids.add("annotation " + a.id)));
              return ids.stream().sorted().toList();
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

  /**
   * No report file may contain a token; report.json holds the exchanges that were sent with one,
   * naming its variable instead.
   */
  @Test
  public void noTokenInAnyReport() throws Exception {
    List<Path> files;
    try (Stream<Path> all = Files.walk(out)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String text = Files.readString(f);
      for (Role r : Role.values()) {
        assertFalse(text.contains(SeedWorld.token(r.seededUser())), "token of " + r + " in " + f);
      }
    }
    assertTrue(files.size() > 4, "report files: " + files);
    assertTrue(
        Files.readString(out.resolve("latest/report.json")).contains("\"WK_TOKEN\""),
        "report.json names no token variable: no exchange with a token was recorded");
  }
}
