package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.RequirementScope.row;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.keeps;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.PROJECT;
import static org.wkcheck.conformance.suite.TaskProjectSupport.PROJECT_WITH_STATUS;
import static org.wkcheck.conformance.suite.TaskProjectSupport.TASK_LIST;
import static org.wkcheck.conformance.suite.TaskProjectSupport.ids;
import static org.wkcheck.conformance.suite.TaskProjectSupport.set;

import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope.Row;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.suite.TaskProjectSupport.Made;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routes that work on a project's tasks: {@code GET /projects/:name/tasks}, {@code PATCH
 * /projects/:name/incrementEachTasksInstances}, {@code /pause} and {@code /resume}, and the count
 * of open instances in {@code GET /projects/assignments}; and how {@code :name} is read on every
 * {@code /projects/:name} route.
 */
public class ProjectTasksConformance extends TaskProjectTest {

  private Response increment(String name, Integer delta) {
    var req = s.user();
    if (delta != null) {
      req = req.queryParam("delta", delta);
    }
    return req.patch("/projects/{name}/incrementEachTasksInstances", name);
  }

  /** A fresh project with two tasks of 1 and 2 open instances; returns their ids. */
  private List<String> twoTasks(String name) {
    ObjectNode one = s.params(name);
    ObjectNode two = s.params(name);
    two.put("openInstances", 2);
    return List.of(s.createTask(one), s.createTask(two));
  }

  /**
   * GET /projects/:name/tasks MUST answer 200 with the information of all tasks of the project and
   * only those.
   */
  @Test
  @Requirement("projects.tasks.returns-tasks")
  public void projectTasksListsExactlyItsTasks() {
    String p = s.projectName();
    List<String> mine = s.tasks(p, 3);
    s.tasks(s.projectName(), 1);
    JsonNode list = ok(s.user().get("/projects/{name}/tasks", p), TASK_LIST);
    equal(set(ids(list)), set(mine), "Exactly the project's tasks are listed");
    equal(ids(list).size(), mine.size(), "Each task of the project is listed once");
    for (JsonNode t : list) {
      equal(t.path("projectName").asString(), p, "Listed task information shows the project");
    }
  }

  /**
   * numberOfOpenAssignments in GET /projects/assignments MUST be the sum of the open instances of
   * the project's tasks.
   *
   * <p>Steps: a new project with no task (0), with a task of 3 open instances (3), then another of
   * 2 (5).
   */
  @Test
  @Requirement("projects.assignments.open-instance-count")
  public void assignmentsCountOpenInstances() {
    Made p = s.project();
    String name = p.name();
    long expected = 0;
    for (int open : new int[] {0, 3, 2}) {
      if (open > 0) {
        ObjectNode t = s.params(name);
        t.put("openInstances", open);
        s.createTask(t);
        expected += open;
      }
      JsonNode entry = s.assignmentsEntry(p.id());
      that(entry != null, "The project is listed", "project " + name, "not listed");
      equal(
          entry.path("numberOfOpenAssignments").asLong(),
          expected,
          "numberOfOpenAssignments is the sum of the tasks' open instances");
    }
  }

  /**
   * PATCH /projects/:name/incrementEachTasksInstances MUST answer 200 with the project's
   * information and its numberOfOpenAssignments.
   */
  @Test
  @Requirement("projects.increment.returns-project")
  public void incrementAnswersTheProject() {
    String p = s.projectName();
    s.tasks(p, 1);
    JsonNode answer = ok(increment(p, 2), PROJECT_WITH_STATUS);
    equal(answer.path("name").asString(), p, "The answer is the incremented project");
  }

  /**
   * The answer of PATCH /projects/:name/incrementEachTasksInstances MUST be the same project as
   * before the increment: every field GET /projects/:name showed before (id, name, team, owner,
   * priority, paused, expectedTime, isBlacklistedFromReport, created) unchanged, with
   * numberOfOpenAssignments added. Checked on the answer itself.
   */
  @Test
  @Requirement("projects.increment.answer-keeps-other-fields")
  public void incrementAnswerIsTheSameProject() {
    String p = s.projectName();
    s.tasks(p, 1);
    JsonNode before = ok(s.getProject(p), PROJECT);
    keeps(
        before,
        ok(increment(p, 2), PROJECT_WITH_STATUS),
        "The increment answers the same project, every field as before");
  }

