package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.testng.SkipException;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlWriter;
import org.wkcheck.target.Role;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the task and project conformance tests share: requests to the task and project routes as the
 * main user, and the projects a test works in. Used as a resource ({@code try (var s = support())
 * {...}}): every project the test made or adopted is deleted (with its tasks and task annotations)
 * when the test ends, so no open task instance of one test is handed out in another.
 */
final class TaskProjectSupport implements AutoCloseable {
  static final String REPORT = "documented/task-creation-report.json";
  static final String TASK = "documented/task.json";
  static final String TASK_LIST = "documented/task-list.json";
  static final String PROJECT = "documented/project.json";
  static final String PROJECT_LIST = "documented/project-list.json";
  static final String PROJECT_WITH_STATUS = "documented/project-with-status.json";
  static final String PROJECT_WITH_STATUS_LIST = "documented/project-with-status-list.json";
  static final String ANNOTATION = "documented/annotation.json";
  static final String TASK_ANNOTATION_LIST = "documented/task-annotation-list.json";

  /** A well-formed id no script, task type, task or user of any target has. */
  static final String UNKNOWN_ID = "000000000000000000000bad";

  /** The script of webKnossos' test database (and of the reference server's seeded world). */
  private static final String TEST_DATABASE_SCRIPT = "5aead7aaf5be4b070173295b";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Api api;
  private final Fixtures fixtures;
  private final TargetWorld world;
  private final List<String> projects = new ArrayList<>();

  TaskProjectSupport(Api api, Fixtures fixtures, TargetWorld world) {
    this.api = api;
    this.fixtures = fixtures;
    this.world = world;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  RequestSpecification user() {
    return api.as(Role.ADMIN);
  }

  // --- projects -------------------------------------------------------------------------------

  /** A project the test made: its id, name, and the answer that created it. */
  record Made(String id, String name, JsonNode json) {}

  /** A fresh project of the world's team (through the fixtures), deleted when the test ends. */
  Made project() {
    JsonNode p = fixtures.project();
    String name = p.path("name").asString();
    adopt(name);
    return new Made(p.path("id").asString(), name, p);
  }

  /** The name of a fresh project. */
  String projectName() {
    return project().name();
  }

  /** Deletes the project with this name when the test ends (if it still exists). */
  void adopt(String projectName) {
    synchronized (projects) {
      projects.add(projectName);
    }
  }

  Response createProject(ObjectNode body) {
    if (body.hasNonNull("name")) {
      adopt(body.path("name").asString());
    }
    return user().contentType("application/json").body(body.toString()).post("/projects");
  }

  Response getProject(String name) {
    return user().get("/projects/{name}", name);
  }

  /** GET /projects/:name/tasks, checked: the ids of the listed tasks in their order. */
  List<String> projectTaskIds(String projectName) {
    return ids(ok(user().get("/projects/{name}/tasks", projectName), TASK_LIST));
  }

  /** The entry of GET /projects/assignments for the project with this id, or null. */
  JsonNode assignmentsEntry(String projectId) {
    JsonNode list = ok(user().get("/projects/assignments"), PROJECT_WITH_STATUS_LIST);
    for (JsonNode p : list) {
      if (projectId.equals(p.path("id").asString())) {
        return p;
      }
    }
    return null;
  }

  // --- tasks ----------------------------------------------------------------------------------

  /** A task parameter object with one open instance (and a fresh creationInfo). */
  ObjectNode params(String projectName) {
    return fixtures.taskParameters(projectName, 1);
  }

  Response postTasks(JsonNode... tasks) {
    ArrayNode body = array();
    for (JsonNode t : tasks) {
      body.add(t);
    }
    return user().contentType("application/json").body(body.toString()).post("/tasks");
  }

  /** POST /tasks with one task that must be created; returns the created task's id. */
  String createTask(ObjectNode params) {
    JsonNode entries = ok(postTasks(params), REPORT).path("tasks");
    equal(entries.size(), 1, "One status report per requested task");
    JsonNode e = entries.get(0);
    equal(e.path("status").asInt(), 200, "Valid task is created (status of its report)");
    String id = e.path("success").path("id").asString();
    that(!id.isEmpty(), "Created task is reported with its id", "an id", e);
    return id;
  }

  /** Creates n tasks with one open instance each in the project (fixtures); returns their ids. */
  List<String> tasks(String projectName, int count) {
    List<String> ids = new ArrayList<>();
    for (JsonNode e : fixtures.tasks(projectName, count, 1)) {
      ids.add(e.path("success").path("id").asString());
    }
    return ids;
  }

  /** GET /tasks/:id, checked. */
  JsonNode task(String id) {
    JsonNode t = ok(user().get("/tasks/{id}", id), TASK);
    equal(t.path("id").asString(), id, "GET /tasks/:id answers the task with that id");
    return t;
  }

  /** The open instances of a task (its status.open), read with GET /tasks/:id. */
  long open(String taskId) {
    return task(taskId).path("status").path("open").asLong();
  }

  Response list(ObjectNode query) {
    return user().contentType("application/json").body(query.toString()).post("/tasks/list");
  }

  /** POST /tasks/list, checked: the ids of the listed tasks in their order. */
  List<String> listIds(ObjectNode query) {
    return ids(ok(list(query), TASK_LIST));
  }

  static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    for (JsonNode t : list) {
      ids.add(t.path("id").asString());
    }
    return ids;
  }

