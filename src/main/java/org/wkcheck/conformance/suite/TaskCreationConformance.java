package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.RequirementScope.row;
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
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope;
import org.wkcheck.conformance.RequirementScope.Row;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.nml.Nml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating tasks: {@code POST /tasks} (a list of task parameter objects) and {@code POST
 * /tasks/createFromFiles} (the parameters in the form field formJSON, one task per attached NML
 * file, which gives dataset and positions). What both routes must do alike is tested once per route
 * (data provider {@code routes}; a row checks the requirements of its route); what only POST /tasks
 * takes comes last.
 */
public class TaskCreationConformance extends TaskProjectTest {

  /** The two routes that create tasks; a row checks the requirements of its route. */
  public enum CreationRoute implements RequirementScope {
    TASKS(
        "tasks.create",
        "POST /tasks",
        List.of(
            "taskTypeId",
            "neededExperience",
            "openInstances",
            "projectName",
            "dataSet",
            "editPosition",
            "editRotation")),
    FROM_FILES(
        "tasks.create-from-files",
        "POST /tasks/createFromFiles",
        List.of("taskTypeId", "neededExperience", "openInstances", "projectName"));

    private final String group;
    private final String route;

    /** The fields of the parameters the document does not mark optional. */
    final List<String> required;

    CreationRoute(String group, String route, List<String> required) {
      this.group = group;
      this.route = route;
      this.required = required;
    }

    @Override
    public boolean checks(String requirementId) {
      return RequirementScope.inGroup(group, requirementId);
    }

    @Override
    public String toString() {
      return route;
    }

    /**
     * Asks for n tasks in the project from the default parameters changed by {@code change}: n
     * parameter objects (each with a creationInfo of its own), or one formJSON and n NML files.
     */
    Response send(TaskProjectSupport s, String project, int n, Consumer<ObjectNode> change) {
      List<ObjectNode> objects = new ArrayList<>();
      for (int i = 0; i < (this == TASKS ? n : 1); i++) {
        ObjectNode p = this == TASKS ? s.params(project) : s.form(project, 1);
        change.accept(p);
        objects.add(p);
      }
      if (this == TASKS) {
        return s.postTasks(objects.toArray(ObjectNode[]::new));
      }
      List<Nml> nmls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        nmls.add(s.nml());
      }
      return s.createFromFiles(objects.get(0), nmls.toArray(Nml[]::new));
    }

