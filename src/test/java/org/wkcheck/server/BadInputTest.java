package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;
import static org.wkcheck.conformance.fixtures.Archives.zip;

import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.testng.annotations.Test;
import org.wkcheck.nml.NmlException;
import org.wkcheck.nml.NmlReader;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.testing.SecretFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input on every documented route: malformed, empty and wrongly typed JSON bodies, unknown and
 * malformed ids, unknown annotation types, bad query parameters, files that are not NML, and
 * garbage of every kind. Each is a 4xx with the documented envelope, never a 5xx, and changes
 * nothing.
 */
public class BadInputTest extends ServerTestBase {
  /** A well-formed ObjectId that no seeded or created object has. */
  static final String ABSENT_ID = "0123456789abcdef01234567";

  private static final List<String> MALFORMED_IDS =
      List.of(
          "abc",
          "0123456789abcdef0123456",
          "0123456789abcdef012345678",
          "zzzzzzzzzzzzzzzzzzzzzzzz",
          "0123456789abcdef0123456g",
          "Test_Project");

  private static final List<String> COMPOUND =
      List.of("CompoundTask", "CompoundProject", "CompoundTaskType");

  private static final List<String> UNKNOWN_TYPS =
      List.of(
          "task", "explorational", "Foo", "TracingBase", "View", "Orphan", "EXPLORATIONAL", "0");

  /** A route that takes a JSON body, with a body it accepts. */
  record JsonRoute(String method, String path, String validBody) {
    boolean takesList() {
      return validBody.startsWith("[");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static Response send(RequestSpecification spec, String method, String path, byte[] body) {
    RequestSpecification s = spec;
    if (body != null) {
      s = s.contentType("application/json").body(body);
    }
    return s.request(Method.valueOf(method), path);
  }

  private Response req(String method, String path, String body) {
    return send(as('A'), method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private Response req(String method, String path, byte[] body) {
    return send(as('A'), method, path, body);
  }

  private static String projectJson(String name) {
    return "{\"name\":\""
        + name
        + "\",\"team\":\""
        + SeedWorld.TEAM_X1
        + "\",\"priority\":1,\"paused\":false,\"expectedTime\":60000,\"owner\":\""
        + SeedWorld.USER_A
        + "\",\"isBlacklistedFromReport\":false}";
  }

  private static final String EDIT_BODY =
      "{\"name\":\"edited\",\"description\":\"edited description\",\"isPublic\":false,\"tags\":[\"t\"]}";

  /** The state the bad requests of a test could change. */
  private final class Snapshot {
    final String project;
    final String otherProject;
    final String taskId;
    final String annotationPath;

    Snapshot(String project, String otherProject, String taskId, String annotationId) {
      this.project = project;
      this.otherProject = otherProject;
      this.taskId = taskId;
      this.annotationPath = "/annotations/Explorational/" + annotationId + "/info";
    }

    Map<String, JsonNode> take() {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      m.put("tasks of project", ok(as('A').get("/projects/" + project + "/tasks")));
      m.put("task", ok(as('A').get("/tasks/" + taskId)));
      m.put("project", ok(as('A').get("/projects/" + project)));
      m.put("other project", ok(as('A').get("/projects/" + otherProject)));
      m.put("annotation", ok(as('A').get(annotationPath)));
      JsonNode projects = ok(as('A').get("/projects"));
      m.put("project names", Json.MAPPER.valueToTree(strings(projects, "name")));
      m.put("my explorationals", ok(as('A').get("/user/annotations")));
      return m;
    }
  }

  /** Fresh objects for one test, and the routes that take JSON bodies aimed at them. */
  private final class Fixture {
    final String project = createProject();
    final String otherProject = createProject();
    final JsonNode task = createTask(project, 3);
    final String taskId = task.path("id").asString();
    final String annotationId = uploadedAnnotation();
    final Snapshot snapshot = new Snapshot(project, otherProject, taskId, annotationId);
    final List<JsonRoute> routes =
        List.of(
            new JsonRoute("POST", "/tasks", "[" + taskJson(project, 2) + "]"),
            new JsonRoute("PUT", "/tasks/" + taskId, taskJson(project, 4)),
            new JsonRoute("POST", "/tasks/list", "{\"project\":\"" + project + "\"}"),
            new JsonRoute("POST", "/projects", projectJson(unique("p"))),
            new JsonRoute("PUT", "/projects/" + otherProject, projectJson(otherProject)),
            new JsonRoute(
                "PATCH", "/annotations/Explorational/" + annotationId + "/edit", EDIT_BODY));

    JsonRoute route(String method, String pathStart) {
      return routes.stream()
          .filter(r -> r.method().equals(method) && r.path().startsWith(pathStart))
          .findFirst()
          .orElseThrow();
    }
  }

  /** How many explorational annotations user_A has: a refused upload must not add one. */
  private int explorationalCount() {
    return ok(as('A').get("/user/annotations")).size();
  }

  /** Uploads a small NML as user_A; returns the new explorational annotation's id. */
  private String uploadedAnnotation() {
    JsonNode r =
        ok(
            as('A')
                .multiPart("createGroupForEachFile", "false")
                .multiPart(
                    "file",
                    "fixture.nml",
                    validNml("fixture").getBytes(StandardCharsets.UTF_8),
                    "application/octet-stream")
                .post("/annotations/upload"));
    return r.path("annotation").path("id").asString();
  }

  static String validNml(String treeName) {
    return "<things>\n"
        + "  <parameters>\n"
        + "    <experiment name=\"l4_sample\" organization=\"Organization_X\" description=\"d\"/>\n"
        + "    <scale x=\"11.24\" y=\"11.24\" z=\"28.0\"/>\n"
        + "    <editPosition x=\"3200\" y=\"3200\" z=\"600\"/>\n"
        + "  </parameters>\n"
        + "  <thing id=\"1\" color.r=\"1.0\" color.g=\"0.0\" color.b=\"0.0\" color.a=\"1.0\" name=\""
        + treeName
        + "\">\n"
        + "    <nodes>\n"
        + "      <node id=\"1\" radius=\"1.0\" x=\"3200\" y=\"3200\" z=\"600\"/>\n"
        + "      <node id=\"2\" radius=\"1.0\" x=\"3201\" y=\"3200\" z=\"600\"/>\n"
        + "    </nodes>\n"
        + "    <edges>\n"
        + "      <edge source=\"1\" target=\"2\"/>\n"
        + "    </edges>\n"
        + "  </thing>\n"
        + "  <branchpoints/>\n"
        + "  <comments>\n"
        + "    <comment node=\"2\" content=\"c\"/>\n"
        + "  </comments>\n"
        + "  <groups/>\n"
        + "</things>\n";
  }

  /** The body with one field replaced by a raw JSON value (element 0 for lists). */
  static String with(String body, String field, String rawValue) {
    JsonNode root = Json.MAPPER.readTree(body);
    ObjectNode target = (ObjectNode) (root.isArray() ? root.get(0) : root);
    String[] path = field.split("\\.");
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode next = target.get(path[i]);
      if (next == null || !next.isObject()) {
        next = target.putObject(path[i]);
      }
      target = (ObjectNode) next;
    }
    if (rawValue == null) {
      target.remove(path[path.length - 1]);
      return Json.MAPPER.writeValueAsString(root);
    }
    // the raw text goes in as it is, so that 1e400 stays 1e400 (a parsed tree would change it)
    target.put(path[path.length - 1], RAW);
    return Json.MAPPER.writeValueAsString(root).replace("\"" + RAW + "\"", rawValue);
  }

  private static final String RAW = "__wkcheck_raw_value__";

  static String without(String body, String field) {
    return with(body, field, null);
  }

  /** Sends every body to the route and collects those not answered 400 with the envelope. */
  private void expect400(JsonRoute route, Map<String, String> cases, List<String> failures) {
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Response r = req(route.method(), route.path(), c.getValue());
      String problem = problem(r, 400);
      if (problem != null) {
        failures.add(
            route
                + " with "
                + c.getKey()
                + ": "
                + problem
                + " (body sent: "
                + abbreviate(c.getValue())
                + ")");
      }
    }
  }

  /** Null if the response has the status and the envelope, else what is wrong. */
  static String problem(Response r, int status) {
    try {
      assertError(r, status);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return "answered " + r.statusCode() + " " + abbreviate(r.asString());
    }
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static void assertNoFailures(List<String> failures) {
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " bad requests were not refused as they must be:\n  "
              + String.join("\n  ", failures));
    }
  }

