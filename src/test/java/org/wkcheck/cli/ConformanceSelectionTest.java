package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Selection;
import org.wkcheck.conformance.Suite;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.RequirementCatalog;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.SeededServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code conformance --list}, {@code --only}/{@code --exclude} with each kind of selector, {@code
 * --max-failures}, and the rerun command each failure carries.
 */
public class ConformanceSelectionTest {
  private static final RequirementCatalog CATALOG = Contract.documented().requirements();
  private static final String ID = "tasks.create.partial-failure-is-200";

  /** The tests a selection takes, as Class.method. */
  private static Set<String> taken(List<String> only, List<String> exclude) {
    Selection s = Selection.of(only, exclude, CATALOG, Suite.CLASSES);
    Set<String> out = new HashSet<>();
    for (Class<?> c : Suite.CLASSES) {
      for (Method m : Selection.tests(c)) {
        if (s.includes(c, m)) {
          out.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    return out;
  }

  /** The tests that name a requirement matching {@code which}. */
  private static Set<String> testsOf(java.util.function.Predicate<CatalogRequirement> which) {
    Set<String> out = new HashSet<>();
    for (Class<?> c : Suite.CLASSES) {
      for (Method m : Selection.tests(c)) {
        if (Selection.requirements(m).stream()
            .anyMatch(id -> CATALOG.byId(id).filter(which).isPresent())) {
          out.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    return out;
  }

  @Test
  public void eachKindOfSelectorTakesExactlyItsTests() {
    Set<String> byId = taken(List.of(ID), null);
    assertEquals(byId, testsOf(q -> q.id().equals(ID)));
    assertFalse(byId.isEmpty());

    Set<String> byRoute = taken(List.of("post  /tasks"), null);
    assertEquals(byRoute, testsOf(q -> q.routes().contains("POST /tasks")));
    assertTrue(byRoute.containsAll(byId), byRoute.toString());

    assertEquals(taken(List.of("teams"), null), testsOf(q -> q.group().equals("teams")));

    Set<String> byClass = taken(List.of("TasksConformance"), null);
    assertFalse(byClass.isEmpty());
    assertTrue(byClass.stream().allMatch(t -> t.startsWith("TasksConformance.")), byClass + "");

    String one = byClass.iterator().next();
    assertEquals(taken(List.of(one), null), Set.of(one));

    Set<String> rest = taken(List.of("TasksConformance"), List.of(one));
    assertEquals(rest.size(), byClass.size() - 1);
    assertFalse(rest.contains(one));

    Set<String> all = taken(null, null);
    Set<String> allButTasks = taken(null, List.of("tasks"));
    assertEquals(allButTasks.size(), all.size() - testsOf(q -> q.group().equals("tasks")).size());
  }

  @Test
  public void aSelectorThatNamesNoTestIsRefused() {
    IllegalArgumentException e =
        expectThrows(
            IllegalArgumentException.class,
            () -> Selection.of(List.of(ID, "tasks.create.no-such"), null, CATALOG, Suite.CLASSES));
    assertTrue(e.getMessage().contains("tasks.create.no-such"), e.getMessage());
    assertFalse(e.getMessage().contains(ID + ","), e.getMessage());
    CommandRun run = CommandRun.main("conformance", "--exclude", "GET /nothing");
    assertEquals(run.exit(), 2, run.err());
    assertTrue(run.err().contains("GET /nothing"), run.err());
  }

  @Test
  public void listShowsRequirementsRoutesAndTests() {
    CommandRun requirements = CommandRun.main("conformance", "--list");
    assertEquals(requirements.exit(), 0, requirements.err());
    List<String> lines = requirements.out().lines().toList();
    assertEquals(lines.size(), CATALOG.requirements().size());
    assertEquals(lines.size(), 227);
    for (int i = 0; i < lines.size(); i++) {
      CatalogRequirement q = CATALOG.requirements().get(i);
      assertTrue(lines.get(i).startsWith(q.id() + "  " + q.level()), lines.get(i));
      assertTrue(lines.get(i).endsWith(q.statement()), lines.get(i));
    }
    CommandRun routes = CommandRun.main("conformance", "--list", "routes");
    assertEquals(routes.out().lines().count(), 37, routes.out());
    assertTrue(routes.out().contains("POST /tasks  (tasks, "), routes.out());
    CommandRun tests = CommandRun.main("conformance", "--list", "tests");
    assertEquals(tests.out().lines().count(), taken(null, null).size());
    assertTrue(tests.out().contains(ID), tests.out());
    assertEquals(CommandRun.main("conformance", "--list", "faults").exit(), 2);
  }

  @Test
  public void onlyARequirementRunsOnlyItsTests() throws Exception {
    Path out = Files.createTempDirectory("only");
    CommandRun run =
        CommandRun.main("conformance", "--no-allure", "--out", out.toString(), "--only", ID);
    assertEquals(run.exit(), 0, run.out() + run.err());
    assertEquals(methods(out), testsOf(q -> q.id().equals(ID)));
  }

  /** The tests of a run's report, as Class.method. */
  private static Set<String> methods(Path out) throws Exception {
    Set<String> methods = new HashSet<>();
    for (JsonNode t : report(out).path("tests")) {
      String className = t.path("className").asString();
      methods.add(
          className.substring(className.lastIndexOf('.') + 1) + "." + t.path("method").asString());
    }
    return methods;
  }

  /**
   * Against a server with a defect, --max-failures 1 stops after the first failed test (the others
   * are skipped, saying why), and the failure's rerun command runs exactly its requirement again.
   */
  @Test
  public void maxFailuresStopsEarlyAndTheRerunCommandReruns() throws Exception {
    try (SeededServer server = SeededServer.withFaults(Fault.TASK_STATUS_OPEN_RENAMED_PENDING)) {
      Path out = Files.createTempDirectory("stop");
      CommandRun run =
          server.run("conformance", "--no-allure", "--out", out.toString(), "--max-failures", "1");
      assertEquals(run.exit(), 1, run.out() + run.err());
      JsonNode report = report(out);
      int failed = 0;
      int stopped = 0;
      for (JsonNode t : report.path("tests")) {
        failed += t.path("status").asString().equals("FAILED") ? 1 : 0;
        stopped += t.path("skipReason").asString("").contains("--max-failures") ? 1 : 0;
      }
      assertEquals(failed, 1, run.out());
      assertTrue(stopped > 100, "the rest was skipped: " + stopped);
      assertTrue(run.out().contains("Stopped early"), run.out());
      String rerun =
          run.out()
              .lines()
              .filter(l -> l.strip().startsWith("rerun: "))
              .findFirst()
              .orElseThrow()
              .strip()
              .substring("rerun: ".length());
      String md = Files.readString(out.resolve("latest").resolve("report.md"));
      assertTrue(md.contains("- Rerun: `" + rerun + "`"), md);
      assertTrue(rerun.startsWith("./wkcheck conformance --target "), rerun);
      assertFalse(rerun.contains(org.wkcheck.server.world.SeedWorld.token('A')), rerun);

      List<String> again = new ArrayList<>(Arrays.asList(rerun.split(" ")));
      again.remove(0); // ./wkcheck
      Path out2 = Files.createTempDirectory("rerun");
      again.addAll(List.of("--no-allure", "--out", out2.toString()));
      CommandRun second = CommandRun.main(again.toArray(String[]::new));
      assertEquals(second.exit(), 1, second.out() + second.err());
      // the rerun runs the tests of that requirement (each of their data rows), and it fails again
      String id = rerun.substring(rerun.indexOf("--only ") + "--only ".length());
      assertEquals(methods(out2), testsOf(q -> q.id().equals(id)));
      boolean failsAgain = false;
      for (JsonNode t : report(out2).path("tests")) {
        failsAgain |=
            t.path("status").asString().equals("FAILED")
                && t.path("requirements").toString().contains("\"" + id + "\"");
      }
      assertTrue(failsAgain, second.out());
    }
  }

  private static JsonNode report(Path out) throws Exception {
    return JsonMapper.builder()
        .build()
        .readTree(Files.readString(out.resolve("latest").resolve("report.json")));
  }
}