    /**
     * Asks for tasks of which some cannot be created, in the project: valid, invalid, valid (and
     * invalid again on POST /tasks). Invalid: a script id that does not exist; an NML on a dataset
     * that does not exist. {@code valid} tells which; {@code creationInfos} are those sent (POST
     * /tasks only, else null).
     */
    Batch sendMixed(TaskProjectSupport s, String project) {
      if (this == FROM_FILES) {
        return new Batch(
            s.createFromFiles(s.form(project, 1), s.nml(), s.nmlOnMissingDataset(), s.nml()),
            List.of(true, false, true),
            null);
      }
      ObjectNode[] sent = {
        s.params(project), s.params(project), s.params(project), s.params(project)
      };
      sent[1].put("scriptId", UNKNOWN_ID);
      sent[3].put("scriptId", UNKNOWN_ID);
      List<String> infos = new ArrayList<>();
      for (ObjectNode o : sent) {
        infos.add(o.path("creationInfo").asString());
      }
      return new Batch(s.postTasks(sent), List.of(true, false, true, false), infos);
    }
  }

  /** A request for tasks of which some are valid; the answer. */
  record Batch(Response answer, List<Boolean> valid, List<String> creationInfos) {}

  @DataProvider
  public static Object[][] routes() {
    return rows((Object[]) CreationRoute.values());
  }

  /** The ids of the created tasks of a creation report, checking that every entry succeeded. */
  private static List<String> createdIds(JsonNode report, int expected) {
    JsonNode entries = report.path("tasks");
    equal(entries.size(), expected, "One status report per task asked for");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      equal(e.path("status").asInt(), 200, "Valid task " + i + " is reported as created");
      String id = e.path("success").path("id").asString();
      that(!id.isEmpty(), "Created task " + i + " is reported with its id", "an id", e);
      ids.add(id);
    }
    return ids;
  }

  /**
   * Creates one task in the project by the route from the default parameters changed by {@code
   * change}, checking its report; returns its id.
   */
  private String create(CreationRoute route, String project, Consumer<ObjectNode> change) {
    return createdIds(ok(route.send(s, project, 1, change), REPORT), 1).get(0);
  }

  /** As {@link #create}, in a fresh project; returns the task as GET /tasks/:id shows it. */
  private JsonNode createAndRead(CreationRoute route, String project, Consumer<ObjectNode> change) {
    return s.task(create(route, project, change));
  }

  private JsonNode createAndRead(CreationRoute route, Consumer<ObjectNode> change) {
    return createAndRead(route, s.projectName(), change);
  }

  /** Parameters without the optional fields the document names. */
  private static void withoutOptionalFields(ObjectNode params) {
    for (String optional : List.of("scriptId", "boundingBox", "creationInfo", "description")) {
      params.remove(optional);
    }
  }

  // --- both routes ------------------------------------------------------------------------------

  /**
   * POST /tasks MUST take a list of task objects and create one task per object; POST
   * /tasks/createFromFiles MUST take the parameters from formJSON and create one task per attached
   * NML file. Both MUST answer 200 with a status report per task that includes its id.
   *
   * <p>Steps: ask for three tasks in a fresh project; read each reported id; list the project's
   * tasks.
   */
  @Test(dataProvider = "routes")
  @Requirement({
    "tasks.create.returns-status-reports",
    "tasks.create.one-task-per-object",
    "tasks.create-from-files.returns-status-reports",
    "tasks.create-from-files.form-json",
    "tasks.create-from-files.one-task-per-nml"
  })
  public void createReportsEveryTaskWithItsId(CreationRoute route) {
    String p = s.projectName();
    List<String> ids = createdIds(ok(route.send(s, p, 3, o -> {}), REPORT), 3);
    equal(set(ids).size(), 3, "Each created task has its own id");
    ids.forEach(s::task);
    equal(set(s.projectTaskIds(p)), set(ids), "The project holds exactly the created tasks");
  }

  /** Both routes MUST create the task with the task type whose id is given in taskTypeId. */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.task-type-id", "tasks.create-from-files.task-type-id"})
  public void createUsesTheGivenTaskType(CreationRoute route) {
    JsonNode t = createAndRead(route, p -> {});
    equal(t.path("type").path("id").asString(), world.taskType(), "Task has the given task type");
  }

  /** Both routes MUST create the task with the given neededExperience (domain and value). */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.needed-experience", "tasks.create-from-files.needed-experience"})
  public void createUsesTheGivenNeededExperience(CreationRoute route) {
    String domain = fixtures.name("experience");
    JsonNode t =
        createAndRead(
            route,
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
        t.path("neededExperience").path("value").asInt(), 3, "Task has the given experience value");
  }

  /** Both routes MUST create each task with the number of open instances given in openInstances. */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.open-instances", "tasks.create-from-files.open-instances"})
  public void createUsesTheGivenOpenInstances(CreationRoute route) {
    JsonNode t = createAndRead(route, p -> p.put("openInstances", 3));
    equal(t.path("status").path("open").asLong(), 3L, "Task has the given open instances");
  }

  /**
   * Both routes MUST create the task in the project named in projectName: GET /projects/:name/tasks
   * of that project lists it (and only it), that of another project does not.
   */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.project-name", "tasks.create-from-files.project-name"})
  public void createPutsTheTaskIntoTheNamedProject(CreationRoute route) {
    String other = s.projectName();
    String named = s.projectName();
    String id = create(route, named, p -> {});
    equal(s.projectTaskIds(named), List.of(id), "The named project lists the new task");
    equal(s.projectTaskIds(other), List.of(), "Another project gets no new task");
    equal(s.task(id).path("projectName").asString(), named, "Task shows the named project");
  }

  /** Both routes given a boundingBox MUST create the task with exactly that bounding box. */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.bounding-box", "tasks.create-from-files.bounding-box"})
  public void createUsesTheGivenBoundingBox(CreationRoute route) {
    JsonNode t = createAndRead(route, p -> p.set("boundingBox", box(5, 6, 7, 11, 12, 13)));
    equal(
        boxNumbers(t.path("boundingBox")),
        List.of(5.0, 6.0, 7.0, 11.0, 12.0, 13.0),
        "Task has the given boundingBox");
  }

  @DataProvider
  public static Object[][] omittedFields() {
    return pairs(
        CreationRoute.values(),
        row("boundingBox", "tasks.create.bounding-box", "tasks.create-from-files.bounding-box"),
        row("script", "tasks.create.script-id", "tasks.create-from-files.script-id"));
  }

  /**
   * Both routes without boundingBox MUST create a task that has no bounding box (the attached NML
   * has no task bounding box either), and without scriptId a task that has no script.
   */
  @Test(dataProvider = "omittedFields")
  @Requirement({
    "tasks.create.bounding-box",
    "tasks.create-from-files.bounding-box",
    "tasks.create.script-id",
    "tasks.create-from-files.script-id"
  })
  public void createWithoutTheFieldGivesNone(CreationRoute route, Row field) {
    JsonNode t = createAndRead(route, TaskCreationConformance::withoutOptionalFields);
    that(
        t.path(field.value()).isNull(),
        "Task created without " + field + " has none",
        field + " null",
        t.path(field.value()));
  }

  /**
   * Both routes with scriptId MUST create a task that uses the script with that id.
   *
   * <p>Steps: find a script the target accepts (skip when none is known); create the task; read it.
   */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.script-id", "tasks.create-from-files.script-id"})
  public void createUsesTheGivenScript(CreationRoute route) {
    String p = s.projectName();
    String script = s.usableScript(p);
    JsonNode t = createAndRead(route, p, o -> o.put("scriptId", script));
    equal(t.path("script").path("id").asString(), script, "Task uses the given script");
  }

  /**
   * Both routes MUST answer 200 when some tasks cannot be created, with one report per task asked
   * for, in order: the valid ones created (on POST /tasks with their creationInfo), the failed ones
   * encoded as failures with an error (and not created).
   *
   * <p>Steps: ask for valid and invalid tasks (a script id that does not exist; an NML on a dataset
   * that does not exist); check the reports and the project's tasks.
   */
  @Test(dataProvider = "routes")
  @Requirement({
    "tasks.create.partial-failure-is-200",
    "tasks.create-from-files.partial-failure-is-200"
  })
  public void partlyFailingCreateAnswers200(CreationRoute route) {
    String p = s.projectName();
    Batch sent = route.sendMixed(s, p);
    JsonNode entries = ok(sent.answer(), REPORT).path("tasks");
    equal(entries.size(), sent.valid().size(), "One report per task, failed ones included");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < sent.valid().size(); i++) {
      JsonNode e = entries.get(i);
      if (sent.valid().get(i)) {
        equal(e.path("status").asInt(), 200, "Valid task " + i + " is reported as created");
        if (sent.creationInfos() != null) {
          equal(
              e.path("success").path("creationInfo").asString(),
              sent.creationInfos().get(i),
              "Report " + i + " belongs to task object " + i);
        }
        created.add(e.path("success").path("id").asString());
      } else {
        that(
            e.path("status").asInt() != 200 && e.has("error"),
            "Task " + i + " (that cannot be created) is reported as failed",
            "a status other than 200 with an error",
            e);
      }
    }
    equal(set(s.projectTaskIds(p)), set(created), "Only the valid tasks are in the project");
  }

  /**
   * Both routes SHOULD NOT create a task when a required field is missing (POST /tasks: taskTypeId,
   * neededExperience, openInstances, projectName, dataSet, editPosition, editRotation; formJSON:
   * the first four): they SHOULD refuse the request with a 4xx or report the task as failed.
   *
   * <p>Steps: for each field, ask for one task without it; check the answer and that the project
   * still has no task.
   */
  @Test(dataProvider = "routes")
  @Requirement({"tasks.create.required-fields", "tasks.create-from-files.required-fields"})
  public void withoutARequiredFieldNoTaskIsCreated(CreationRoute route) {
    String p = s.projectName();
    for (String field : route.required) {
      Response r = route.send(s, p, 1, o -> o.remove(field));
      if (r.statusCode() == 200) {
        for (JsonNode e : Checks.matchesSchema(r, REPORT).path("tasks")) {
          that(
              e.path("status").asInt() != 200,
              "Task without " + field + " is reported as failed",
              "a failed report (status other than 200)",
              e);
        }
      } else {
        refused(r);
      }
      equal(s.projectTaskIds(p).size(), 0, "No task is created without " + field);
    }
  }

  // --- POST /tasks only -------------------------------------------------------------------------

  /**
   * Every id POST /tasks reports MUST address the created task: GET /tasks/:id answers 200 with
   * that task (told apart by its creationInfo).
   */
  @Test
  @Requirement("tasks.create.reported-id-readable")
  public void reportedIdsAddressTheCreatedTasks() {
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

  /**
   * POST /tasks MUST return each task's creationInfo with that task's status report, so that
   * reports can be matched to the task objects.
   */
  @Test
  @Requirement("tasks.create.creation-info")
  public void reportsCarryTheCreationInfo() {
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

  /** POST /tasks MUST create the task on the dataset named in dataSet. */
  @Test
  @Requirement("tasks.create.data-set")
  public void createUsesTheGivenDataSet() {
    JsonNode t = createAndRead(CreationRoute.TASKS, p -> {});
    equal(t.path("dataSet").asString(), world.dataset(), "Task is on the given dataset");
  }

  /** The vectors a task object gives, with values of their own. */
  @DataProvider
  public static Object[][] vectors() {
    return new Object[][] {
      {row("editPosition", "tasks.create.edit-position"), List.of(101, 202, 303)},
      {row("editRotation", "tasks.create.edit-rotation"), List.of(10, 20, 30)},
    };
  }

  /**
   * POST /tasks MUST create the task with the starting coordinates given in editPosition, and with
   * the starting rotation given in editRotation.
   */
  @Test(dataProvider = "vectors")
  @Requirement({"tasks.create.edit-position", "tasks.create.edit-rotation"})
  public void createUsesTheGivenVector(Row field, List<Integer> values) {
    JsonNode t =
        createAndRead(CreationRoute.TASKS, p -> values.forEach(p.putArray(field.value())::add));
    equal(
        numbers(t.path(field.value())),
        values.stream().map(Integer::doubleValue).toList(),
        "Task has the given " + field);
  }

  /** POST /tasks MUST create a task from an object that omits every optional field. */
  @Test
  @Requirement("tasks.create.optional-fields")
  public void createWithoutOptionalFields() {
    create(CreationRoute.TASKS, s.projectName(), TaskCreationConformance::withoutOptionalFields);
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
    String p = s.projectName();
    String script = s.usableScript(p);
    create(
        CreationRoute.TASKS,
        p,
        o -> {
          o.put("scriptId", script);
          o.set("boundingBox", box(1, 2, 3, 40, 50, 60));
          o.put("description", "created by wkcheck");
        });
  }
}