  @DataProvider
  public static Object[][] deltas() {
    return rows(
        row("3", "projects.increment.delta"), row("none", "projects.increment.delta-default"));
  }

  /**
   * PATCH /projects/:name/incrementEachTasksInstances?delta=d MUST add d open instances to each
   * task of the project (so numberOfOpenAssignments grows by d times the number of tasks); without
   * delta it MUST add one.
   *
   * <p>Steps: tasks with 1 and 2 open instances; increment by 3 (or without delta); read the tasks
   * (4 and 5, or 2 and 3).
   */
  @Test(dataProvider = "deltas")
  @Requirement({"projects.increment.delta", "projects.increment.delta-default"})
  public void incrementAddsDeltaToEachTask(Row delta) {
    String p = s.projectName();
    List<String> tasks = twoTasks(p);
    Integer given = delta.value().equals("none") ? null : Integer.valueOf(delta.value());
    long d = given == null ? 1 : given;
    JsonNode answer = ok(increment(p, given), PROJECT_WITH_STATUS);
    equal(
        answer.path("numberOfOpenAssignments").asLong(),
        3 + 2 * d,
        "numberOfOpenAssignments grows by delta (" + delta + ") times the number of tasks");
    equal(s.open(tasks.get(0)), 1 + d, "A task with 1 open instance has 1 + delta");
    equal(s.open(tasks.get(1)), 2 + d, "A task with 2 open instances has 2 + delta");
  }

