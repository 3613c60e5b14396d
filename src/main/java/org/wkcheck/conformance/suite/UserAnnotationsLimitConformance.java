package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.ListChecks.defaultLimit;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.suite.UserAnnotationsConformance.UserList;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * The default {@code limit} (1000) of the user annotation lists, as the main user (for {@code :id}
 * its own id). Seeing the cut needs more than 1000 entries. Only on the embedded reference server,
 * where it is cheap, does this class give the main user more than 1000 explorationals for its
 * duration (uploads of an empty NML before its tests, deleted after them); it never makes 1000 task
 * annotations. Where a list has at most 1000 entries, a test checks that the answer without limit
 * equals the answer with limit=1000; where it has more, also that it is exactly the first 1000.
 */
public class UserAnnotationsLimitConformance extends ConformanceTest {
  private static final int DEFAULT_LIMIT = 1000;
  private final List<String> made = new ArrayList<>();
  private String taskProject;

  /**
   * On the embedded server: the main user gets at least 1001 explorationals and 1001 task
   * annotations, so that a default limit shows. Elsewhere the suite makes no such mass of objects
   * on a server it does not own; the tests then skip where the lists are too short to show one.
   */
  @BeforeClass
  public void moreThan1000OfEach() {
    if (!target.embedded() || !api.has(Role.ADMIN)) {
      return;
    }
    int have = UserList.OWN_ANNOTATIONS.of(api, "").keys("limit", DEFAULT_LIMIT + 1).size();
    if (have <= DEFAULT_LIMIT) {
      made.addAll(fixtures.uploadMany(DEFAULT_LIMIT + 1 - have));
    }
    int tasks = UserList.OWN_TASKS.of(api, "").keys("limit", DEFAULT_LIMIT + 1).size();
    if (tasks <= DEFAULT_LIMIT) {
      taskProject = fixtures.taskAnnotationsMany(DEFAULT_LIMIT + 1 - tasks);
    }
  }

  /**
   * Deletes what was made above (the run's clean-up would, but only at its end). A server that
   * keeps the tasks of a deleted project (a departure that projects.delete.* report) would keep
   * their annotations in the main user's task list, past the default limit of every later test's
   * view: those are cancelled.
   */
  @AfterClass(alwaysRun = true)
  public void deleteThem() {
    fixtures.removeMany("Explorational", made);
    made.clear();
    if (taskProject != null) {
      fixtures.removeProject(taskProject);
      for (int round = 0; round < 3; round++) {
        List<String> left = ownTaskAnnotationsOf(taskProject);
        if (left.isEmpty()) {
          break;
        }
        fixtures.removeMany("Task", left);
      }
      taskProject = null;
    }
  }

  /**
   * The main user's active task annotations of tasks of {@code project}, as GET /user/tasks lists
   * them.
   */
  private List<String> ownTaskAnnotationsOf(String project) {
    Response r =
        api.as(Role.ADMIN)
            .queryParam("isFinished", false)
            .queryParam("limit", 100 * DEFAULT_LIMIT)
            .get("/user/tasks");
    List<String> ids = new ArrayList<>();
    if (r.statusCode() == 200) {
      for (JsonNode a : Checks.json(r)) {
        if (project.equals(a.path("task").path("projectName").asString())) {
          ids.add(a.path("id").asString());
        }
      }
    }
    return ids;
  }

  /**
   * Each of GET /user/tasks, GET /user/annotations, GET /users/:id/tasks and GET
   * /users/:id/annotations without limit MUST behave as with limit=1000, returning at most 1000
   * entries (on the embedded server, for the annotation lists: exactly the first 1000 of more than
   * 1000).
   */
  @Test(dataProvider = "lists", dataProviderClass = UserAnnotationsConformance.class)
  @Requirement({
    "users.current-tasks.limit-default",
    "users.current-annotations.limit-default",
    "users.tasks.limit-default",
    "users.annotations.limit-default"
  })
  public void limitDefaultsTo1000(UserList list) {
    defaultLimit(list.of(api, fixtures.mainUser().path("id").asString()), DEFAULT_LIMIT);
  }
}