  /**
   * Runs the checks against a fresh fixture, collecting failures, then adds every change the bad
   * requests made to the world and fails with all that was found.
   */
  private void checkRefusedAndUnchanged(BiConsumer<Fixture, List<String>> checks) {
    Fixture f = new Fixture();
    Map<String, JsonNode> before = f.snapshot.take();
    List<String> failures = new ArrayList<>();
    checks.accept(f, failures);
    checkUnchanged(f.snapshot, before, failures);
    assertNoFailures(failures);
  }

  /**
   * On a fresh fixture, every case made from the valid body of the route MUST be a 400 with the
   * envelope, and the world stay unchanged.
   */
  private void expect400Unchanged(
      String method, String pathPrefix, Function<String, Map<String, String>> casesOfValidBody) {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          JsonRoute r = f.route(method, pathPrefix);
          expect400(r, casesOfValidBody.apply(r.validBody()), failures);
        });
  }

  /**
   * On a fresh fixture, every case {@code addCases} puts for each JSON route MUST be a 400 with the
   * envelope, and the world stay unchanged.
   */
  private void expect400OnEveryRouteUnchanged(BiConsumer<JsonRoute, Map<String, String>> addCases) {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          for (JsonRoute r : f.routes) {
            Map<String, String> cases = new LinkedHashMap<>();
            addCases.accept(r, cases);
            expect400(r, cases, failures);
          }
        });
  }

  /**
   * On a fresh fixture, every case made from the valid body of POST /tasks MUST be answered with a
   * failure entry, and the world stay unchanged.
   */
  private void expectFailureEntriesUnchanged(
      Function<String, Map<String, String>> casesOfValidBody) {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          JsonRoute r = f.route("POST", "/tasks");
          expectFailureEntry(r, casesOfValidBody.apply(r.validBody()), failures);
        });
  }

  /** Records every part of the snapshot that differs from before. */
  private static void checkUnchanged(
      Snapshot s, Map<String, JsonNode> before, List<String> failures) {
    Map<String, JsonNode> after = s.take();
    for (String k : before.keySet()) {
      if (!after.get(k).equals(before.get(k))) {
        failures.add(
            "the bad requests changed the "
                + k
                + ": before "
                + abbreviate(before.get(k).toString())
                + ", after "
                + abbreviate(after.get(k).toString()));
      }
    }
  }

  // --- sanity: the valid bodies are accepted
  // ------------------------------------------------------

  /**
   * The valid body of each JSON route MUST be accepted (200), so the bad-input tests mean
   * something.
   */
  @Test
  public void theValidBodiesAreAccepted() {
    Fixture f = new Fixture();
    for (JsonRoute r : f.routes) {
      Response resp = req(r.method(), r.path(), r.validBody());
      assertEquals(resp.statusCode(), 200, r + ": " + resp.asString());
    }
  }

  // --- malformed, empty, wrongly shaped bodies
  // ----------------------------------------------------

  /** Malformed JSON on every JSON-body route MUST be a 400 with the envelope and change nothing. */
  @Test
  public void malformedJsonIs400() {
    expect400OnEveryRouteUnchanged(
        (r, cases) -> {
          String valid = r.validBody();
          cases.put("an unclosed value", valid.substring(0, valid.length() - 1));
          cases.put("a trailing comma", valid.substring(0, valid.length() - 1) + ",}");
          cases.put("single quotes", valid.replace('"', '\''));
          cases.put("trailing garbage", valid + " xyz");
          cases.put("two values", valid + valid);
          cases.put("a bare word", "hello");
          cases.put("NaN", r.takesList() ? "[NaN]" : "{\"name\":NaN}");
          cases.put("a comment", "/* c */" + valid);
          cases.put("form encoding", "name=x&team=y");
          cases.put("XML", "<things/>");
        });
  }

  /** An empty or blank body on every JSON-body route MUST be a 400 with the envelope. */
  @Test
  public void emptyBodyIs400() {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          for (JsonRoute r : f.routes) {
            for (String body : new String[] {"", " ", "\n\t "}) {
              String problem = problem(req(r.method(), r.path(), body), 400);
              if (problem != null) {
                failures.add(
                    r
                        + " with body '"
                        + body.replace("\n", "\\n").replace("\t", "\\t")
                        + "': "
                        + problem);
              }
            }
            String problem = problem(as('A').request(Method.valueOf(r.method()), r.path()), 400);
            if (problem != null) {
              failures.add(r + " without any body: " + problem);
            }
          }
        });
  }

  /**
   * The wrong top-level JSON type (an object where a list is due, a list where an object is due, a
   * scalar or null) MUST be a 400 with the envelope and change nothing.
   */
  @Test
  public void wrongTopLevelTypeIs400() {
    expect400OnEveryRouteUnchanged(
        (r, cases) -> {
          String valid = r.validBody();
          if (r.takesList()) {
            cases.put("the object instead of a list", valid.substring(1, valid.length() - 1));
            cases.put("an object", "{}");
          } else {
            cases.put("the object in a list", "[" + valid + "]");
            cases.put("an empty list", "[]");
          }
          cases.put("a string", "\"text\"");
          cases.put("a number", "42");
          cases.put("true", "true");
          cases.put("null", "null");
        });
  }

  // --- wrong field types and missing fields -----------------------------------------------------

  private static Map<String, String> cases(String body, String[][] fieldAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] fv : fieldAndValues) {
      for (int i = 1; i < fv.length; i++) {
        out.put(fv[0] + "=" + fv[i], with(body, fv[0], fv[i]));
      }
    }
    return out;
  }

  private static Map<String, String> missing(String body, String... fields) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : fields) {
      out.put("no " + field, without(body, field));
      out.put(field + "=null", with(body, field, "null"));
    }
    return out;
  }

  private static final String[][] TASK_WRONG_TYPES = {
    {"taskTypeId", "5", "true", "{}", "[]"},
    {"neededExperience", "\"abc\"", "[]", "5"},
    {"neededExperience.domain", "5", "[]"},
    {"neededExperience.value", "\"1\"", "1.5", "true"},
    {"openInstances", "\"3\"", "1.5", "true", "[]"},
    {"projectName", "5", "[]", "{}"},
    {"scriptId", "5", "[]"},
    {"boundingBox", "\"box\"", "5", "[]"},
    {"boundingBox", "{\"topLeft\":\"0,0,0\",\"width\":10,\"height\":10,\"depth\":10}"},
    {"boundingBox", "{\"topLeft\":[0,0],\"width\":10,\"height\":10,\"depth\":10}"},
    {"boundingBox", "{\"topLeft\":[0,0,\"a\"],\"width\":10,\"height\":10,\"depth\":10}"},
    {"boundingBox", "{\"topLeft\":[0,0,0],\"width\":\"10\",\"height\":10,\"depth\":10}"},
    {"dataSet", "5", "[]"},
    {"editPosition", "\"1,2,3\"", "[1,2]", "[1,2,3,4]", "[1,2,\"3\"]", "{}"},
    {"editRotation", "\"0\"", "[0,0]", "[0,0,\"a\"]"},
    {"creationInfo", "5"},
    {"description", "5", "{}"}
  };

  private static final String[] TASK_REQUIRED = {
    "taskTypeId",
    "neededExperience",
    "neededExperience.domain",
    "neededExperience.value",
    "openInstances",
    "projectName",
    "dataSet",
    "editPosition",
    "editRotation"
  };

  /**
   * POST /tasks with a task of wrong field types MUST answer 200 with a failure entry for that task
   * ("failed tasks are instead encoded in the JSON response") and create no task.
   */
  @Test
  public void postTasksWithWrongFieldTypesGivesAFailureEntry() {
    expectFailureEntriesUnchanged(body -> cases(body, TASK_WRONG_TYPES));
  }

  /** POST /tasks with a task that lacks a required field MUST give a failure entry for it. */
  @Test
  public void postTasksWithMissingFieldsGivesAFailureEntry() {
    expectFailureEntriesUnchanged(body -> missing(body, TASK_REQUIRED));
  }

  /**
   * In a batch of a good and a malformed task, the good one MUST be created, the other reported.
   */
  @Test
  public void postTasksCreatesTheGoodTaskOfAMixedBatch() {
    String project = createProject();
    Response r =
        req(
            "POST",
            "/tasks",
            "[" + taskJson(project, 1) + "," + without(taskJson(project, 1), "dataSet") + "]");
    JsonNode entries = ok(r).path("tasks");
    assertEquals(entries.size(), 2, r.asString());
    assertEquals(entries.get(0).path("status").asInt(), 200, r.asString());
    assertEquals(entries.get(1).path("status").asInt(), 400, r.asString());
    assertTrue(entries.get(1).path("error").isString(), r.asString());
    assertEquals(ok(as('A').get("/projects/" + project + "/tasks")).size(), 1);
  }

  /** Each case: 200 with one entry {"status":400,"error":...}. */
  private void expectFailureEntry(
      JsonRoute route, Map<String, String> cases, List<String> failures) {
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Response r = req(route.method(), route.path(), c.getValue());
      JsonNode entry = r.statusCode() == 200 ? json(r).path("tasks").path(0) : null;
      if (entry == null
          || entry.path("status").asInt() != 400
          || !entry.path("error").isString()
          || json(r).path("tasks").size() != 1) {
        failures.add(
            route
                + " with "
                + c.getKey()
                + ": expected 200 with one failure entry of status 400, answered "
                + r.statusCode()
                + " "
                + abbreviate(r.asString()));
      }
    }
  }

  /**
   * PUT /tasks/:id with an openInstances that is missing or not an integer MUST be a 400 and leave
   * the task unchanged.
   */
  @Test
  public void putTaskWithBadOpenInstancesIs400() {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          JsonRoute r = f.route("PUT", "/tasks/");
          expect400(
              r,
              cases(
                  r.validBody(),
                  new String[][] {{"openInstances", "\"3\"", "1.5", "true", "[]", "{}"}}),
              failures);
          expect400(r, missing(r.validBody(), "openInstances"), failures);
        });
  }

  /**
   * PUT /tasks/:id takes "a JSON object like the ones in the list in POST /tasks": other fields of
   * wrong types or missing MUST be a 400 (the real server validates the whole object, facts file
   * section 6), and the task stays unchanged.
   */
  @Test
  public void putTaskValidatesTheWholeTaskObject() {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          JsonRoute r = f.route("PUT", "/tasks/");
          List<String[]> wrong = new ArrayList<>();
          for (String[] fv : TASK_WRONG_TYPES) {
            if (!fv[0].equals("openInstances")) {
              wrong.add(fv);
            }
          }
          expect400(r, cases(r.validBody(), wrong.toArray(String[][]::new)), failures);
          List<String> required = new ArrayList<>(List.of(TASK_REQUIRED));
          required.remove("openInstances");
          expect400(r, missing(r.validBody(), required.toArray(String[]::new)), failures);
          expect400(r, Map.of("only openInstances", "{\"openInstances\":9}"), failures);
        });
  }

  /**
   * POST /tasks/list with filters of wrong types or malformed ids MUST be a 400 with the envelope.
   */
  @Test
  public void postTasksListWithWrongFieldTypesIs400() {
    Fixture f = new Fixture();
    List<String> failures = new ArrayList<>();
    JsonRoute r = f.route("POST", "/tasks/list");
    expect400(
        r,
        cases(
            "{}",
            new String[][] {
              {"user", "5", "[]", "\"not-an-id\""},
              {"project", "5", "{}"},
              {"ids", "\"" + SeedWorld.TASK_1 + "\"", "[1]", "{}", "[\"nope\"]"},
              {"tasktype", "5", "\"nope\""},
              {"taskType", "5", "\"nope\""},
              {"random", "\"yes\"", "1"}
            }),
        failures);
    assertNoFailures(failures);
  }

  private static final String[][] PROJECT_WRONG_TYPES = {
    {"name", "5", "[]", "{}", "\"ab\"", "\"with space\"", "\"\""},
    {"team", "5", "[]", "\"not-an-id\""},
    {"priority", "\"1\"", "1.5", "true", "[]"},
    {"paused", "\"no\"", "0"},
    {"expectedTime", "\"1\"", "1.5", "true"},
    {"owner", "5", "{}", "\"not-an-id\""},
    {"isBlacklistedFromReport", "\"false\"", "0"}
  };

  private static final String[] PROJECT_REQUIRED = {
    "name", "team", "priority", "owner", "isBlacklistedFromReport"
  };

  /** POST /projects with fields of wrong types MUST be a 400 and create no project. */
  @Test
  public void postProjectsWithWrongFieldTypesIs400() {
    expect400Unchanged("POST", "/projects", body -> cases(body, PROJECT_WRONG_TYPES));
  }

  /**
   * POST /projects without a required field (name, team, priority, owner, isBlacklistedFromReport;
   * facts file section 7.3) MUST be a 400 and create no project.
   */
  @Test
  public void postProjectsWithMissingFieldsIs400() {
    expect400Unchanged("POST", "/projects", body -> missing(body, PROJECT_REQUIRED));
  }

  /**
   * PUT /projects/:name with fields of wrong types MUST be a 400 and leave the project unchanged.
   */
  @Test
  public void putProjectWithWrongFieldTypesIs400() {
    checkRefusedAndUnchanged(
        (f, failures) -> {
          JsonRoute r = f.route("PUT", "/projects/");
          String[][] wrong =
              java.util.Arrays.stream(PROJECT_WRONG_TYPES)
                  .filter(fv -> !fv[0].equals("name") && !fv[0].equals("paused"))
                  .toArray(String[][]::new);
          expect400(r, cases(r.validBody(), wrong), failures);
          expect400(
              r,
              cases(r.validBody(), new String[][] {{"name", "5", "[]"}, {"paused", "\"no\""}}),
              failures);
        });
  }

  /** PUT /projects/:name without a required field MUST be a 400 and leave the project unchanged. */
  @Test
  public void putProjectWithMissingFieldsIs400() {
    expect400Unchanged("PUT", "/projects/", body -> missing(body, PROJECT_REQUIRED));
  }

  /**
   * PATCH /annotations/:typ/:id/edit with name, description, isPublic or tags of the wrong type
   * MUST be a 400 and leave the annotation unchanged.
   */
  @Test
  public void editWithWrongFieldTypesIs400() {
    expect400Unchanged(
        "PATCH",
        "/annotations/",
        body ->
            cases(
                body,
                new String[][] {
                  {"name", "5", "[]", "{}", "true"},
                  {"description", "5", "[\"d\"]"},
                  {"isPublic", "\"true\"", "1", "[]"},
                  {"tags", "\"t\"", "[1]", "{}", "[[\"t\"]]", "[null]"}
                }));
  }

  // --- unknown and malformed ids, unknown types -------------------------------------------------

  /** Well-formed but absent ids MUST answer 404 with the envelope on the id routes. */
  @Test
  public void unknownIdsAre404() {
    List<String> failures = new ArrayList<>();
    String taskBody = taskJson("Test_Project", 5);
    check(failures, req("GET", "/tasks/" + ABSENT_ID, (String) null), 404, "GET /tasks/absent");
    check(
        failures, req("DELETE", "/tasks/" + ABSENT_ID, (String) null), 404, "DELETE /tasks/absent");
    check(failures, req("PUT", "/tasks/" + ABSENT_ID, taskBody), 404, "PUT /tasks/absent");
    check(
        failures,
        req("GET", "/tasks/" + ABSENT_ID + "/annotations", (String) null),
        404,
        "GET /tasks/absent/annotations");
    check(failures, req("GET", "/users/" + ABSENT_ID, (String) null), 404, "GET /users/absent");
    check(
        failures,
        req("GET", "/users/" + ABSENT_ID + "/tasks", (String) null),
        404,
        "GET /users/absent/tasks");
    check(
        failures,
        req("GET", "/users/" + ABSENT_ID + "/annotations", (String) null),
        404,
        "GET /users/absent/annotations");
    for (String typ :
        List.of("Task", "Explorational", "CompoundTask", "CompoundProject", "CompoundTaskType")) {
      check(
          failures,
          req("GET", "/annotations/" + typ + "/" + ABSENT_ID + "/info", (String) null),
          404,
          "info " + typ + "/absent");
    }
    assertNoFailures(failures);
  }

  /** Unknown project names MUST answer 404 with the envelope on every project-name route. */
  @Test
  public void unknownProjectNamesAre404() {
    List<String> failures = new ArrayList<>();
    String p = "/projects/No_Such_Project";
    check(failures, req("GET", p, (String) null), 404, "GET " + p);
    check(failures, req("DELETE", p, (String) null), 404, "DELETE " + p);
    check(failures, req("PUT", p, projectJson("No_Such_Project")), 404, "PUT " + p);
    check(failures, req("GET", p + "/tasks", (String) null), 404, "GET " + p + "/tasks");
    check(
        failures,
        req("PATCH", p + "/incrementEachTasksInstances", (String) null),
        404,
        "increment");
    check(failures, req("PATCH", p + "/pause", (String) null), 404, "pause");
    check(failures, req("PATCH", p + "/resume", (String) null), 404, "resume");
    assertNoFailures(failures);
  }

  /** Malformed ids (not 24 lower-case hex digits) MUST answer 400 with the envelope. */
  @Test
  public void malformedIdsAre400() {
    List<String> failures = new ArrayList<>();
    String taskBody = taskJson("Test_Project", 5);
    for (String id : MALFORMED_IDS) {
      check(failures, req("GET", "/tasks/" + id, (String) null), 400, "GET /tasks/" + id);
      check(failures, req("DELETE", "/tasks/" + id, (String) null), 400, "DELETE /tasks/" + id);
      check(failures, req("PUT", "/tasks/" + id, taskBody), 400, "PUT /tasks/" + id);
      check(
          failures,
          req("GET", "/tasks/" + id + "/annotations", (String) null),
          400,
          "GET /tasks/" + id + "/annotations");
      check(failures, req("GET", "/users/" + id, (String) null), 400, "GET /users/" + id);
      check(
          failures,
          req("GET", "/users/" + id + "/tasks", (String) null),
          400,
          "GET /users/" + id + "/tasks");
      check(
          failures,
          req("GET", "/users/" + id + "/annotations", (String) null),
          400,
          "GET /users/" + id + "/annotations");
      for (String typ :
          List.of("Task", "Explorational", "CompoundTask", "CompoundProject", "CompoundTaskType")) {
        String a = "/annotations/" + typ + "/" + id;
        check(failures, req("GET", a + "/info", (String) null), 400, "GET " + a + "/info");
        check(failures, req("GET", a + "/download", (String) null), 400, "GET " + a + "/download");
        check(
            failures,
            req("POST", a + "/duplicate", (String) null),
            400,
            "POST " + a + "/duplicate");
        check(
            failures,
            req("POST", a + "/merge/Explorational/" + SeedWorld.EXPLORATIONAL_2, (String) null),
            400,
            "POST " + a + "/merge/...");
        check(
            failures,
            req(
                "POST",
                "/annotations/Explorational/"
                    + SeedWorld.EXPLORATIONAL_2
                    + "/merge/"
                    + typ
                    + "/"
                    + id,
                (String) null),
            400,
            "POST merge/" + typ + "/" + id);
      }
      for (String typ : List.of("Task", "Explorational")) {
        String a = "/annotations/" + typ + "/" + id;
        check(failures, req("PATCH", a + "/edit", EDIT_BODY), 400, "PATCH " + a + "/edit");
        check(failures, req("PATCH", a + "/finish", (String) null), 400, "PATCH " + a + "/finish");
        check(failures, req("PATCH", a + "/reopen", (String) null), 400, "PATCH " + a + "/reopen");
      }
      check(
          failures,
          req("PUT", "/annotations/Task/" + id + "/reset", (String) null),
          400,
          "PUT reset " + id);
    }
    assertNoFailures(failures);
  }

  /**
   * An unknown {@code :typ} MUST answer 400 with the envelope on info, download, duplicate, edit,
   * finish, reopen and merge (in either position).
   */
  @Test
  public void unknownTypIs400() {
    List<String> failures = new ArrayList<>();
    String id = SeedWorld.EXPLORATIONAL_2;
    for (String typ : UNKNOWN_TYPS) {
      String a = "/annotations/" + typ + "/" + id;
      check(failures, req("GET", a + "/info", (String) null), 400, "GET " + a + "/info");
      check(failures, req("GET", a + "/download", (String) null), 400, "GET " + a + "/download");
      check(
          failures, req("POST", a + "/duplicate", (String) null), 400, "POST " + a + "/duplicate");
      check(failures, req("PATCH", a + "/edit", EDIT_BODY), 400, "PATCH " + a + "/edit");
      check(failures, req("PATCH", a + "/finish", (String) null), 400, "PATCH " + a + "/finish");
      check(failures, req("PATCH", a + "/reopen", (String) null), 400, "PATCH " + a + "/reopen");
      check(
          failures,
          req("POST", a + "/merge/Explorational/" + id, (String) null),
          400,
          "POST " + a + "/merge/Explorational");
      check(
          failures,
          req(
              "POST",
              "/annotations/Explorational/" + id + "/merge/" + typ + "/" + id,
              (String) null),
          400,
          "POST merge/" + typ);
      // reset is documented for Task only: any other :typ is no route at all
      check(
          failures,
          req(
              "PUT",
              "/annotations/" + typ + "/" + SeedWorld.TASK_ANNOTATION_1 + "/reset",
              (String) null),
          404,
          "PUT reset " + typ);
    }
    // anonymous callers get the same answer on the routes with optional login
    check(failures, anonymous().get("/annotations/Foo/" + id + "/info"), 400, "anonymous info Foo");
    assertNoFailures(failures);
  }

  /**
   * Edit, finish and reopen take only Task or Explorational; a compound {@code :typ} there MUST be
   * a 400 with the envelope. Reset is documented for Task only: other types are no route (404).
   */
  @Test
  public void compoundTypsAreRefusedWhereOnlyTaskOrExplorationalIsDocumented() {
    List<String> failures = new ArrayList<>();
    for (String typ : COMPOUND) {
      String a = "/annotations/" + typ + "/" + SeedWorld.TASK_1;
      check(failures, req("PATCH", a + "/edit", EDIT_BODY), 400, "PATCH " + a + "/edit");
      check(failures, req("PATCH", a + "/finish", (String) null), 400, "PATCH " + a + "/finish");
      check(failures, req("PATCH", a + "/reopen", (String) null), 400, "PATCH " + a + "/reopen");
      check(failures, req("PUT", a + "/reset", (String) null), 404, "PUT " + a + "/reset");
    }
    check(
        failures,
        req(
            "PUT",
            "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_2 + "/reset",
            (String) null),
        404,
        "reset of an Explorational");
    assertNoFailures(failures);
  }

  // --- bad query parameters ---------------------------------------------------------------------

  /**
   * Boolean and integer query parameters that are not {@code true}/{@code false} or an integer
   * (isFinished=maybe, limit=abc, limit=-1, isAdmin=1, delta=x) MUST be a 400 with the envelope.
   */
  @Test
  public void badQueryParametersAre400() {
    List<String> failures = new ArrayList<>();
    List<String> lists =
        List.of(
            "/user/tasks",
            "/user/annotations",
            "/users/" + SeedWorld.USER_A + "/tasks",
            "/users/" + SeedWorld.USER_A + "/annotations");
    for (String path : lists) {
      for (String v : List.of("maybe", "1", "0", "yes", "TRUE ", "")) {
        check(
            failures,
            as('A').queryParam("isFinished", v).get(path),
            400,
            path + "?isFinished=" + v);
      }
      for (String v : List.of("abc", "-1", "1.5", "1e3", "99999999999999999999", "")) {
        check(failures, as('A').queryParam("limit", v).get(path), 400, path + "?limit=" + v);
      }
    }
    for (String param : List.of("isAdmin", "isEditable")) {
      for (String v : List.of("1", "0", "maybe", "")) {
        check(
            failures, as('A').queryParam(param, v).get("/users"), 400, "/users?" + param + "=" + v);
      }
    }
    for (String param : List.of("isEditable", "isActive")) {
      for (String v : List.of("1", "maybe")) {
        check(
            failures,
            as('A').queryParam(param, v).get("/datasets"),
            400,
            "/datasets?" + param + "=" + v);
        check(
            failures,
            anonymous().queryParam(param, v).get("/datasets"),
            400,
            "anonymous /datasets?" + param + "=" + v);
      }
    }
    String project = createProject();
    createTask(project, 2);
    JsonNode tasksBefore = ok(as('A').get("/projects/" + project + "/tasks"));
    for (String v : List.of("x", "1.5", "-1", "99999999999999999999", "")) {
      check(
          failures,
          as('A')
              .queryParam("delta", v)
              .patch("/projects/" + project + "/incrementEachTasksInstances"),
          400,
          "incrementEachTasksInstances?delta=" + v);
    }
    assertEquals(
        ok(as('A').get("/projects/" + project + "/tasks")),
        tasksBefore,
        "a refused increment changed tasks");
    assertNoFailures(failures);
  }

  /** The valid forms of the same query parameters MUST be accepted (200). */
  @Test
  public void validQueryParametersAreAccepted() {
    ok(as('A').queryParam("isFinished", "true").queryParam("limit", "0").get("/user/tasks"));
    ok(as('A').queryParam("isFinished", "false").queryParam("limit", "5").get("/user/annotations"));
    ok(as('A').queryParam("isAdmin", "false").queryParam("isEditable", "true").get("/users"));
    ok(as('A').queryParam("isActive", "true").get("/datasets"));
    String project = createProject();
    ok(
        as('A')
            .queryParam("delta", "2")
            .patch("/projects/" + project + "/incrementEachTasksInstances"));
  }

  // --- uploads ----------------------------------------------------------------------------------

  /**
   * Files that are not NML (random bytes, HTML, truncated NML, other formats) MUST be refused with
   * a 4xx and the envelope.
   */
  @Test
  public void uploadsOfNonNmlFilesAreRefused() {
    int before = explorationalCount();
    Random rnd = new Random(20240513L);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      byte[] b = new byte[1 + rnd.nextInt(4000)];
      rnd.nextBytes(b);
      b[0] = (byte) 0xF7; // not 'P' of a ZIP header, not '<'
      files.put("random" + i + ".nml", b);
    }
    files.put(
        "page.html",
        "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Hello<br></body></html>"
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        "page.nml", "<html><body><p>Hello</p></body></html>".getBytes(StandardCharsets.UTF_8));
    String nml = validNml("t");
    files.put("truncated.nml", nml.substring(0, nml.length() / 2).getBytes(StandardCharsets.UTF_8));
    files.put("truncated_early.nml", nml.substring(0, 30).getBytes(StandardCharsets.UTF_8));
    files.put("text.nml", "just some text".getBytes(StandardCharsets.UTF_8));
    files.put("data.json", "{\"things\":[]}".getBytes(StandardCharsets.UTF_8));
    files.put(
        "no_parameters.nml", "<things><thing id=\"1\"/></things>".getBytes(StandardCharsets.UTF_8));
    files.put(
        "bad_node_id.nml",
        nml.replace("node id=\"2\"", "node id=\"two\"").getBytes(StandardCharsets.UTF_8));
    files.put("utf16.nml", nml.getBytes(StandardCharsets.UTF_16LE));
    files.put("empty_zip.zip", zip(Map.of()));
    files.put(
        "zip_without_nml.zip", zip(Map.of("readme.txt", "hi".getBytes(StandardCharsets.UTF_8))));
    files.put(
        "zip_with_broken_nml.zip",
        zip(Map.of("a.nml", "<things>".getBytes(StandardCharsets.UTF_8))));
    byte[] corrupt = zip(Map.of("a.nml", nml.getBytes(StandardCharsets.UTF_8)));
    for (int i = 40; i < corrupt.length; i++) {
      corrupt[i] = (byte) (corrupt[i] ^ 0x5A);
    }
    files.put("corrupt.zip", corrupt);
    files.put("zip_header_only.zip", new byte[] {'P', 'K', 3, 4, 0, 0});
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Response r = upload(f.getKey(), f.getValue());
      String p = clientErrorProblem(r);
      if (p != null) {
        failures.add("upload of " + f.getKey() + ": " + p);
      }
    }
    assertEquals(explorationalCount(), before, "a refused upload created an annotation");
    assertNoFailures(failures);
  }

  /**
   * A ZIP whose entry name is not valid UTF-8 MUST be refused with a 4xx and the envelope, not a
   * 5xx.
   */
  @Test
  public void uploadOfAZipWithAMalformedEntryNameIsRefused() {
    byte[] z = zip(Map.of("abcd.nml", validNml("t").getBytes(StandardCharsets.UTF_8)));
    byte[] name = "abcd.nml".getBytes(StandardCharsets.US_ASCII);
    // patch the name in the local header and in the central directory to an invalid UTF-8 byte
    int patched = 0;
    for (int i = 0; i + name.length <= z.length; i++) {
      boolean match = true;
      for (int j = 0; j < name.length && match; j++) {
        match = z[i + j] == name[j];
      }
      if (match) {
        z[i] = (byte) 0xFF;
        patched++;
      }
    }
    assertEquals(patched, 2, "entry name found in local header and central directory");
    String p = clientErrorProblem(upload("bad_names.zip", z));
    if (p != null) {
      fail("upload of a ZIP with a non-UTF-8 entry name: " + p);
    }
    ok(as('A').get("/buildinfo"));
  }

  /**
   * An NML whose DOCTYPE declares an external entity MUST NOT have it expanded: the upload is a
   * 400, or if accepted, the entity's text appears nowhere in the annotation.
   */
  @Test
  public void uploadWithAnExternalEntityIsNotExpanded() throws IOException {
    try (SecretFile secret = SecretFile.create("XXE_MARKER_", "wkcheck-xxe")) {
      String marker = secret.marker();
      String uri = secret.uri();
      List<String> docs =
          List.of(
              SecretFile.entityDoctype(uri)
                  + validNml("&xxe;").replace("description=\"d\"", "description=\"&xxe;\""),
              SecretFile.entityDoctype(uri) + validNml("tree"),
              "<!DOCTYPE things [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]>\n" + validNml("tree"),
              "<!DOCTYPE things SYSTEM \"" + uri + "\">\n" + validNml("tree"));
      for (int i = 0; i < docs.size(); i++) {
        Response r = upload("xxe" + i + ".nml", docs.get(i).getBytes(StandardCharsets.UTF_8));
        assertFalse(r.asString().contains(marker), "the entity was expanded into the answer");
        if (r.statusCode() == 200) {
          String id = json(r).path("annotation").path("id").asString();
          String info = as('A').get("/annotations/Explorational/" + id + "/info").asString();
          String nml = as('A').get("/annotations/Explorational/" + id + "/download").asString();
          assertFalse(info.contains(marker), "entity text in the info: " + info);
          assertFalse(nml.contains(marker), "entity text in the download: " + nml);
        } else {
          assertError(r, 400);
        }
      }
      // the one that uses the entity must be refused: it cannot be read without expanding it
      assertError(upload("xxe_used.nml", docs.get(0).getBytes(StandardCharsets.UTF_8)), 400);
    }
  }

  /**
   * Upload requests without files, without multipart encoding, or with createGroupForEachFile
   * missing or not "true"/"false" MUST be a 400 with the envelope and create nothing.
   */
  @Test
  public void malformedUploadRequestsAre400() {
    int before = explorationalCount();
    byte[] nml = validNml("t").getBytes(StandardCharsets.UTF_8);
    List<String> failures = new ArrayList<>();
    check(
        failures,
        as('A').multiPart("createGroupForEachFile", "true").post("/annotations/upload"),
        400,
        "no file");
    check(
        failures,
        as('A')
            .multiPart("file", "a.nml", nml, "application/octet-stream")
            .post("/annotations/upload"),
        400,
        "no createGroupForEachFile");
    for (String v : List.of("yes", "1", "TRUE", "")) {
      check(
          failures,
          as('A')
              .multiPart("createGroupForEachFile", v)
              .multiPart("file", "a.nml", nml, "application/octet-stream")
              .post("/annotations/upload"),
          400,
          "createGroupForEachFile=" + v);
    }
    check(
        failures,
        as('A').contentType("application/xml").body(nml).post("/annotations/upload"),
        400,
        "a bare NML body");
    check(
        failures,
        as('A').contentType("application/json").body("{}").post("/annotations/upload"),
        400,
        "a JSON body");
    check(failures, as('A').post("/annotations/upload"), 400, "no body");
    check(
        failures,
        as('A')
            .multiPart("createGroupForEachFile", "true")
            .multiPart("file", "empty.nml", new byte[0], "application/octet-stream")
            .post("/annotations/upload"),
        400,
        "an empty file");
    check(
        failures,
        as('A')
            .contentType("multipart/form-data; boundary=xyz")
            .body("garbage without parts".getBytes(StandardCharsets.US_ASCII))
            .post("/annotations/upload"),
        400,
        "a broken multipart body");
    assertEquals(explorationalCount(), before, "a refused upload created an annotation");
    assertNoFailures(failures);
  }

  /**
   * POST /tasks/createFromFiles without multipart encoding, without or with a bad formJSON, or
   * without files MUST be a 400 with the envelope and create no task.
   */
  @Test
  public void malformedCreateFromFilesRequestsAre400() {
    String project = createProject();
    byte[] nml = validNml("t").getBytes(StandardCharsets.UTF_8);
    String form =
        without(without(without(taskJson(project, 1), "dataSet"), "editPosition"), "editRotation");
    List<String> failures = new ArrayList<>();
    String path = "/tasks/createFromFiles";
    check(
        failures,
        as('A').contentType("application/json").body("[" + taskJson(project, 1) + "]").post(path),
        400,
        "JSON instead of multipart");
    check(
        failures,
        as('A').multiPart("file", "a.nml", nml, "application/octet-stream").post(path),
        400,
        "no formJSON");
    check(failures, as('A').multiPart("formJSON", form).post(path), 400, "no file");
    for (String bad :
        List.of(
            "{",
            "",
            "[]",
            "\"x\"",
            with(form, "openInstances", "\"1\""),
            without(form, "taskTypeId"),
            with(form, "neededExperience", "5"))) {
      check(
          failures,
          as('A')
              .multiPart("formJSON", bad)
              .multiPart("file", "a.nml", nml, "application/octet-stream")
              .post(path),
          400,
          "formJSON=" + bad);
    }
    assertEquals(
        ok(as('A').get("/projects/" + project + "/tasks")).size(),
        0,
        "a refused request created tasks");
    assertNoFailures(failures);
  }

  // --- garbage ----------------------------------------------------------------------------------

  private static List<String> garbageValues() {
    List<String> v = new ArrayList<>();
    v.add("1e400");
    v.add("-1e400");
    v.add("1e-400");
    v.add("123456789012345678901234567890");
    v.add("-9223372036854775809");
    v.add("9223372036854775807");
    v.add("-2147483649");
    v.add("-0");
    v.add("\"\"");
    v.add("\"\\u0000\"");
    v.add("\"\\ud800\"");
    v.add("\"Zürich \\ud83d\\ude00 \\u202e ünïcödé 漢字\"");
    v.add("\"" + "x".repeat(100_000) + "\"");
    v.add("[" + "[".repeat(300) + "]".repeat(300) + "]");
    v.add("{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}");
    v.add("[]");
    v.add("{}");
    v.add("null");
    v.add("true");
    v.add("[\"\\u0000\", 1e400, null]");
    return v;
  }

  private static List<byte[]> garbageBodies() {
    List<byte[]> out = new ArrayList<>();
    Random rnd = new Random(4242L);
    for (int i = 0; i < 8; i++) {
      byte[] b = new byte[1 + rnd.nextInt(3000)];
      rnd.nextBytes(b);
      out.add(b);
    }
    for (String s :
        List.of(
            "[".repeat(100_000),
            "{\"a\":".repeat(20_000),
            "[".repeat(499) + "]".repeat(499),
            "1e400",
            "[1e400]",
            "{\"openInstances\":1e400}",
            "\"\\ud800\"",
            "\"" + "ü😀".repeat(1000) + "\"",
            "9".repeat(100_000),
            "[" + "1,".repeat(50_000) + "1]",
            "{\"a\":\"\\u0000\"}",
            "\uFEFF{}",
            "\u0000\u0000\u0000")) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
    }
    out.add(new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'});
    out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
    out.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    return out;
  }

  /**
   * Garbage of every kind sent to every JSON-body route (random bytes, huge numbers like 1e400,
   * deeply nested arrays, wrong types, unicode) MUST never answer 5xx, and every 4xx MUST carry the
   * envelope.
   */
  @Test
  public void garbageNeverAnswers5xx() {
    Fixture f = new Fixture();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (JsonRoute r : f.routes) {
      for (byte[] body : garbageBodies()) {
        judge(
            failures,
            r + " with a garbage body " + abbreviate(new String(body, StandardCharsets.UTF_8)),
            req(r.method(), r.path(), body));
        sent++;
      }
      JsonNode valid = Json.MAPPER.readTree(r.validBody());
      JsonNode element = valid.isArray() ? valid.get(0) : valid;
      List<String> fields = new ArrayList<>();
      element.propertyNames().forEach(fields::add);
      fields.add("boundingBox");
      fields.add("neededExperience.value");
      fields.add("unknownField");
      for (String field : fields) {
        for (String value : garbageValues()) {
          String body = with(r.validBody(), field, value);
          judge(
              failures,
              r + " with " + field + "=" + abbreviate(value),
              req(r.method(), r.path(), body));
          sent++;
        }
      }
    }
    assertTrue(sent > 500, "sent " + sent);
    ok(as('A').get("/buildinfo"));
    ok(as('A').get("/user"));
    assertNoFailures(failures);
  }

  /** Path segments and query values of every kind of garbage. */
  private static final List<String> GARBAGE_SEGMENTS =
      List.of(
          "ü😀",
          "\u202e",
          " ",
          "..",
          "%",
          "%00",
          "a;b",
          "x".repeat(3000),
          "'; DROP TABLE tasks; --",
          "<script>",
          "null",
          "-1",
          "1e400");

  /**
   * Garbage path segments and query values MUST never answer 5xx, and every 4xx MUST carry the
   * envelope.
   */
  @Test
  public void garbagePathsAndQueriesNeverAnswer5xx() {
    List<String> failures = new ArrayList<>();
    for (String s : GARBAGE_SEGMENTS) {
      for (String path :
          List.of(
              "/tasks/" + s,
              "/users/" + s,
              "/users/" + s + "/tasks",
              "/projects/" + s,
              "/projects/" + s + "/tasks",
              "/datasets/" + s + "/" + s,
              "/datasets/Organization_X/" + s,
              "/annotations/" + s + "/" + SeedWorld.EXPLORATIONAL_2 + "/info",
              "/annotations/Explorational/" + s + "/info",
              "/annotations/Explorational/" + s + "/download")) {
        judge(failures, "GET " + path, as('A').get(path));
        judge(failures, "anonymous GET " + path, anonymous().get(path));
      }
      judge(failures, "DELETE /tasks/" + s, as('A').delete("/tasks/" + s));
      judge(failures, "PATCH pause " + s, as('A').patch("/projects/" + s + "/pause"));
      for (String q : List.of("isFinished", "limit")) {
        judge(failures, "/user/tasks?" + q + "=" + s, as('A').queryParam(q, s).get("/user/tasks"));
      }
      judge(failures, "/users?isAdmin=" + s, as('A').queryParam("isAdmin", s).get("/users"));
      judge(
          failures,
          "/datasets?isActive=" + s,
          anonymous().queryParam("isActive", s).get("/datasets"));
    }
    ok(as('A').get("/buildinfo"));
    assertNoFailures(failures);
  }

  /** Edits that make the valid NML garbage: each replaces its first text with its second. */
  private static final String[][] NML_GARBAGE_EDITS = {
    {"x=\"3200\"", "x=\"1e400\""},
    {"x=\"3200\"", "x=\"NaN\""},
    {"x=\"3200\"", "x=\"abc\""},
    {"thing id=\"1\"", "thing id=\"2147483647\""},
    {"node id=\"1\"", "node id=\"99999999999\""},
    {
      "<groups/>",
      "<groups>" + "<group id=\"1\" name=\"g\">".repeat(200) + "</group>".repeat(200) + "</groups>"
    },
    {"name=\"l4_sample\"", "name=\"\""},
    {"name=\"l4_sample\"", "name=\"no_such_dataset\""},
    {"organization=\"Organization_X\"", "organization=\"Organization_Y\""},
    {"<branchpoints/>", "<branchpoints><branchpoint id=\"x\"/></branchpoints>"},
    {"<comments>", "<comments><comment node=\"\" content=\"c\"/>"},
    {"<groups/>", "<groups/><volume id=\"x\" name=\"v\"/>"}
  };

  /**
   * Garbage files and form fields sent to the upload routes MUST never answer 5xx; every 4xx MUST
   * carry the envelope.
   */
  @Test
  public void garbageUploadsNeverAnswer5xx() {
    List<String> failures = new ArrayList<>();
    Random rnd = new Random(777L);
    String nml = validNml("t");
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] b = new byte[1 + rnd.nextInt(5000)];
      rnd.nextBytes(b);
      files.add(b);
    }
    for (String[] edit : NML_GARBAGE_EDITS) {
      files.add(nml.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8));
    }
    files.add(
        zip(
            Map.of(
                "nested.zip",
                zip(
                    Map.of(
                        "nested2.zip",
                        zip(
                            Map.of(
                                "nested3.zip",
                                zip(
                                    Map.of(
                                        "nested4.zip",
                                        zip(
                                            Map.of(
                                                "a.nml",
                                                nml.getBytes(StandardCharsets.UTF_8))))))))))));
    for (int i = 0; i < files.size(); i++) {
      for (String name : List.of("g" + i + ".nml", "g" + i + ".zip", "ü😀 " + i)) {
        Response r =
            as('A')
                .multiPart("createGroupForEachFile", i % 2 == 0 ? "true" : "false")
                .multiPart("file", name, files.get(i), "application/octet-stream")
                .post("/annotations/upload");
        judge(failures, "upload " + name, r);
      }
      Response r =
          as('A')
              .multiPart(
                  "formJSON",
                  without(
                      without(without(taskJson("Test_Project", 1), "dataSet"), "editPosition"),
                      "editRotation"))
              .multiPart("file", "g" + i + ".nml", files.get(i), "application/octet-stream")
              .post("/tasks/createFromFiles");
      judge(failures, "createFromFiles with file " + i, r);
    }
    ok(as('A').get("/buildinfo"));
    assertNoFailures(failures);
  }

  /**
   * Names and descriptions set through edit with control characters or unpaired surrogates MUST
   * either be refused with a 400, or the annotation MUST still download as readable NML.
   */
  @Test
  public void textsWithControlCharactersDoNotBreakTheDownload() {
    String id = uploadedAnnotation();
    String path = "/annotations/Explorational/" + id;
    List<String> failures = new ArrayList<>();
    for (String text :
        List.of(
            "\\u0001bell\\u0007",
            "nul\\u0000byte",
            "esc\\u001b[31m",
            "lone \\ud800 surrogate",
            "Zürich \\ud83d\\ude00 漢字")) {
      Response edit = req("PATCH", path + "/edit", "{\"description\":\"" + text + "\"}");
      if (edit.statusCode() == 400) {
        assertError(edit, 400);
        continue;
      }
      if (edit.statusCode() != 200) {
        failures.add("edit with description " + text + " answered " + edit.statusCode());
        continue;
      }
      Response d = as('A').get(path + "/download");
      if (d.statusCode() != 200) {
        failures.add("download after description " + text + " answered " + d.statusCode());
        continue;
      }
      try {
        NmlReader.read(d.asByteArray());
      } catch (NmlException e) {
        failures.add(
            "after description " + text + " the download is no readable NML: " + e.getMessage());
      }
    }
    assertNoFailures(failures);
  }

  /**
   * A task whose editRotation is 1e400 (not a finite number) MUST NOT be created: the answer is a
   * 400, or a failure entry in the report.
   */
  @Test
  public void nonFiniteNumbersCreateNoTask() {
    String project = createProject();
    List<String> failures = new ArrayList<>();
    for (String[] fv :
        new String[][] {
          {"editRotation", "[1e400,0,0]"},
          {"editRotation", "[0,-1e400,0]"},
          {"editPosition", "[1e400,0,0]"}
        }) {
      Response r = req("POST", "/tasks", "[" + with(taskJson(project, 1), fv[0], fv[1]) + "]");
      if (r.statusCode() == 400) {
        assertError(r, 400);
        continue;
      }
      JsonNode entry = json(r).path("tasks").path(0);
      if (r.statusCode() != 200 || entry.path("status").asInt() == 200) {
        failures.add(
            fv[0] + "=" + fv[1] + " answered " + r.statusCode() + " " + abbreviate(r.asString()));
      }
    }
    ArrayNode tasks = (ArrayNode) ok(as('A').get("/projects/" + project + "/tasks"));
    assertNoFailures(failures);
    assertEquals(tasks.size(), 0, "tasks with non-finite numbers: " + tasks);
  }

  // --- judging
  // ------------------------------------------------------------------------------------

  private static void check(List<String> failures, Response r, int status, String what) {
    String p = problem(r, status);
    if (p != null) {
      failures.add(what + ": expected " + status + ", " + p);
    }
  }

  /** Null if the response is a 4xx with the envelope. */
  private static String clientErrorProblem(Response r) {
    int s = r.statusCode();
    if (s < 400 || s >= 500) {
      return "expected a 4xx, answered " + s + " " + abbreviate(r.asString());
    }
    return problem(r, s);
  }

  /** Records a 5xx, or a 4xx without the envelope. */
  private static void judge(List<String> failures, String what, Response r) {
    int s = r.statusCode();
    if (s >= 500) {
      failures.add(what + ": answered " + s + " " + abbreviate(r.asString()));
    } else if (s >= 400) {
      String p = problem(r, s);
      if (p != null) {
        failures.add(what + ": 4xx without the envelope: " + p);
      }
    }
  }
}