  static Set<String> set(List<String> ids) {
    return new LinkedHashSet<>(ids);
  }

  /** A JSON value as a list of numbers, for comparing coordinates given as ints or doubles. */
  static List<Double> numbers(JsonNode vector) {
    List<Double> out = new ArrayList<>();
    if (vector != null && vector.isArray()) {
      for (JsonNode n : vector) {
        out.add(n.isNumber() ? n.asDouble() : Double.NaN);
      }
    }
    return out;
  }

  /** A bounding box value (task parameter form) with the given corner and size. */
  static ObjectNode box(int x, int y, int z, int width, int height, int depth) {
    ObjectNode b = object();
    b.putArray("topLeft").add(x).add(y).add(z);
    b.put("width", width);
    b.put("height", height);
    b.put("depth", depth);
    return b;
  }

  /** A task's bounding box reduced to comparable numbers [x, y, z, width, height, depth]. */
  static List<Double> boxNumbers(JsonNode box) {
    List<Double> out = new ArrayList<>(numbers(box.path("topLeft")));
    for (String f : List.of("width", "height", "depth")) {
      out.add(box.path(f).isNumber() ? box.path(f).asDouble() : Double.NaN);
    }
    return out;
  }

  /**
   * A task type id other than the world's, seen on a task the main user can list, else the world's.
   */
  String otherTaskType() {
    Response r = list(object());
    if (r.statusCode() == 200) {
      for (JsonNode t : Checks.json(r)) {
        String id = t.path("type").path("id").asString();
        if (!id.isEmpty() && !id.equals(world.taskType())) {
          return id;
        }
      }
    }
    return world.taskType();
  }

  /** The name of an active dataset other than the world's, else the world's. */
  String otherDataset() {
    Response r = user().queryParam("isActive", true).get("/datasets");
    if (r.statusCode() == 200) {
      for (JsonNode d : Checks.json(r)) {
        String name = d.path("name").asString();
        if (!name.isEmpty() && !name.equals(world.dataset())) {
          return name;
        }
      }
    }
    return world.dataset();
  }

  // --- createFromFiles ------------------------------------------------------------------------

  /** The formJSON of POST /tasks/createFromFiles for the world's task type. */
  ObjectNode form(String projectName, int openInstances) {
    return fixtures.createFromFilesForm(projectName, openInstances);
  }

  /** POST /tasks/createFromFiles with the formJSON field (when not null) and one file per NML. */
  Response createFromFiles(ObjectNode form, Nml... nmls) {
    RequestSpecification req = user();
    if (form != null) {
      req = req.multiPart("formJSON", form.toString());
    }
    for (Nml n : nmls) {
      req =
          req.multiPart(
              "nmlFile", fixtures.name("task") + ".nml", NmlWriter.toBytes(n), "application/xml");
    }
    return req.post("/tasks/createFromFiles");
  }

