package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task routes: {@code POST /tasks}, {@code POST /tasks/createFromFiles}, {@code POST
 * /tasks/list}, {@code GET/PUT/DELETE /tasks/:id} and {@code GET /tasks/:id/annotations}.
 */
public class TasksTest extends ServerTestBase {

  /**
   * Priorities above every other project of this class, growing with each use: the project made
   * last is the one {@code POST /user/tasks/request} hands out from first.
   */
  private static final AtomicLong TOP_PRIORITY = new AtomicLong(1_000_000_000L);

  private static final String UNKNOWN_ID = "000000000000000000000bad";

  // --- helpers ----------------------------------------------------------------------------------

  /** Creates a project of team_X1 owned by user_A with the given priority; returns its name. */
  private String project(long priority) {
    String name = unique("t");
    createProject(name, priority);
    return name;
  }

  /** A project whose open tasks are handed out before those of every other project. */
  private String topProject() {
    return project(TOP_PRIORITY.incrementAndGet());
  }

  /** One valid task parameter object, as an editable JSON object. */
  private static ObjectNode task(String projectName, int openInstances) {
    return (ObjectNode) Json.MAPPER.readTree(taskJson(projectName, openInstances));
  }

  private static ObjectNode task(String projectName, int open, Consumer<ObjectNode> change) {
    ObjectNode t = task(projectName, open);
    change.accept(t);
    return t;
  }

  /** Sets the task's boundingBox: top left (1, 2, 3) and this size. */
  private static void putBoundingBox(ObjectNode task, int width, int height, int depth) {
    ObjectNode box = task.putObject("boundingBox");
    box.putArray("topLeft").add(1).add(2).add(3);
    box.put("width", width);
    box.put("height", height);
    box.put("depth", depth);
  }

  private Response postTasks(char user, JsonNode body) {
    return postTasks(user, body.toString());
  }

  private Response postTasks(char user, String body) {
    return as(user).contentType("application/json").body(body).post("/tasks");
  }

  private Response postList(char user, String query) {
    return as(user).contentType("application/json").body(query).post("/tasks/list");
  }

