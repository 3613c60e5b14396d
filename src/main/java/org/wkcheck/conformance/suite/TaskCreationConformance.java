package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.REPORT;
import static org.wkcheck.conformance.suite.TaskProjectSupport.UNKNOWN_ID;
import static org.wkcheck.conformance.suite.TaskProjectSupport.box;
import static org.wkcheck.conformance.suite.TaskProjectSupport.boxNumbers;
import static org.wkcheck.conformance.suite.TaskProjectSupport.numbers;
import static org.wkcheck.conformance.suite.TaskProjectSupport.set;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /tasks}: creating tasks without NML files. */
public class TaskCreationConformance extends ConformanceTest {

  private TaskProjectSupport support() {
    return new TaskProjectSupport(api, fixtures, world);
  }

  /**
   * Creates one task in a fresh project from the default parameters changed by {@code change};
   * returns the task as GET /tasks/:id shows it.
   */
  private JsonNode createAndRead(TaskProjectSupport s, Consumer<ObjectNode> change) {
    ObjectNode params = s.params(s.projectName());
    change.accept(params);
    return s.task(s.createTask(params));
  }

  /**
   * POST /tasks MUST answer 200 with a list of status reports, one per task object, and create one
   * task per object, each reported with its own id.
   *
   * <p>Steps: create three tasks in a fresh project; list the project's tasks.
   */
  @Test
  @Requirement({"tasks.create.returns-status-reports", "tasks.create.one-task-per-object"})
  public void createReportsEveryTaskWithItsId() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      JsonNode entries =
          ok(s.postTasks(s.params(p), s.params(p), s.params(p)), REPORT).path("tasks");
      equal(entries.size(), 3, "One status report per task object");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        JsonNode e = entries.get(i);
        equal(e.path("status").asInt(), 200, "Valid task " + i + " is reported as created");
        String id = e.path("success").path("id").asString();
        that(!id.isEmpty(), "Created task " + i + " is reported with its id", "an id", e);
        ids.add(id);
      }
      equal(set(ids).size(), 3, "Each created task has its own id");
      equal(set(s.projectTaskIds(p)), set(ids), "The project holds exactly the created tasks");
    }
  }

  /**
   * Every id POST /tasks reports MUST address the created task: GET /tasks/:id answers 200 with
   * that task (told apart by its creationInfo).
   */
  @Test
  @Requirement("tasks.create.reported-id-readable")
  public void reportedIdsAddressTheCreatedTasks() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      ObjectNode[] sent = {s.params(p), s.params(p)};
      JsonNode entries = ok(s.postTasks(sent), REPORT).path("tasks");
      for (int i = 0; i < sent.length; i++) {
        String id = entries.path(i).path("success").path("id").asString();
        JsonNode t = s.task(id);
        equal(t.path("projectName").asString(), p, "The reported id addresses a task of " + p);
        equal(
            t.path("creationInfo").asString(),
            sent[i].path("creationInfo").asString(),
            "The reported id " + i + " addresses the task created from object " + i);
      }
    }
  }

  /**
   * POST /tasks MUST return each task's creationInfo with that task's status report, so that
   * reports can be matched to the task objects.
   */
  @Test
  @Requirement("tasks.create.creation-info")
  public void reportsCarryTheCreationInfo() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      ObjectNode[] sent = {s.params(p), s.params(p), s.params(p)};
      JsonNode entries = ok(s.postTasks(sent), REPORT).path("tasks");
      equal(entries.size(), sent.length, "One status report per task object");
      for (int i = 0; i < sent.length; i++) {
        equal(
            entries.get(i).path("success").path("creationInfo").asString(),
            sent[i].path("creationInfo").asString(),
            "Report " + i + " carries the creationInfo of task object " + i);
      }
    }
  }

  /** POST /tasks MUST create the task with the task type whose id is given in taskTypeId. */
  @Test
  @Requirement("tasks.create.task-type-id")
  public void createUsesTheGivenTaskType() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> {});
      equal(t.path("type").path("id").asString(), world.taskType(), "Task has the given task type");
    }
  }

  /** POST /tasks MUST create the task with the given neededExperience (domain and value). */
  @Test
  @Requirement("tasks.create.needed-experience")
  public void createUsesTheGivenNeededExperience() {
    try (TaskProjectSupport s = support()) {
      String domain = fixtures.name("experience");
      JsonNode t =
          createAndRead(
              s,
              p -> {
                ObjectNode exp = p.putObject("neededExperience");
                exp.put("domain", domain);
                exp.put("value", 3);
              });
      equal(
          t.path("neededExperience").path("domain").asString(),
          domain,
          "Task has the given experience domain");
      equal(
          t.path("neededExperience").path("value").asInt(),
          3,
          "Task has the given experience value");
    }
  }

  /** POST /tasks MUST create the task with the number of open instances given in openInstances. */
  @Test
  @Requirement("tasks.create.open-instances")
  public void createUsesTheGivenOpenInstances() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> p.put("openInstances", 3));
      equal(t.path("status").path("open").asLong(), 3L, "Task has the given open instances");
    }
  }

  /**
   * POST /tasks MUST create the task in the project named in projectName: GET /projects/:name/tasks
   * of that project lists it, that of another project does not.
   */
  @Test
  @Requirement("tasks.create.project-name")
  public void createPutsTheTaskIntoTheNamedProject() {
    try (TaskProjectSupport s = support()) {
      String other = s.projectName();
      String named = s.projectName();
      String id = s.createTask(s.params(named));
      that(
          s.projectTaskIds(named).contains(id),
          "Task is listed by GET /projects/:name/tasks of the named project",
          "the task " + id,
          "not listed");
      that(
          !s.projectTaskIds(other).contains(id),
          "Task is not listed by GET /projects/:name/tasks of another project",
          "not listed",
          "the task " + id);
      equal(s.task(id).path("projectName").asString(), named, "Task shows the named project");
    }
  }

  /** POST /tasks MUST create the task on the dataset named in dataSet. */
  @Test
  @Requirement("tasks.create.data-set")
  public void createUsesTheGivenDataSet() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> {});
      equal(t.path("dataSet").asString(), world.dataset(), "Task is on the given dataset");
    }
  }

  /** POST /tasks MUST create the task with the starting coordinates given in editPosition. */
  @Test
  @Requirement("tasks.create.edit-position")
  public void createUsesTheGivenEditPosition() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> p.putArray("editPosition").add(101).add(202).add(303));
      equal(
          numbers(t.path("editPosition")),
          List.of(101.0, 202.0, 303.0),
          "Task has the given editPosition");
    }
  }

  /** POST /tasks MUST create the task with the starting rotation given in editRotation. */
  @Test
  @Requirement("tasks.create.edit-rotation")
  public void createUsesTheGivenEditRotation() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> p.putArray("editRotation").add(10).add(20).add(30));
      equal(
          numbers(t.path("editRotation")),
          List.of(10.0, 20.0, 30.0),
          "Task has the given editRotation");
    }
  }

  /** POST /tasks with a boundingBox MUST create the task with exactly that bounding box. */
  @Test
  @Requirement("tasks.create.bounding-box")
  public void createUsesTheGivenBoundingBox() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, p -> p.set("boundingBox", box(5, 6, 7, 11, 12, 13)));
      equal(
          boxNumbers(t.path("boundingBox")),
          List.of(5.0, 6.0, 7.0, 11.0, 12.0, 13.0),
          "Task has the given boundingBox");
    }
  }

  /** POST /tasks MUST create a task from an object that omits every optional field. */
  @Test
  @Requirement("tasks.create.optional-fields")
  public void createWithoutOptionalFields() {
    try (TaskProjectSupport s = support()) {
      s.createTask(withoutOptionalFields(s));
    }
  }

  /** POST /tasks without scriptId MUST create a task that has no script. */
  @Test
  @Requirement("tasks.create.script-id")
  public void taskWithoutScriptIdHasNoScript() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = s.task(s.createTask(withoutOptionalFields(s)));
      that(
          t.path("script").isNull(),
          "Task created without scriptId has no script",
          "script null",
          t.path("script"));
    }
  }

  /** POST /tasks without boundingBox MUST create a task that has no bounding box. */
  @Test
  @Requirement("tasks.create.bounding-box")
  public void taskWithoutBoundingBoxHasNone() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = s.task(s.createTask(withoutOptionalFields(s)));
      that(
          t.path("boundingBox").isNull(),
          "Task created without boundingBox has no bounding box",
          "boundingBox null",
          t.path("boundingBox"));
    }
  }

  private static ObjectNode withoutOptionalFields(TaskProjectSupport s) {
    ObjectNode params = s.params(s.projectName());
    for (String optional : List.of("scriptId", "boundingBox", "creationInfo", "description")) {
      params.remove(optional);
    }
    return params;
  }

  /**
   * POST /tasks MUST create a task from an object that gives every optional field (scriptId,
   * boundingBox, creationInfo, description).
   *
   * <p>Steps: find a script the target accepts (skip when none is known); create the task.
   */
  @Test
  @Requirement("tasks.create.optional-fields")
  public void createWithEveryOptionalField() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      ObjectNode params = s.params(p);
      params.put("scriptId", s.usableScript(p));
      params.set("boundingBox", box(1, 2, 3, 40, 50, 60));
      params.put("description", "created by wkcheck");
      s.createTask(params);
    }
  }

  /**
   * POST /tasks with scriptId MUST create a task that uses the script with that id.
   *
   * <p>Steps: find a script the target accepts (skip when none is known); create the task; read it.
   */
  @Test
  @Requirement("tasks.create.script-id")
  public void createUsesTheGivenScript() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      String script = s.usableScript(p);
      ObjectNode params = s.params(p);
      params.put("scriptId", script);
      JsonNode t = s.task(s.createTask(params));
      equal(t.path("script").path("id").asString(), script, "Task uses the given script");
    }
  }

  /**
   * POST /tasks MUST answer 200 when some tasks cannot be created, with one report per task object
   * in order: the valid ones created, the failed ones encoded as failures (and not created).
   *
   * <p>Steps: send valid, invalid (a script id that does not exist), valid, invalid; check the
   * reports and the project's tasks.
   */
  @Test
  @Requirement("tasks.create.partial-failure-is-200")
  public void partlyFailingCreateAnswers200() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      ObjectNode[] sent = {s.params(p), s.params(p), s.params(p), s.params(p)};
      sent[1].put("scriptId", UNKNOWN_ID);
      sent[3].put("scriptId", UNKNOWN_ID);
      JsonNode entries = ok(s.postTasks(sent), REPORT).path("tasks");
      equal(entries.size(), sent.length, "One status report per task object, failed ones included");
      List<String> created = new ArrayList<>();
      for (int i = 0; i < sent.length; i++) {
        JsonNode e = entries.get(i);
        if (i % 2 == 0) {
          equal(e.path("status").asInt(), 200, "Valid task " + i + " is reported as created");
          equal(
              e.path("success").path("creationInfo").asString(),
              sent[i].path("creationInfo").asString(),
              "Report " + i + " belongs to task object " + i);
          created.add(e.path("success").path("id").asString());
        } else {
          that(
              e.path("status").asInt() != 200 && e.has("error"),
              "Task " + i + " (unknown script) is reported as failed",
              "a status other than 200 with an error",
              e);
        }
      }
      equal(
          set(s.projectTaskIds(p)),
          set(created),
          "Only the valid tasks are created in the project");
    }
  }

  /**
   * POST /tasks SHOULD NOT create a task from an object that lacks a required field (taskTypeId,
   * neededExperience, openInstances, projectName, dataSet, editPosition, editRotation): it SHOULD
   * refuse the request with a 4xx or report that task as failed.
   *
   * <p>Steps: for each field, send one task object without it; check the answer and that the
   * project still has no task.
   */
  @Test
  @Requirement("tasks.create.required-fields")
  public void taskWithoutARequiredFieldIsNotCreated() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      for (String field :
          List.of(
              "taskTypeId",
              "neededExperience",
              "openInstances",
              "projectName",
              "dataSet",
              "editPosition",
              "editRotation")) {
        ObjectNode params = s.params(p);
        params.remove(field);
        Response r = s.postTasks(params);
        if (r.statusCode() == 200) {
          JsonNode entry = Checks.matchesSchema(r, REPORT).path("tasks").path(0);
          that(
              entry.path("status").asInt() != 200,
              "Task without " + field + " is reported as failed",
              "a failed report (status other than 200)",
              entry);
        } else {
          refused(r);
        }
        equal(s.projectTaskIds(p).size(), 0, "No task is created without " + field);
      }
    }
  }
}