  /** An NML on the world's dataset with one small tree. */
  Nml nml() {
    return fixtures.nml(List.of(tree()));
  }

  /** An NML with one small tree that names a dataset the target does not have. */
  Nml nmlOnMissingDataset() {
    Nml n = nml();
    Nml.Parameters p = n.parameters();
    return n.withParameters(
        p.withExperiment(
            new Nml.Experiment(
                fixtures.name("no_such_dataset"), world.organization(), null, null, null)));
  }

  private static Nml.Tree tree() {
    List<Nml.Node> nodes = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      nodes.add(
          new Nml.Node(
              i, 1.0, 100 + i, 200 + i, 30 + i, 0, 0, 0, 0, 1, 8, false, 1_600_000_000_000L + i));
    }
    return new Nml.Tree(
        1, Nml.Color.NONE, "wkcheck", null, null, null, nodes, List.of(new Nml.Edge(1, 2)));
  }

  // --- scripts, users, task hand-out ----------------------------------------------------------

  /**
   * A script id the target accepts for a new task of this project, shown back as the task's script;
   * skips the test when none is known. Candidates: the scripts of tasks the main user can list,
   * then the script of webKnossos' test database. Each candidate is tried with a probe task (it is
   * deleted with the project).
   */
  String usableScript(String projectName) {
    Set<String> candidates = new LinkedHashSet<>();
    Response r = list(object());
    if (r.statusCode() == 200) {
      for (JsonNode t : Checks.json(r)) {
        String id = t.path("script").path("id").asString();
        if (!id.isEmpty()) {
          candidates.add(id);
        }
      }
    }
    candidates.add(TEST_DATABASE_SCRIPT);
    for (String script : candidates) {
      ObjectNode probe = params(projectName);
      probe.put("scriptId", script);
      Response p = postTasks(probe);
      if (p.statusCode() == 200
          && Checks.json(p).path("tasks").path(0).path("status").asInt() == 200) {
        return script;
      }
    }
    throw new SkipException(
        "no script id is known that the target accepts (tried " + candidates + ")");
  }

  /** The id of a user of the world's organization other than the main user, else the main user. */
  String ownerCandidate() {
    for (Role role : List.of(Role.MANAGER, Role.MEMBER)) {
      if (api.has(role)) {
        Response r = api.as(role).get("/user");
        if (r.statusCode() == 200) {
          String id = Checks.json(r).path("id").asString();
          if (!id.isEmpty()) {
            return id;
          }
        }
      }
    }
    return mainUserId();
  }

  String mainUserId() {
    return fixtures.mainUser().path("id").asString();
  }

  /**
   * A task annotation of the main user (fixtures: through webKnossos' set-up route POST
   * /user/tasks/request) in a fresh project, which is deleted when the test ends.
   */
  TaskAnnotation taskAnnotation() {
    JsonNode a = fixtures.taskAnnotation();
    TaskAnnotation t =
        new TaskAnnotation(
            a.path("id").asString(),
            a.path("task").path("id").asString(),
            a.path("task").path("projectName").asString());
    adopt(t.projectName());
    return t;
  }

  /** A task annotation of the main user: its id, its task's and its project's name. */
  record TaskAnnotation(String id, String taskId, String projectName) {}

  /** GET /annotations/Task/:id/info as the main user. */
  Response annotationInfo(String annotationId) {
    return user().get("/annotations/Task/{id}/info", annotationId);
  }

  /**
   * Checks that {@code delete}, given a new task annotation of the main user, removes the
   * annotation: its info answers before and is refused after.
   */
  void removesTheAnnotation(Consumer<TaskAnnotation> delete) {
    TaskAnnotation annotation = taskAnnotation();
    ok(annotationInfo(annotation.id()), ANNOTATION);
    delete.accept(annotation);
    refused(annotationInfo(annotation.id()));
  }

  @Override
  public void close() {
    List<String> names;
    synchronized (projects) {
      names = new ArrayList<>(projects);
      projects.clear();
    }
    for (String name : names) {
      try {
        user().delete("/projects/{name}", name);
      } catch (RuntimeException | AssertionError e) {
        // the fixtures' clean-up at the end of the run tries again
      }
    }
  }
}