  /**
   * {@code POST /tasks/createFromFiles} as the user with this formJSON and the files ({@code name,
   * bytes, name, bytes, ...}) as nmlFiles[].
   */
  private Response createFromFiles(char user, String formJson, Object... nameAndBytes) {
    RequestSpecification r = as(user).multiPart("formJSON", formJson);
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      r = r.multiPart("nmlFiles[]", (String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return r.post("/tasks/createFromFiles");
  }

  private Response putTask(char user, String id, String body) {
    return as(user).contentType("application/json").body(body).put("/tasks/" + id);
  }

  /**
   * PUT /tasks/:id of the body made for its project, as each of the users, on a new task (two open
   * instances) MUST give the status and leave the task unchanged.
   */
  private void assertPutRefused(
      int status, Function<String, String> bodyForProject, char... users) {
    String p = createProject();
    JsonNode before = createTasks(p, 2).get(0);
    String id = before.path("id").asString();
    for (char user : users) {
      assertError(putTask(user, id, bodyForProject.apply(p)), status);
    }
    assertEquals(getTask(id), before);
  }

  /** The per-task entries of a creation report, after checking the report's shape. */
  private static JsonNode entries(JsonNode report) {
    assertTrue(report.path("tasks").isArray(), "no list of task entries: " + report);
    return report.path("tasks");
  }

  private static void assertSuccessEntry(JsonNode entry) {
    assertEquals(entry.path("status").asInt(), 200, "entry " + entry);
    assertTrue(entry.path("success").isObject(), "no created task in " + entry);
    assertTrue(entry.path("success").path("id").isString(), "created task has no id: " + entry);
    assertFalse(entry.has("error"), "success entry with an error: " + entry);
  }

  private static void assertFailureEntry(JsonNode entry) {
    int status = entry.path("status").asInt();
    assertTrue(status >= 400 && status < 500, "expected a 4xx failure entry, got " + entry);
    assertTrue(entry.path("error").isString(), "failure entry without error message: " + entry);
    assertFalse(entry.has("success"), "failure entry with a created task: " + entry);
  }

  /** A task instance handed out to {@code user}, which MUST be one of the task {@code taskId}. */
  private JsonNode requestTaskAnnotation(char user, String taskId) {
    JsonNode a = requestTaskAnnotation(user);
    assertEquals(a.path("task").path("id").asString(), taskId);
    return a;
  }

  /** A POST /tasks body of {@code count} tasks of the project with one open instance each. */
  private ArrayNode oneInstanceTasks(String projectName, int count) {
    ArrayNode body = Json.array();
    for (int i = 0; i < count; i++) {
      body.add(task(projectName, 1));
    }
    return body;
  }

  /** Creates tasks with the given open instances in one request as user_A; returns the tasks. */
  private List<JsonNode> createTasks(String projectName, int... openInstances) {
    ArrayNode body = Json.array();
    for (int open : openInstances) {
      body.add(task(projectName, open));
    }
    JsonNode list = entries(ok(postTasks('A', body)));
    assertEquals(list.size(), openInstances.length, "entries: " + list);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : list) {
      assertSuccessEntry(e);
      out.add(e.path("success"));
    }
    return out;
  }

  private static List<String> ids(Iterable<JsonNode> tasks) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : tasks) {
      out.add(t.path("id").asString());
    }
    return out;
  }

  private JsonNode getTask(String id) {
    return ok(as('A').get("/tasks/" + id));
  }

  private JsonNode list(char user, String query) {
    JsonNode r = ok(postList(user, query));
    assertTrue(r.isArray(), "task list is not a list: " + r);
    return r;
  }

  private static String projectQuery(String projectName) {
    return "{\"project\":\"" + projectName + "\"}";
  }

  /**
   * The ids of the project's tasks as user_A sees them through {@code GET /projects/:name/tasks}.
   */
  private Set<String> taskIdsOfProject(String projectName) {
    JsonNode tasks = ok(as('A').get("/projects/{name}/tasks", projectName));
    return new HashSet<>(ids(tasks));
  }

  private static ArrayNode array(String... values) {
    ArrayNode a = Json.array();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  // --- NML fixtures -----------------------------------------------------------------------------

  /** A small valid NML on l4_sample whose edit position is (x, y, z). */
  private static byte[] nml(int x, int y, int z) {
    return ("<things><parameters>"
            + "<experiment name=\"l4_sample\" organization=\"Organization_X\"/>"
            + "<scale x=\"11.24\" y=\"11.24\" z=\"28\"/>"
            + "<editPosition x=\""
            + x
            + "\" y=\""
            + y
            + "\" z=\""
            + z
            + "\"/><editRotation x=\"0\" y=\"0\" z=\"0\"/>"
            + "</parameters><thing id=\"1\" name=\"t\"><nodes>"
            + "<node id=\"1\" x=\""
            + x
            + "\" y=\""
            + y
            + "\" z=\""
            + z
            + "\"/></nodes><edges/></thing></things>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zip(String[] names, byte[]... contents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < names.length; i++) {
        z.putNextEntry(new ZipEntry(names[i]));
        z.write(contents[i]);
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void assertPosition(JsonNode task, int x, int y, int z) {
    JsonNode p = task.path("editPosition");
    assertEquals(p.size(), 3, "editPosition of " + task);
    assertEquals(
        List.of(p.get(0).asInt(), p.get(1).asInt(), p.get(2).asInt()),
        List.of(x, y, z),
        "editPosition of " + task);
  }

  // --- POST /tasks ------------------------------------------------------------------------------

  /** A mixed batch MUST answer 200 with one entry per requested task, in request order. */
  @Test
  public void mixedBatchAnswersOneEntryPerTaskInOrder() {
    String p = createProject();
    ArrayNode body = Json.array();
    body.add(task(p, 3));
    body.add(task(p, 1, t -> t.remove("taskTypeId")));
    body.add(task(p, 5));
    body.add(task(p, 1, t -> t.put("taskTypeId", UNKNOWN_ID)));
    body.add(task(p, 1, t -> t.put("projectName", unique("noSuchProject"))));
    body.add(task(p, 1, t -> t.put("dataSet", "no_such_dataset")));
    body.add(task(p, 1, t -> t.put("openInstances", "3")));
    body.add(task(p, 7));
    JsonNode list = entries(ok(postTasks('A', body)));
    assertEquals(list.size(), 8, "entries: " + list);
    boolean[] succeeds = {true, false, true, false, false, false, false, true};
    for (int i = 0; i < succeeds.length; i++) {
      if (succeeds[i]) {
        assertSuccessEntry(list.get(i));
      } else {
        assertFailureEntry(list.get(i));
      }
    }
    assertEquals(list.get(0).path("success").path("status").path("open").asInt(), 3);
    assertEquals(list.get(2).path("success").path("status").path("open").asInt(), 5);
    assertEquals(list.get(7).path("success").path("status").path("open").asInt(), 7);
  }

  /** Only the valid entries of a mixed batch MUST create tasks. */
  @Test
  public void failedEntriesCreateNoTasks() {
    String p = createProject();
    ArrayNode body = Json.array();
    body.add(task(p, 2));
    body.add(task(p, 1, t -> t.put("dataSet", "no_such_dataset")));
    body.add(task(p, 1, t -> t.put("openInstances", "3")));
    body.add(task(p, 4));
    JsonNode list = entries(ok(postTasks('A', body)));
    Set<String> created = new HashSet<>();
    for (JsonNode e : list) {
      if (e.path("status").asInt() == 200) {
        created.add(e.path("success").path("id").asString());
      }
    }
    assertEquals(created.size(), 2, "entries: " + list);
    assertEquals(taskIdsOfProject(p), created);
  }

  @DataProvider
  public Object[][] invalidTasks() {
    return new Object[][] {
      {"missing taskTypeId", (Consumer<ObjectNode>) t -> t.remove("taskTypeId")},
      {"missing neededExperience", (Consumer<ObjectNode>) t -> t.remove("neededExperience")},
      {"missing openInstances", (Consumer<ObjectNode>) t -> t.remove("openInstances")},
      {"missing projectName", (Consumer<ObjectNode>) t -> t.remove("projectName")},
      {"missing dataSet", (Consumer<ObjectNode>) t -> t.remove("dataSet")},
      {"missing editPosition", (Consumer<ObjectNode>) t -> t.remove("editPosition")},
      {"missing editRotation", (Consumer<ObjectNode>) t -> t.remove("editRotation")},
      {"unknown taskTypeId", (Consumer<ObjectNode>) t -> t.put("taskTypeId", UNKNOWN_ID)},
      {"malformed taskTypeId", (Consumer<ObjectNode>) t -> t.put("taskTypeId", "nope")},
      {"unknown project", (Consumer<ObjectNode>) t -> t.put("projectName", "no_such_project")},
      {"unknown dataset", (Consumer<ObjectNode>) t -> t.put("dataSet", "no_such_dataset")},
      {"unknown script", (Consumer<ObjectNode>) t -> t.put("scriptId", UNKNOWN_ID)},
      {"openInstances as string", (Consumer<ObjectNode>) t -> t.put("openInstances", "3")},
      {"openInstances fractional", (Consumer<ObjectNode>) t -> t.put("openInstances", 1.5)},
      {"negative openInstances", (Consumer<ObjectNode>) t -> t.put("openInstances", -1)},
      {
        "openInstances beyond INT",
        (Consumer<ObjectNode>) t -> t.put("openInstances", 3_000_000_000L)
      },
      {"taskTypeId as number", (Consumer<ObjectNode>) t -> t.put("taskTypeId", 5)},
      {
        "experience value as string",
        (Consumer<ObjectNode>)
            t -> t.putObject("neededExperience").put("domain", "abc").put("value", "x")
      },
      {"editPosition of two", (Consumer<ObjectNode>) t -> t.putArray("editPosition").add(1).add(2)},
      {
        "editPosition of strings",
        (Consumer<ObjectNode>) t -> t.putArray("editPosition").add("1").add("2").add("3")
      },
      {"task not an object", null},
    };
  }

  /**
   * An invalid task between two valid ones MUST give a 4xx failure entry at its position, and MUST
   * NOT stop its neighbours from being created.
   */
  @Test(dataProvider = "invalidTasks")
  public void invalidTaskGivesAFailureEntryInPlace(String what, Consumer<ObjectNode> change) {
    String p = createProject();
    ArrayNode body = Json.array();
    body.add(task(p, 1));
    if (change == null) {
      body.add("not a task");
    } else {
      body.add(task(p, 1, change));
    }
    body.add(task(p, 2));
    JsonNode list = entries(ok(postTasks('A', body)));
    assertEquals(list.size(), 3, what + ": " + list);
    assertSuccessEntry(list.get(0));
    assertFailureEntry(list.get(1));
    assertSuccessEntry(list.get(2));
    assertEquals(taskIdsOfProject(p).size(), 2, what);
  }

  /** Every created task MUST read back through GET /tasks/:id equal to its success entry. */
  @Test
  public void createdTasksReadBackEqualToTheirEntries() {
    String p = createProject();
    for (JsonNode t : createTasks(p, 1, 4, 9)) {
      assertEquals(getTask(t.path("id").asString()), t);
    }
  }

  /** A created task's status MUST be open = openInstances, active = 0 and finished = 0. */
  @Test
  public void createdTaskStatusIsOpenInstances() {
    String p = createProject();
    List<JsonNode> tasks = createTasks(p, 0, 1, 12);
    int[] open = {0, 1, 12};
    for (int i = 0; i < open.length; i++) {
      JsonNode status = tasks.get(i).path("status");
      assertEquals(status.path("open").asInt(), open[i], "status " + status);
      assertEquals(status.path("active").asInt(), 0, "status " + status);
      assertEquals(status.path("finished").asInt(), 0, "status " + status);
    }
  }

  /** A created task MUST carry the requested fields. */
  @Test
  public void createdTaskCarriesTheRequestedFields() {
    String p = createProject();
    ObjectNode t =
        task(
            p,
            2,
            x -> {
              x.putObject("neededExperience").put("domain", "xyz").put("value", 3);
              x.putArray("editPosition").add(10).add(20).add(30);
              x.putArray("editRotation").add(1).add(2).add(3);
              x.put("creationInfo", "my-info");
              x.put("scriptId", SeedWorld.SCRIPT);
              putBoundingBox(x, 10, 20, 30);
            });
    JsonNode entry = entries(ok(postTasks('A', Json.array().add(t)))).get(0);
    assertSuccessEntry(entry);
    JsonNode c = entry.path("success");
    assertTrue(c.path("id").asString().matches("[0-9a-f]{24}"), "id " + c);
    assertEquals(c.path("projectName").asString(), p);
    assertEquals(c.path("team").asString(), "team_X1");
    assertEquals(c.path("type").path("id").asString(), SeedWorld.TASK_TYPE_1);
    assertEquals(c.path("dataSet").asString(), "l4_sample");
    assertEquals(c.path("neededExperience").path("domain").asString(), "xyz");
    assertEquals(c.path("neededExperience").path("value").asInt(), 3);
    assertPosition(c, 10, 20, 30);
    assertEquals(c.path("editRotation").get(0).asDouble(), 1.0);
    assertEquals(c.path("editRotation").get(1).asDouble(), 2.0);
    assertEquals(c.path("editRotation").get(2).asDouble(), 3.0);
    assertEquals(c.path("creationInfo").asString(), "my-info");
    assertEquals(c.path("script").path("id").asString(), SeedWorld.SCRIPT);
    JsonNode box = c.path("boundingBox");
    assertEquals(box.path("topLeft").get(0).asInt(), 1);
    assertEquals(box.path("topLeft").get(1).asInt(), 2);
    assertEquals(box.path("topLeft").get(2).asInt(), 3);
    assertEquals(box.path("width").asInt(), 10);
    assertEquals(box.path("height").asInt(), 20);
    assertEquals(box.path("depth").asInt(), 30);
  }

  /** The ids of created tasks MUST be unique, also across requests. */
  @Test
  public void createdTaskIdsAreUnique() {
    String p = createProject();
    int[] opens = new int[25];
    List<String> all = new ArrayList<>(ids(createTasks(p, opens)));
    all.addAll(ids(createTasks(p, opens)));
    assertEquals(new HashSet<>(all).size(), 50, "ids " + all);
    assertFalse(all.contains(SeedWorld.TASK_1));
  }

  /** Creating a task in a project of a team the caller does not manage MUST fail its entry. */
  @Test
  public void taskInAProjectTheCallerDoesNotManageFails() {
    // user_B manages team_X1 only; Test_Project2 belongs to team_X2.
    JsonNode entry = entries(ok(postTasks('B', Json.array().add(task("Test_Project2", 1))))).get(0);
    assertFailureEntry(entry);
    // user_C is only a member of team_X1
    String p = createProject();
    JsonNode entryC = entries(ok(postTasks('C', Json.array().add(task(p, 1))))).get(0);
    assertFailureEntry(entryC);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** A team manager MUST be able to create tasks in the projects of the team. */
  @Test
  public void teamManagerCreatesTasks() {
    String p = createProject();
    JsonNode entry = entries(ok(postTasks('B', Json.array().add(task(p, 1))))).get(0);
    assertSuccessEntry(entry);
    assertEquals(taskIdsOfProject(p), Set.of(entry.path("success").path("id").asString()));
  }

  /** More than 1000 tasks in one request MUST be refused with 400 and create nothing. */
  @Test
  public void moreThan1000TasksAreRefused() {
    String p = createProject();
    ArrayNode body = oneInstanceTasks(p, 1001);
    assertError(postTasks('A', body), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** Exactly 1000 tasks in one request MUST be accepted. */
  @Test
  public void exactly1000TasksAreAccepted() {
    String p = createProject();
    ArrayNode body = oneInstanceTasks(p, 1000);
    JsonNode list = entries(ok(postTasks('A', body)));
    assertEquals(list.size(), 1000);
    for (JsonNode e : list) {
      assertSuccessEntry(e);
    }
    assertEquals(taskIdsOfProject(p).size(), 1000);
  }

  @DataProvider
  public Object[][] notAList() {
    return new Object[][] {{"{}"}, {"\"tasks\""}, {"42"}, {"null"}};
  }

  /** A POST /tasks body that is not a JSON list MUST be refused with 400. */
  @Test(dataProvider = "notAList")
  public void bodyThatIsNotAListIsRefused(String body) {
    assertError(postTasks('A', body), 400);
  }

  /** Malformed JSON in POST /tasks MUST be refused with 400. */
  @Test
  public void malformedJsonIsRefused() {
    String p = createProject();
    assertError(postTasks('A', "[" + taskJson(p, 1)), 400);
    assertError(postTasks('A', ""), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** The task routes MUST require a login (401 without a token). */
  @Test
  public void taskRoutesRequireALogin() {
    assertError(anonymous().get("/tasks/" + SeedWorld.TASK_1), 401);
    assertError(anonymous().contentType("application/json").body("{}").post("/tasks/list"), 401);
    assertError(anonymous().contentType("application/json").body("[]").post("/tasks"), 401);
  }

  // --- POST /tasks/createFromFiles --------------------------------------------------------------

  /** createFromFiles MUST create one task per attached NML, positioned as its NML says. */
  @Test
  public void createFromFilesCreatesOneTaskPerNml() {
    String p = createProject();
    JsonNode report =
        ok(
            createFromFiles(
                'A',
                taskFormJson(p, 4),
                "a.nml",
                nml(1, 2, 3),
                "b.nml",
                nml(10, 20, 30),
                "c.nml",
                nml(100, 200, 300)));
    JsonNode list = entries(report);
    assertEquals(list.size(), 3, "entries: " + list);
    int[][] positions = {{1, 2, 3}, {10, 20, 30}, {100, 200, 300}};
    for (int i = 0; i < 3; i++) {
      assertSuccessEntry(list.get(i));
      JsonNode t = list.get(i).path("success");
      assertPosition(t, positions[i][0], positions[i][1], positions[i][2]);
      assertEquals(t.path("projectName").asString(), p);
      assertEquals(t.path("dataSet").asString(), "l4_sample");
      assertEquals(t.path("type").path("id").asString(), SeedWorld.TASK_TYPE_1);
      assertEquals(t.path("status").path("open").asInt(), 4);
      assertEquals(getTask(t.path("id").asString()), t);
    }
    assertEquals(taskIdsOfProject(p), new HashSet<>(ids(list.findValues("success"))));
  }

  /** A ZIP holding two NMLs MUST count as two NMLs: two tasks. */
  @Test
  public void zipWithTwoNmlsCreatesTwoTasks() throws IOException {
    String p = createProject();
    byte[] zip = zip(new String[] {"x.nml", "y.nml"}, nml(5, 6, 7), nml(50, 60, 70));
    JsonNode list = entries(ok(createFromFiles('A', taskFormJson(p, 1), "both.zip", zip)));
    assertEquals(list.size(), 2, "entries: " + list);
    Set<List<Integer>> positions = new HashSet<>();
    for (JsonNode e : list) {
      assertSuccessEntry(e);
      JsonNode pos = e.path("success").path("editPosition");
      positions.add(List.of(pos.get(0).asInt(), pos.get(1).asInt(), pos.get(2).asInt()));
    }
    assertEquals(positions, Set.of(List.of(5, 6, 7), List.of(50, 60, 70)));
    assertEquals(taskIdsOfProject(p).size(), 2);
  }

  /** createFromFiles without the formJSON field MUST be refused with 400. */
  @Test
  public void createFromFilesWithoutFormJsonIsRefused() {
    String p = createProject();
    assertError(
        as('A').multiPart("nmlFiles[]", "a.nml", nml(1, 2, 3)).post("/tasks/createFromFiles"), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** createFromFiles with an invalid formJSON MUST be refused with 400 and create nothing. */
  @Test
  public void createFromFilesWithInvalidFormJsonIsRefused() {
    String p = createProject();
    ObjectNode form = (ObjectNode) Json.MAPPER.readTree(taskFormJson(p, 1));
    form.remove("taskTypeId");
    assertError(createFromFiles('A', form.toString(), "a.nml", nml(1, 2, 3)), 400);
    assertError(createFromFiles('A', "{not json", "a.nml", nml(1, 2, 3)), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** createFromFiles without any attached file MUST be refused with 400. */
  @Test
  public void createFromFilesWithoutFilesIsRefused() {
    String p = createProject();
    assertError(createFromFiles('A', taskFormJson(p, 1)), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** createFromFiles with a body that is not multipart MUST be refused with 400. */
  @Test
  public void createFromFilesThatIsNotMultipartIsRefused() {
    String p = createProject();
    assertError(
        as('A')
            .contentType("application/json")
            .body("{\"formJSON\":" + taskFormJson(p, 1) + "}")
            .post("/tasks/createFromFiles"),
        400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /**
   * An unparsable file among good ones MUST answer 200 with a failure entry for it, the good NMLs
   * still becoming tasks.
   */
  @Test
  public void unparsableFileAmongGoodOnesGivesAFailureEntry() {
    String p = createProject();
    JsonNode list =
        entries(
            ok(
                createFromFiles(
                    'A',
                    taskFormJson(p, 1),
                    "good1.nml",
                    nml(1, 1, 1),
                    "broken.nml",
                    "this is not an NML".getBytes(StandardCharsets.UTF_8),
                    "good2.nml",
                    nml(2, 2, 2))));
    assertEquals(list.size(), 3, "entries: " + list);
    assertSuccessEntry(list.get(0));
    assertFailureEntry(list.get(1));
    assertSuccessEntry(list.get(2));
    assertPosition(list.get(0).path("success"), 1, 1, 1);
    assertPosition(list.get(2).path("success"), 2, 2, 2);
    assertEquals(taskIdsOfProject(p).size(), 2);
  }

  /** An NML naming an unknown dataset MUST give a failure entry, the other NMLs still tasks. */
  @Test
  public void nmlOfAnUnknownDatasetGivesAFailureEntry() {
    String p = createProject();
    byte[] unknown =
        new String(nml(3, 3, 3), StandardCharsets.UTF_8)
            .replace("l4_sample", "no_such_dataset")
            .getBytes(StandardCharsets.UTF_8);
    JsonNode list =
        entries(
            ok(
                createFromFiles(
                    'A', taskFormJson(p, 1), "unknown.nml", unknown, "good.nml", nml(4, 4, 4))));
    assertEquals(list.size(), 2, "entries: " + list);
    assertFailureEntry(list.get(0));
    assertSuccessEntry(list.get(1));
    assertEquals(taskIdsOfProject(p).size(), 1);
  }

  /** createFromFiles with a negative openInstances in formJSON MUST be 400 and create nothing. */
  @Test
  public void createFromFilesWithNegativeOpenInstancesIsRefused() {
    String p = createProject();
    assertError(createFromFiles('A', taskFormJson(p, -1), "a.nml", nml(1, 2, 3)), 400);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /**
   * createFromFiles whose formJSON names an unknown project MUST be a 404 error (facts file section
   * 6: the project is looked up once for the whole request, {@code project.notFound ~> NOT_FOUND}).
   */
  @Test
  public void createFromFilesForAnUnknownProjectIs404() {
    assertError(
        createFromFiles(
            'A',
            taskFormJson(unique("noSuchProject"), 1),
            "a.nml",
            nml(1, 2, 3),
            "b.nml",
            nml(4, 5, 6)),
        404);
  }

  /**
   * createFromFiles whose formJSON names an unknown task type MUST be a 404 error (facts file
   * section 6: {@code taskType.notFound}) and create nothing.
   */
  @Test
  public void createFromFilesWithAnUnknownTaskTypeIs404() {
    String p = createProject();
    assertError(
        createFromFiles(
            'A',
            taskFormJson(p, 1).replace(SeedWorld.TASK_TYPE_1, UNKNOWN_ID),
            "a.nml",
            nml(1, 2, 3)),
        404);
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  /** createFromFiles by a team member who is no manager MUST NOT create tasks. */
  @Test
  public void createFromFilesByANonManagerCreatesNothing() {
    String p = createProject();
    Response r = createFromFiles('C', taskFormJson(p, 1), "a.nml", nml(1, 2, 3));
    if (r.statusCode() == 200) {
      for (JsonNode e : entries(json(r))) {
        assertFailureEntry(e);
      }
    } else {
      assertError(r, r.statusCode());
      assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode());
    }
    assertTrue(taskIdsOfProject(p).isEmpty());
  }

  // --- POST /tasks/list -------------------------------------------------------------------------

  /** The project filter (a project name) MUST return exactly the project's tasks. */
  @Test
  public void listByProjectReturnsExactlyItsTasks() {
    String p = createProject();
    String other = createProject();
    List<String> mine = ids(createTasks(p, 1, 2, 3));
    createTasks(other, 1);
    JsonNode found = list('A', projectQuery(p));
    assertEquals(new HashSet<>(ids(found)), new HashSet<>(mine));
    assertEquals(found.size(), 3);
  }

  /** The ids filter MUST return exactly the tasks with these ids. */
  @Test
  public void listByIdsReturnsExactlyThoseTasks() {
    String p = createProject();
    List<String> created = ids(createTasks(p, 1, 1, 1));
    ObjectNode q = Json.object();
    q.set("ids", array(created.get(0), created.get(2), SeedWorld.TASK_1));
    JsonNode found = list('A', q.toString());
    assertEquals(
        new HashSet<>(ids(found)), Set.of(created.get(0), created.get(2), SeedWorld.TASK_1));
    assertEquals(found.size(), 3);
  }

  /** An empty ids list MUST match no task. */
  @Test
  public void listWithEmptyIdsReturnsNothing() {
    String p = createProject();
    createTasks(p, 1);
    assertEquals(list('A', "{\"ids\":[]}").size(), 0);
    assertEquals(list('A', "{\"ids\":[],\"project\":\"" + p + "\"}").size(), 0);
  }

  /** Unknown ids MUST match nothing (not fail). */
  @Test
  public void listWithUnknownIdsReturnsNothing() {
    assertEquals(list('A', "{\"ids\":[\"" + UNKNOWN_ID + "\"]}").size(), 0);
  }

  /** The tasktype filter MUST return only tasks of that type, here the seeded TASK_1 and TASK_2. */
  @Test
  public void listByTaskTypeReturnsOnlyThatType() {
    JsonNode found = list('A', "{\"tasktype\":\"" + SeedWorld.TASK_TYPE_1 + "\"}");
    Set<String> ids = new HashSet<>(ids(found));
    assertTrue(ids.containsAll(Set.of(SeedWorld.TASK_1, SeedWorld.TASK_2)), "found " + ids);
    assertFalse(ids.contains(SeedWorld.TASK_3), "found " + ids);
    assertFalse(ids.contains(SeedWorld.TASK_4), "found " + ids);
    for (JsonNode t : found) {
      assertEquals(t.path("type").path("id").asString(), SeedWorld.TASK_TYPE_1, "task " + t);
    }
  }

  /** Filters MUST combine: tasktype and project together give the tasks matching both. */
  @Test
  public void listFiltersCombine() {
    String p = createProject();
    ArrayNode body = Json.array();
    body.add(task(p, 1));
    body.add(task(p, 1, t -> t.put("taskTypeId", SeedWorld.TASK_TYPE_2)));
    body.add(task(p, 1, t -> t.put("taskTypeId", SeedWorld.TASK_TYPE_2)));
    JsonNode list = entries(ok(postTasks('A', body)));
    for (JsonNode e : list) {
      assertSuccessEntry(e);
    }
    String first = list.get(0).path("success").path("id").asString();
    Set<String> ofType2 =
        Set.of(
            list.get(1).path("success").path("id").asString(),
            list.get(2).path("success").path("id").asString());
    JsonNode found =
        list('A', "{\"project\":\"" + p + "\",\"tasktype\":\"" + SeedWorld.TASK_TYPE_2 + "\"}");
    assertEquals(new HashSet<>(ids(found)), ofType2);
    ObjectNode q = Json.object();
    q.put("project", p);
    q.set("ids", array(first, SeedWorld.TASK_1));
    assertEquals(ids(list('A', q.toString())), List.of(first));
  }

  /** The user filter MUST return exactly the tasks the user has a task annotation of. */
  @Test
  public void listByUserReturnsTheTasksTheUserWorkedOn() {
    String p = topProject();
    List<String> created = ids(createTasks(p, 1, 1));
    JsonNode annotation = requestTaskAnnotation('C');
    String taken = annotation.path("task").path("id").asString();
    assertTrue(created.contains(taken), "user_C got task " + taken + ", not one of " + created);
    String untouched = created.get(0).equals(taken) ? created.get(1) : created.get(0);

    JsonNode inProject =
        list('A', "{\"user\":\"" + SeedWorld.USER_C + "\",\"project\":\"" + p + "\"}");
    assertEquals(ids(inProject), List.of(taken));
    Set<String> all = new HashSet<>(ids(list('A', "{\"user\":\"" + SeedWorld.USER_C + "\"}")));
    assertTrue(all.contains(taken), "found " + all);
    assertFalse(all.contains(untouched), "found " + all);
  }

  /** The user filter on the seed MUST find user_A's seeded task annotations (TASK_2, TASK_4). */
  @Test
  public void listByUserFindsSeededTaskAnnotations() {
    Set<String> ids = new HashSet<>(ids(list('A', "{\"user\":\"" + SeedWorld.USER_A + "\"}")));
    assertTrue(ids.containsAll(Set.of(SeedWorld.TASK_2, SeedWorld.TASK_4)), "found " + ids);
    assertFalse(ids.contains(SeedWorld.TASK_1), "found " + ids);
    assertFalse(ids.contains(SeedWorld.TASK_3), "found " + ids);
  }

  /** random: true MUST still return only (and all of a small set of) the matching tasks. */
  @Test
  public void listWithRandomReturnsOnlyMatchingTasks() {
    String p = createProject();
    List<String> created = ids(createTasks(p, 1, 1, 1, 1, 1));
    JsonNode found = list('A', "{\"project\":\"" + p + "\",\"random\":true}");
    assertEquals(found.size(), 5);
    assertEquals(new HashSet<>(ids(found)), new HashSet<>(created));
    JsonNode notRandom = list('A', "{\"project\":\"" + p + "\",\"random\":false}");
    assertEquals(new HashSet<>(ids(notRandom)), new HashSet<>(created));
  }

  /** POST /tasks/list MUST return at most 1000 tasks, with or without random. */
  @Test
  public void listReturnsAtMost1000Tasks() {
    String p = createProject();
    Set<String> created = new HashSet<>();
    for (int n : new int[] {600, 501}) {
      ArrayNode body = oneInstanceTasks(p, n);
      for (JsonNode e : entries(ok(postTasks('A', body)))) {
        assertSuccessEntry(e);
        created.add(e.path("success").path("id").asString());
      }
    }
    assertEquals(created.size(), 1101);
    for (String query :
        new String[] {projectQuery(p), "{\"project\":\"" + p + "\",\"random\":true}"}) {
      JsonNode found = list('A', query);
      assertEquals(found.size(), 1000, query);
      Set<String> ids = new HashSet<>(ids(found));
      assertEquals(ids.size(), 1000, "duplicates in " + query);
      assertTrue(created.containsAll(ids), "tasks of other projects in " + query);
    }
  }

  /**
   * POST /tasks/list queries that MUST be refused with 400: malformed ids, filters of the wrong
   * type, and bodies that are not a JSON object.
   */
  @DataProvider
  public Object[][] badListQueries() {
    return new Object[][] {
      {"malformed id", "{\"ids\":[\"nope\"]}"},
      {"malformed id", "{\"ids\":[\"" + SeedWorld.TASK_1 + "\",\"1234\"]}"},
      {"malformed id", "{\"user\":\"nope\"}"},
      {"malformed id", "{\"tasktype\":\"nope\"}"},
      {"wrongly typed filter", "{\"project\":5}"},
      {"wrongly typed filter", "{\"random\":\"yes\"}"},
      {"wrongly typed filter", "{\"ids\":\"" + SeedWorld.TASK_1 + "\"}"},
      {"wrongly typed filter", "{\"ids\":[1]}"},
      {"wrongly typed filter", "{\"user\":[\"" + SeedWorld.USER_A + "\"]}"},
      {"not an object", "[]"},
      {"not an object", "\"project\""},
      {"not an object", "7"},
      {"not an object", "{\"project\":"},
      {"not an object", ""},
    };
  }

  /**
   * Malformed ids, a filter of the wrong type, or a body that is not a JSON object in a POST
   * /tasks/list query MUST be refused with 400.
   */
  @Test(dataProvider = "badListQueries")
  public void listWithABadQueryIsRefused(String what, String query) {
    assertError(postList('A', query), 400);
  }

  /** POST /tasks/list MUST list only tasks of teams the caller manages (facts file section 6). */
  @Test
  public void listShowsOnlyTasksOfManagedTeams() {
    String p = createProject();
    Set<String> created = new HashSet<>(ids(createTasks(p, 1, 1)));
    assertEquals(new HashSet<>(ids(list('B', projectQuery(p)))), created);
    assertEquals(list('C', projectQuery(p)).size(), 0);
    assertEquals(list('D', projectQuery(p)).size(), 0);
    assertEquals(list('E', projectQuery(p)).size(), 0);
  }

  // --- GET /tasks/:id ---------------------------------------------------------------------------

  /** A member of the project's team MUST be able to read its task. */
  @Test
  public void taskIsReadableByTeamMembers() {
    JsonNode t = ok(as('C').get("/tasks/" + SeedWorld.TASK_1));
    assertEquals(t.path("id").asString(), SeedWorld.TASK_1);
    assertEquals(t.path("projectName").asString(), "Test_Project");
    assertEquals(t.path("type").path("id").asString(), SeedWorld.TASK_TYPE_1);
  }

  /**
   * Users outside the task's team and organization MUST get 404 (webKnossos' teamstructure test).
   */
  @Test
  public void taskIsHiddenFromOutsiders() {
    assertError(as('D').get("/tasks/" + SeedWorld.TASK_1), 404);
    assertError(as('E').get("/tasks/" + SeedWorld.TASK_1), 404);
  }

  /** A malformed task id MUST be refused with 400. */
  @Test
  public void malformedTaskIdIsRefused() {
    assertError(as('A').get("/tasks/nope"), 400);
  }

  /** An unknown task id MUST give 404. */
  @Test
  public void unknownTaskIs404() {
    assertError(as('A').get("/tasks/" + UNKNOWN_ID), 404);
  }

  /** Seeded task status MUST be finished = total - open - active, negative if the seed says so. */
  @Test
  public void seededTaskStatusFollowsTheTestDatabase() {
    JsonNode s1 = getTask(SeedWorld.TASK_1).path("status");
    assertEquals(s1.path("open").asInt(), 9, "TASK_1 " + s1);
    assertEquals(s1.path("active").asInt(), 0, "TASK_1 " + s1);
    assertEquals(s1.path("finished").asInt(), 1, "TASK_1 " + s1);
    JsonNode s2 = getTask(SeedWorld.TASK_2).path("status");
    assertEquals(s2.path("open").asInt(), 10, "TASK_2 " + s2);
    assertEquals(s2.path("active").asInt(), 1, "TASK_2 " + s2);
    assertEquals(s2.path("finished").asInt(), -1, "TASK_2 " + s2);
  }

  /** Handing out and finishing instances MUST move them from open to active to finished. */
  @Test
  public void taskStatusFollowsItsInstances() {
    String p = topProject();
    String id = createTasks(p, 2).get(0).path("id").asString();
    JsonNode a = requestTaskAnnotation('A', id);
    JsonNode s = getTask(id).path("status");
    assertEquals(List.of(s.path("open").asInt(), s.path("active").asInt()), List.of(1, 1), "" + s);
    assertEquals(s.path("finished").asInt(), 0, "status " + s);
    ok(as('A').patch("/annotations/Task/" + a.path("id").asString() + "/finish"));
    s = getTask(id).path("status");
    assertEquals(List.of(s.path("open").asInt(), s.path("active").asInt()), List.of(1, 0), "" + s);
    assertEquals(s.path("finished").asInt(), 1, "status " + s);
  }

  // --- PUT /tasks/:id ---------------------------------------------------------------------------

  /** PUT /tasks/:id MUST set openInstances, in its answer and on later reads. */
  @Test
  public void putSetsOpenInstances() {
    String p = createProject();
    JsonNode t = createTasks(p, 2).get(0);
    String id = t.path("id").asString();
    JsonNode updated = ok(putTask('A', id, taskJson(p, 7)));
    assertEquals(updated.path("id").asString(), id);
    assertEquals(updated.path("status").path("open").asInt(), 7, "answer " + updated);
    assertEquals(getTask(id).path("status").path("open").asInt(), 7);
    ok(putTask('A', id, taskJson(p, 0)));
    assertEquals(getTask(id).path("status").path("open").asInt(), 0);
  }

  private static ObjectNode withoutStatus(JsonNode task) {
    ObjectNode copy = (ObjectNode) task.deepCopy();
    copy.remove("status");
    copy.remove("messages");
    return copy;
  }

  /** PUT /tasks/:id MUST change nothing but the open instances, whatever else the body says. */
  @Test
  public void putChangesNothingButOpenInstances() {
    String p = createProject();
    JsonNode before = createTasks(p, 2).get(0);
    String id = before.path("id").asString();
    ObjectNode body =
        task(
            "Test_Project4",
            5,
            x -> {
              x.put("taskTypeId", SeedWorld.TASK_TYPE_2);
              x.putObject("neededExperience").put("domain", "other").put("value", 9);
              x.put("dataSet", "confocal-multi_knossos");
              x.putArray("editPosition").add(9).add(8).add(7);
              x.putArray("editRotation").add(1).add(2).add(3);
              x.put("creationInfo", "changed");
              x.put("description", "changed");
              x.put("scriptId", SeedWorld.SCRIPT);
              putBoundingBox(x, 4, 5, 6);
            });
    JsonNode answer = ok(putTask('A', id, body.toString()));
    JsonNode after = getTask(id);
    assertEquals(withoutStatus(answer), withoutStatus(before), "answer of PUT");
    assertEquals(withoutStatus(after), withoutStatus(before), "task after PUT");
    assertEquals(after.path("status").path("open").asInt(), 5);
    assertEquals(
        after.path("status").path("active"), before.path("status").path("active"), "active");
    assertEquals(
        after.path("status").path("finished"), before.path("status").path("finished"), "finished");
    assertTrue(taskIdsOfProject(p).contains(id), "task left its project");
  }

  @DataProvider
  public Object[][] badOpenInstances() {
    return new Object[][] {
      {"negative", (Consumer<ObjectNode>) t -> t.put("openInstances", -1)},
      {"missing", (Consumer<ObjectNode>) t -> t.remove("openInstances")},
      {"string", (Consumer<ObjectNode>) t -> t.put("openInstances", "3")},
      {"null", (Consumer<ObjectNode>) t -> t.putNull("openInstances")},
      {"beyond INT", (Consumer<ObjectNode>) t -> t.put("openInstances", 3_000_000_000L)},
    };
  }

  /** PUT /tasks/:id with a negative, missing or mistyped openInstances MUST be 400, no change. */
  @Test(dataProvider = "badOpenInstances")
  public void putWithBadOpenInstancesIsRefused(String what, Consumer<ObjectNode> change) {
    assertPutRefused(400, p -> task(p, 2, change).toString(), 'A');
  }

  /**
   * PUT /tasks/:id takes "a JSON object like the ones in the list in POST /tasks": a body lacking
   * the other required fields MUST be refused with 400 (facts file section 6: the body is
   * validated), no change.
   */
  @Test
  public void putWithAnIncompleteTaskObjectIsRefused() {
    assertPutRefused(400, p -> "{\"openInstances\":5}", 'A');
  }

  /** PUT /tasks/:id with a body that is not a JSON object MUST be refused with 400. */
  @Test
  public void putWithABodyThatIsNotAnObjectIsRefused() {
    String p = createProject();
    String id = createTasks(p, 2).get(0).path("id").asString();
    assertError(putTask('A', id, "[]"), 400);
    assertError(putTask('A', id, "{"), 400);
  }

  /** PUT /tasks/:id by a team member who is no manager MUST be refused with 403, no change. */
  @Test
  public void putByANonManagerIsForbidden() {
    assertPutRefused(403, p -> taskJson(p, 9), 'C');
  }

  /** PUT /tasks/:id by someone who cannot see the task MUST give 404, no change. */
  @Test
  public void putByAnOutsiderIs404() {
    assertPutRefused(404, p -> taskJson(p, 9), 'D', 'E');
  }

  /** PUT /tasks/:id on an unknown task MUST give 404, on a malformed id 400. */
  @Test
  public void putOnUnknownOrMalformedIdFails() {
    String p = createProject();
    assertError(putTask('A', UNKNOWN_ID, taskJson(p, 1)), 404);
    assertError(putTask('A', "nope", taskJson(p, 1)), 400);
  }

  // --- DELETE /tasks/:id ------------------------------------------------------------------------

  /** DELETE /tasks/:id MUST remove the task: afterwards it is 404 and in no list. */
  @Test
  public void deleteRemovesTheTask() {
    String p = createProject();
    List<String> created = ids(createTasks(p, 1, 1));
    String gone = created.get(0);
    ok(as('A').delete("/tasks/" + gone));
    assertError(as('A').get("/tasks/" + gone), 404);
    assertEquals(taskIdsOfProject(p), Set.of(created.get(1)));
    assertEquals(list('A', "{\"ids\":[\"" + gone + "\"]}").size(), 0);
    assertError(as('A').delete("/tasks/" + gone), 404);
  }

  /** A deleted task MUST NOT be handed out any more. */
  @Test
  public void deletedTaskIsNotHandedOut() {
    String p = topProject();
    List<String> created = ids(createTasks(p, 1, 1));
    // the older task would be handed out first
    ok(as('A').delete("/tasks/" + created.get(0)));
    requestTaskAnnotation('C', created.get(1));
  }

  /** DELETE /tasks/:id MUST remove the task's annotations too. */
  @Test
  public void deleteRemovesTheTasksAnnotations() {
    String p = topProject();
    String taskId = createTasks(p, 1).get(0).path("id").asString();
    JsonNode annotation = requestTaskAnnotation('A', taskId);
    String annotationId = annotation.path("id").asString();
    ok(as('A').get("/annotations/Task/" + annotationId + "/info"));
    assertTrue(strings(ok(as('A').get("/user/tasks")), "id").contains(annotationId));

    ok(as('A').delete("/tasks/" + taskId));
    assertError(as('A').get("/annotations/Task/" + annotationId + "/info"), 404);
    assertFalse(strings(ok(as('A').get("/user/tasks")), "id").contains(annotationId));
  }

  @DataProvider
  public Object[][] deleteRefused() {
    return new Object[][] {{'C', 403}, {'D', 404}, {'E', 404}};
  }

  /**
   * DELETE /tasks/:id by a team member who is no manager (user_C) MUST be refused with 403; by
   * someone who cannot see the task (user_D, user_E) it MUST give 404. No change either way.
   */
  @Test(dataProvider = "deleteRefused")
  public void deleteByOthersIsRefused(char user, int status) {
    String p = createProject();
    JsonNode t = createTasks(p, 1).get(0);
    String id = t.path("id").asString();
    assertError(as(user).delete("/tasks/" + id), status);
    assertEquals(getTask(id), t);
  }

  /** DELETE /tasks/:id on a malformed id MUST give 400, on an unknown one 404. */
  @Test
  public void deleteOnUnknownOrMalformedIdFails() {
    assertError(as('A').delete("/tasks/nope"), 400);
    assertError(as('A').delete("/tasks/" + UNKNOWN_ID), 404);
  }

  // --- GET /tasks/:id/annotations ---------------------------------------------------------------

  /** GET /tasks/:id/annotations MUST leave cancelled annotations out (seeded TASK_4). */
  @Test
  public void taskAnnotationsLeaveOutCancelledOnes() {
    JsonNode found = ok(as('A').get("/tasks/" + SeedWorld.TASK_4 + "/annotations"));
    assertTrue(found.isArray(), "not a list: " + found);
    assertEquals(
        new HashSet<>(strings(found, "id")),
        Set.of(SeedWorld.TASK_ANNOTATION_2, SeedWorld.TASK_ANNOTATION_3));
    assertEquals(found.size(), 2);
  }

  /** GET /tasks/:id/annotations on seeded TASK_2 MUST list exactly its task annotation. */
  @Test
  public void taskAnnotationsOfTheSeed() {
    JsonNode found = ok(as('A').get("/tasks/" + SeedWorld.TASK_2 + "/annotations"));
    assertEquals(strings(found, "id"), List.of(SeedWorld.TASK_ANNOTATION_1));
    assertEquals(found.get(0).path("typ").asString(), "Task");
  }

  /** GET /tasks/:id/annotations MUST list exactly the task's Task annotations, not its base. */
  @Test
  public void taskAnnotationsListTheTasksTaskAnnotations() {
    String p = topProject();
    String taskId = createTasks(p, 2).get(0).path("id").asString();
    assertEquals(ok(as('A').get("/tasks/" + taskId + "/annotations")).size(), 0);
    String a = requestTaskAnnotation('A').path("id").asString();
    String c = requestTaskAnnotation('C').path("id").asString();
    JsonNode found = ok(as('A').get("/tasks/" + taskId + "/annotations"));
    assertEquals(new HashSet<>(strings(found, "id")), Set.of(a, c));
    for (JsonNode n : found) {
      assertEquals(n.path("typ").asString(), "Task", "annotation " + n);
      assertEquals(n.path("task").path("id").asString(), taskId, "annotation " + n);
    }
  }

  /** GET /tasks/:id/annotations MUST list finished task annotations too. */
  @Test
  public void taskAnnotationsIncludeFinishedOnes() {
    String p = topProject();
    String taskId = createTasks(p, 1).get(0).path("id").asString();
    String a = requestTaskAnnotation('A').path("id").asString();
    ok(as('A').patch("/annotations/Task/" + a + "/finish"));
    JsonNode found = ok(as('A').get("/tasks/" + taskId + "/annotations"));
    assertEquals(strings(found, "id"), List.of(a));
    assertEquals(found.get(0).path("state").asString(), "Finished");
  }

  /** GET /tasks/:id/annotations on an unknown task MUST give 404, on a malformed id 400. */
  @Test
  public void taskAnnotationsOfUnknownTaskIs404() {
    assertError(as('A').get("/tasks/" + UNKNOWN_ID + "/annotations"), 404);
    assertError(as('A').get("/tasks/nope/annotations"), 400);
  }
}