  /**
   * Concurrent PATCH /projects/:name/incrementEachTasksInstances requests MUST all count: 20 sent
   * at once (four at a time) with delta 1 add exactly 20 to each task; no update is lost.
   */
  @Test
  @Requirement("projects.increment.concurrent-requests-add-up")
  public void concurrentIncrementsAddUp() throws Exception {
    String p = s.projectName();
    List<String> tasks = twoTasks(p);
    int requests = 20;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < requests; i++) {
        answers.add(pool.submit(() -> increment(p, 1).statusCode()));
      }
      for (java.util.concurrent.Future<Integer> a : answers) {
        equal(a.get(), 200, "Every concurrent increment answers 200");
      }
    } finally {
      pool.shutdownNow();
    }
    equal(s.open(tasks.get(0)), 1L + requests, "A task with 1 open instance has 1 + 20");
    equal(s.open(tasks.get(1)), 2L + requests, "A task with 2 open instances has 2 + 20");
  }

  @DataProvider
  public static Object[][] actions() {
    return rows(row("pause", "projects.pause"), row("resume", "projects.resume"));
  }

  /** PATCH /projects/:name/pause, or .../resume after it. */
  private JsonNode paused(String p, Row action) {
    if (action.value().equals("resume")) {
      ok(s.user().patch("/projects/{name}/pause", p), PROJECT);
    }
    return ok(s.user().patch("/projects/{name}/" + action.value(), p), PROJECT);
  }

  /**
   * PATCH /projects/:name/pause MUST answer 200 with the project's information; so MUST PATCH
   * /projects/:name/resume of a paused project.
   */
  @Test(dataProvider = "actions")
  @Requirement({"projects.pause.returns-project", "projects.resume.returns-project"})
  public void actionAnswersTheProject(Row action) {
    String p = s.projectName();
    equal(
        paused(p, action).path("name").asString(), p, "The answer is the project (" + action + ")");
  }

  /**
   * After PATCH /projects/:name/pause the project MUST be paused, after PATCH .../resume of a
   * paused project no longer paused: in the answer and from GET /projects/:name.
   */
  @Test(dataProvider = "actions")
  @Requirement({"projects.pause.paused", "projects.resume.unpaused"})
  public void actionSetsPaused(Row action) {
    String p = s.projectName();
    boolean pause = action.value().equals("pause");
    JsonNode answer = paused(p, action);
    equal(answer.path("paused").asBoolean(!pause), pause, "The answer shows paused " + pause);
    equal(
        ok(s.getProject(p), PROJECT).path("paused").asBoolean(!pause),
        pause,
        "GET /projects/:name shows paused " + pause);
  }

  /** Pausing and resuming, with the requirement of each answer. */
  @DataProvider
  public static Object[][] answers() {
    return rows(
        row("pause", "projects.pause.answer-keeps-other-fields"),
        row("resume", "projects.resume.answer-keeps-other-fields"));
  }

  /**
   * The answer of PATCH /projects/:name/pause (of .../resume after a pause) MUST be the same
   * project as before: every field of its project information but paused (id, name, team, owner,
   * priority, expectedTime, isBlacklistedFromReport, created) as GET /projects/:name showed it
   * before. Checked on the answer itself; the paused flag itself: {@link #actionSetsPaused}.
   */
  @Test(dataProvider = "answers")
  @Requirement({
    "projects.pause.answer-keeps-other-fields",
    "projects.resume.answer-keeps-other-fields"
  })
  public void actionAnswersTheSameProject(Row action) {
    String p = s.projectName();
    if (action.value().equals("resume")) {
      ok(s.user().patch("/projects/{name}/pause", p), PROJECT);
    }
    JsonNode before = ok(s.getProject(p), PROJECT);
    keeps(
        before,
        ok(s.user().patch("/projects/{name}/" + action.value(), p), PROJECT),
        "The " + action + " answer is the same project, every field but paused as before",
        "paused");
  }

  /**
   * A paused project MUST NOT have its tasks handed out until it is resumed. Observed through
   * webKnossos' set-up route POST /user/tasks/request (not in the document), with two projects of
   * the suite's own so that no one else's task can be taken.
   *
   * <p>Steps: a project B with one task, then a project A (higher priority) with one task; pause A;
   * request a task (must be B's, not A's); resume A; request again (must be A's).
   */
  @Test
  @Requirement("projects.pause.no-assignment")
  public void pausedProjectHandsOutNoTask() {
    String b = s.projectName();
    String taskB = s.tasks(b, 1).get(0);
    String a = s.projectName();
    String taskA = s.tasks(a, 1).get(0);
    fixtures.requireOwnTaskFirst(b);
    ok(s.user().patch("/projects/{name}/pause", a), PROJECT);
    JsonNode whilePaused = requestOwn(Set.of(taskA, taskB));
    that(
        !whilePaused.path("task").path("id").asString().equals(taskA),
        "A task of a paused project is not handed out",
        "the task of the unpaused project " + taskB,
        "the paused project's task " + taskA);
    ok(s.user().patch("/projects/{name}/resume", a), PROJECT);
    JsonNode resumed = requestOwn(Set.of(taskA, taskB));
    Checks.equal(
        resumed.path("task").path("id").asString(),
        taskA,
        "The resumed project's task is handed out again");
  }

  /** A task instance that must be one of the suite's; anything else is given back and skips. */
  private JsonNode requestOwn(Set<String> ours) {
    return fixtures.requestOwnTask(
        ours::contains,
        "the suite's",
        "whether pausing stops the hand-out cannot be observed",
        SkipException::new);
  }

  /**
   * On GET, PUT and DELETE /projects/:name, GET /projects/:name/tasks and PATCH
   * /projects/:name/incrementEachTasksInstances, /pause and /resume, :name MUST be read as the
   * project's name: the project's id addresses nothing, and the project and its task stay
   * unchanged.
   */
  @Test
  @Requirement("projects.path.name")
  public void projectsAreAddressedByName() {
    Made p = s.project();
    String name = p.name();
    String id = p.id();
    String task = s.tasks(name, 1).get(0);
    ObjectNode body = fixtures.projectBody(name, 3);
    refused(s.user().get("/projects/{name}", id));
    refused(
        s.user().contentType("application/json").body(body.toString()).put("/projects/{n}", id));
    refused(s.user().get("/projects/{name}/tasks", id));
    refused(increment(id, 5));
    refused(s.user().patch("/projects/{name}/pause", id));
    refused(s.user().patch("/projects/{name}/resume", id));
    refused(s.user().delete("/projects/{name}", id));

    sameObject(
        p.json(), ok(s.getProject(name), PROJECT), "The project is unchanged and found by name");
    equal(s.projectTaskIds(name), List.of(task), "The project's tasks are listed by name");
    equal(s.open(task), 1L, "The project's task has its open instances unchanged");
  }
}
