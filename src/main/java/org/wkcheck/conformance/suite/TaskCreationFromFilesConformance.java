package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.REPORT;
import static org.wkcheck.conformance.suite.TaskProjectSupport.box;
import static org.wkcheck.conformance.suite.TaskProjectSupport.boxNumbers;
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

/** {@code POST /tasks/createFromFiles}: creating tasks from attached NML files. */
public class TaskCreationFromFilesConformance extends ConformanceTest {

  private TaskProjectSupport support() {
    return new TaskProjectSupport(api, fixtures, world);
  }

  /** The ids of the created tasks of a creation report, checking that every entry succeeded. */
  private static List<String> createdIds(JsonNode report, int expected) {
    JsonNode entries = report.path("tasks");
    equal(entries.size(), expected, "One status report per attached NML file");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      equal(e.path("status").asInt(), 200, "Task of NML file " + i + " is reported as created");
      String id = e.path("success").path("id").asString();
      that(!id.isEmpty(), "Created task " + i + " is reported with its id", "an id", e);
      ids.add(id);
    }
    return ids;
  }

  /**
   * Creates one task from one NML in a fresh project with the default formJSON changed by {@code
   * change}; returns the task as GET /tasks/:id shows it.
   */
  private JsonNode createAndRead(TaskProjectSupport s, Consumer<ObjectNode> change) {
    ObjectNode form = s.form(s.projectName(), 1);
    change.accept(form);
    List<String> ids = createdIds(ok(s.createFromFiles(form, s.nml()), REPORT), 1);
    return s.task(ids.get(0));
  }

  /**
   * POST /tasks/createFromFiles MUST take the parameters from the form field formJSON and create
   * one task per attached NML file, answering 200 with a status report per task that includes its
   * id.
   *
   * <p>Steps: attach two NML files; read each reported id; list the project's tasks.
   */
  @Test
  @Requirement({
    "tasks.create-from-files.returns-status-reports",
    "tasks.create-from-files.form-json",
    "tasks.create-from-files.one-task-per-nml"
  })
  public void createFromFilesMakesOneTaskPerNml() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      JsonNode report = ok(s.createFromFiles(s.form(p, 1), s.nml(), s.nml()), REPORT);
      List<String> ids = createdIds(report, 2);
      equal(set(ids).size(), 2, "Each created task has its own id");
      for (String id : ids) {
        s.task(id);
      }
      that(
          s.projectTaskIds(p).containsAll(ids),
          "Two new tasks exist",
          "the tasks " + ids,
          "not all listed");
    }
  }

  /**
   * POST /tasks/createFromFiles MUST create the tasks in the project named in formJSON's
   * projectName: GET /projects/:name/tasks of that project lists them, that of another does not.
   */
  @Test
  @Requirement("tasks.create-from-files.project-name")
  public void createFromFilesPutsTasksIntoTheNamedProject() {
    try (TaskProjectSupport s = support()) {
      String other = s.projectName();
      String p = s.projectName();
      List<String> ids = createdIds(ok(s.createFromFiles(s.form(p, 1), s.nml()), REPORT), 1);
      equal(s.task(ids.get(0)).path("projectName").asString(), p, "Task is in the named project");
      equal(s.projectTaskIds(p), ids, "The named project lists the new task");
      equal(s.projectTaskIds(other).size(), 0, "Another project gets no new task");
    }
  }

  /** POST /tasks/createFromFiles MUST create the tasks with formJSON's taskTypeId. */
  @Test
  @Requirement("tasks.create-from-files.task-type-id")
  public void createFromFilesUsesTheGivenTaskType() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, f -> {});
      equal(t.path("type").path("id").asString(), world.taskType(), "Task has the given task type");
    }
  }

  /** POST /tasks/createFromFiles MUST create the tasks with formJSON's neededExperience. */
  @Test
  @Requirement("tasks.create-from-files.needed-experience")
  public void createFromFilesUsesTheGivenNeededExperience() {
    try (TaskProjectSupport s = support()) {
      String domain = fixtures.name("experience");
      JsonNode t =
          createAndRead(
              s,
              f -> {
                ObjectNode exp = f.putObject("neededExperience");
                exp.put("domain", domain);
                exp.put("value", 4);
              });
      equal(
          t.path("neededExperience").path("domain").asString(),
          domain,
          "Task has the given experience domain");
      equal(
          t.path("neededExperience").path("value").asInt(),
          4,
          "Task has the given experience value");
    }
  }

  /** POST /tasks/createFromFiles MUST create each task with formJSON's openInstances. */
  @Test
  @Requirement("tasks.create-from-files.open-instances")
  public void createFromFilesUsesTheGivenOpenInstances() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, f -> f.put("openInstances", 3));
      equal(t.path("status").path("open").asLong(), 3L, "Task has the given open instances");
    }
  }

  /** POST /tasks/createFromFiles with a boundingBox MUST give the tasks that bounding box. */
  @Test
  @Requirement("tasks.create-from-files.bounding-box")
  public void createFromFilesUsesTheGivenBoundingBox() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, f -> f.set("boundingBox", box(8, 9, 10, 21, 22, 23)));
      equal(
          boxNumbers(t.path("boundingBox")),
          List.of(8.0, 9.0, 10.0, 21.0, 22.0, 23.0),
          "Task has the given boundingBox");
    }
  }

  /** POST /tasks/createFromFiles without scriptId MUST create tasks that have no script. */
  @Test
  @Requirement("tasks.create-from-files.script-id")
  public void createFromFilesWithoutScriptIdGivesNoScript() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, f -> {});
      that(
          t.path("script").isNull(),
          "Task created without scriptId has no script",
          "script null",
          t.path("script"));
    }
  }

  /**
   * POST /tasks/createFromFiles without boundingBox MUST create tasks that have no bounding box
   * (the attached NML has no task bounding box either).
   */
  @Test
  @Requirement("tasks.create-from-files.bounding-box")
  public void createFromFilesWithoutBoundingBoxGivesNone() {
    try (TaskProjectSupport s = support()) {
      JsonNode t = createAndRead(s, f -> {});
      that(
          t.path("boundingBox").isNull(),
          "Task created without boundingBox has no bounding box",
          "boundingBox null",
          t.path("boundingBox"));
    }
  }

  /**
   * POST /tasks/createFromFiles with formJSON's scriptId MUST create tasks that use that script.
   *
   * <p>Steps: find a script the target accepts (skip when none is known); create a task from an NML
   * with it; read the task.
   */
  @Test
  @Requirement("tasks.create-from-files.script-id")
  public void createFromFilesUsesTheGivenScript() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      String script = s.usableScript(p);
      ObjectNode form = s.form(p, 1);
      form.put("scriptId", script);
      List<String> ids = createdIds(ok(s.createFromFiles(form, s.nml()), REPORT), 1);
      JsonNode t = s.task(ids.get(0));
      equal(t.path("script").path("id").asString(), script, "Task uses the given script");
    }
  }

  /**
   * POST /tasks/createFromFiles MUST answer 200 when some tasks cannot be created, encoding each
   * failed one in the report; the others are created.
   *
   * <p>Steps: attach an NML on the world's dataset, one on a dataset that does not exist, and
   * another on the world's dataset; check the reports and the project's tasks.
   */
  @Test
  @Requirement("tasks.create-from-files.partial-failure-is-200")
  public void partlyFailingCreateFromFilesAnswers200() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      JsonNode entries =
          ok(s.createFromFiles(s.form(p, 1), s.nml(), s.nmlOnMissingDataset(), s.nml()), REPORT)
              .path("tasks");
      equal(entries.size(), 3, "One status report per attached NML file, failed ones included");
      List<String> created = new ArrayList<>();
      int failed = 0;
      for (JsonNode e : entries) {
        if (e.path("status").asInt() == 200) {
          created.add(e.path("success").path("id").asString());
        } else {
          that(e.has("error"), "Failed task is reported with an error", "an error", e);
          failed++;
        }
      }
      equal(failed, 1, "The task of the NML on a missing dataset is reported as failed");
      equal(created.size(), 2, "The tasks of the valid NML files are created");
      equal(set(s.projectTaskIds(p)), set(created), "Only the valid tasks are in the project");
    }
  }

  /**
   * POST /tasks/createFromFiles SHOULD NOT create tasks when formJSON lacks taskTypeId,
   * neededExperience, openInstances or projectName: it SHOULD refuse with a 4xx or report the tasks
   * as failed.
   *
   * <p>Steps: for each field, send a formJSON without it and one NML; check the answer and that the
   * project still has no task.
   */
  @Test
  @Requirement("tasks.create-from-files.required-fields")
  public void createFromFilesWithoutARequiredFieldCreatesNoTask() {
    try (TaskProjectSupport s = support()) {
      String p = s.projectName();
      for (String field :
          List.of("taskTypeId", "neededExperience", "openInstances", "projectName")) {
        ObjectNode form = s.form(p, 1);
        form.remove(field);
        Response r = s.createFromFiles(form, s.nml());
        if (r.statusCode() == 200) {
          for (JsonNode e : Checks.matchesSchema(r, REPORT).path("tasks")) {
            that(
                e.path("status").asInt() != 200,
                "Task from formJSON without " + field + " is reported as failed",
                "a failed report (status other than 200)",
                e);
          }
        } else {
          refused(r);
        }
        equal(s.projectTaskIds(p).size(), 0, "No task is created without " + field);
      }
    }
  }
}
