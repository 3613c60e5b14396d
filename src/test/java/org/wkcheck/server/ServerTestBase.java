package org.wkcheck.server;

import static io.restassured.RestAssured.given;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts a reference server on a free port with a fresh seeded world for each test class, and
 * offers requests as the seeded users. Tests that change state create what they change (a project
 * named by {@link #unique}) or do not depend on the order of tests in their class.
 */
public abstract class ServerTestBase {
  protected ReferenceServer server;
  private int counter;

  protected ServerOptions options() {
    return ServerOptions.defaults();
  }

  @BeforeClass(alwaysRun = true)
  public void startServer() {
    server = ReferenceServer.start(options());
  }

  @AfterClass(alwaysRun = true)
  public void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A request as seeded user {@code 'A'} .. {@code 'E'}. */
  protected RequestSpecification as(char user) {
    return anonymous().header("X-Auth-Token", SeedWorld.token(user));
  }

  protected RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl()).basePath("/api").urlEncodingEnabled(true);
  }

  /** A name no other test uses, valid as a project name. */
  protected String unique(String prefix) {
    return prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + (++counter);
  }

  // --- body helpers -----------------------------------------------------------------------------

  protected static JsonNode json(Response r) {
    return Json.MAPPER.readTree(r.asByteArray());
  }

  /** The body as JSON, after checking the status. */
  protected static JsonNode ok(Response r) {
    assertEquals(r.statusCode(), 200, "status; body: " + r.asString());
    return json(r);
  }

  /**
   * Asserts the documented error envelope {@code {"messages":[{"error":"..."}]}} and the status.
   */
  protected static void assertError(Response r, int status) {
    assertEquals(r.statusCode(), status, "status; body: " + r.asString());
    assertTrue(r.contentType().startsWith("application/json"), "content type " + r.contentType());
    JsonNode body = json(r);
    assertTrue(body.path("messages").isArray(), "no messages list: " + body);
    assertFalse(body.path("messages").isEmpty(), "empty messages list: " + body);
    assertTrue(body.path("messages").get(0).path("error").isString(), "no error message: " + body);
  }

  protected static List<String> strings(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.path(field).asString());
    }
    return out;
  }

  // --- world set-up through the API -------------------------------------------------------------

  /** A valid project body: team_X1, owner user_A, with this name and priority. */
  protected static ObjectNode projectBody(String name, long priority) {
    ObjectNode b = Json.object();
    b.put("name", name);
    b.put("team", SeedWorld.TEAM_X1);
    b.put("priority", priority);
    b.put("paused", false);
    b.put("expectedTime", 60000);
    b.put("owner", SeedWorld.USER_A);
    b.put("isBlacklistedFromReport", false);
    return b;
  }

  /** Creates a project of team_X1 owned by user_A with this priority, as user_A; returns it. */
  protected JsonNode createProject(String name, long priority) {
    return ok(
        as('A')
            .contentType("application/json")
            .body(projectBody(name, priority).toString())
            .post("/projects"));
  }

  /** Creates a project of team_X1 owned by user_A, as user_A; returns its name. */
  protected String createProject() {
    String name = unique("p");
    createProject(name, 1);
    return name;
  }

  /** The JSON of one valid task parameter object for {@code POST /tasks}. */
  protected static String taskJson(String projectName, int openInstances) {
    return "{"
        + taskFormFields(projectName, openInstances)
        + ",\"dataSet\":\"l4_sample\",\"editPosition\":[3200,3200,600],\"editRotation\":[0,0,0]}";
  }

  /**
   * The JSON of a task form for {@code POST /tasks/createFromFiles}: like {@link #taskJson} but
   * without data set and position, which come from the files.
   */
  protected static String taskFormJson(String projectName, int openInstances) {
    return "{" + taskFormFields(projectName, openInstances) + "}";
  }

  private static String taskFormFields(String projectName, int openInstances) {
    return "\"taskTypeId\":\""
        + SeedWorld.TASK_TYPE_1
        + "\",\"neededExperience\":{\"domain\":\"abc\",\"value\":0},\"openInstances\":"
        + openInstances
        + ",\"projectName\":\""
        + projectName
        + "\"";
  }

  /** Creates one task in the project as user_A; returns the task JSON. */
  protected JsonNode createTask(String projectName, int openInstances) {
    JsonNode report =
        ok(
            as('A')
                .contentType("application/json")
                .body("[" + taskJson(projectName, openInstances) + "]")
                .post("/tasks"));
    JsonNode entry = report.path("tasks").get(0);
    assertEquals(entry.path("status").asInt(), 200, "task creation: " + report);
    return entry.path("success");
  }

  /** Creates tasks with these open instances in one request as user_A; returns their ids. */
  protected List<String> createTaskIds(String projectName, int... openInstances) {
    JsonNode report =
        ok(
            as('A')
                .contentType("application/json")
                .body(tasksBody(projectName, openInstances).toString())
                .post("/tasks"));
    List<String> ids = new ArrayList<>();
    for (JsonNode e : report.path("tasks")) {
      assertEquals(e.path("status").asInt(), 200, "task creation: " + report);
      ids.add(e.path("success").path("id").asString());
    }
    assertEquals(ids.size(), openInstances.length, "task creation: " + report);
    return ids;
  }

  /** The body of {@code POST /tasks}: one valid task of the project per open-instances count. */
  protected static ArrayNode tasksBody(String projectName, int... openInstances) {
    ArrayNode body = Json.array();
    for (int open : openInstances) {
      body.add(Json.MAPPER.readTree(taskJson(projectName, open)));
    }
    return body;
  }

  /** {@code POST /annotations/upload} of one file as user_A, a group for each file. */
  protected Response upload(String fileName, byte[] content) {
    return upload(fileName, content, "application/octet-stream");
  }

  /** {@code POST /annotations/upload} of one file of this content type as user_A. */
  protected Response upload(String fileName, byte[] content, String contentType) {
    return as('A')
        .multiPart("createGroupForEachFile", "true")
        .multiPart("file", fileName, content, contentType)
        .post("/annotations/upload");
  }

  /** Uploads one NML as user_A, checking that it made an explorational annotation; the answer. */
  protected JsonNode uploadExplorational(String fileName, byte[] nml) {
    JsonNode up = ok(upload(fileName, nml));
    assertEquals(up.path("annotation").path("typ").asString(), "Explorational", up.toString());
    return up;
  }

  /** Hands user_A the next task instance (the set-up route); returns the task annotation. */
  protected JsonNode requestTaskAnnotation(char user) {
    return ok(as(user).post("/user/tasks/request"));
  }

  /**
   * A project with one task of {@code instances} open instances, of which user_A takes one; returns
   * that task annotation. The project has priority 1000 so the request picks it.
   */
  protected JsonNode taskAnnotationInFreshProject() {
    String name = unique("p");
    createProject(name, 1000000);
    JsonNode task = createTask(name, 1);
    JsonNode annotation = requestTaskAnnotation('A');
    assertEquals(annotation.path("task").path("id").asString(), task.path("id").asString());
    return annotation;
  }
}
