package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The project routes: {@code GET /projects}, {@code GET /projects/assignments}, {@code POST
 * /projects}, {@code GET/PUT/DELETE /projects/:name}, {@code GET /projects/:name/tasks}, {@code
 * PATCH /projects/:name/incrementEachTasksInstances}, {@code PATCH /projects/:name/pause} and
 * {@code /resume}.
 */
public class ProjectsTest extends ServerTestBase {

  /**
   * Priorities above every other project of this class, growing with each use: the project made
   * last is the one {@code POST /user/tasks/request} hands out from first.
   */
  private static final AtomicLong TOP_PRIORITY = new AtomicLong(1_000_000_000L);

  private static final String UNKNOWN_ID = "000000000000000000000bad";

  private static final Map<String, String> SEEDED =
      Map.of(
          SeedWorld.PROJECT_1, "Test_Project",
          SeedWorld.PROJECT_2, "Test_Project2",
          SeedWorld.PROJECT_3, "Test_Project3(for_annotation_mutations)",
          SeedWorld.PROJECT_4, "Test_Project4");

  // --- helpers ----------------------------------------------------------------------------------

  private Response post(char user, String body) {
    return as(user).contentType("application/json").body(body).post("/projects");
  }

  private JsonNode create(ObjectNode body) {
    return ok(post('A', body.toString()));
  }

  /** A project of team_X1 owned by user_A, handed out from before all others; returns its name. */
  private String topProject() {
    String name = unique("p");
    create(projectBody(name, TOP_PRIORITY.incrementAndGet()));
    return name;
  }

  private JsonNode getProject(char user, String name) {
    return ok(as(user).get("/projects/{name}", name));
  }

  private Response getProjectResponse(char user, String name) {
    return as(user).get("/projects/{name}", name);
  }

  private JsonNode task(String id) {
    return ok(as('A').get("/tasks/" + id));
  }

  private long open(String taskId) {
    return task(taskId).path("status").path("open").asLong();
  }

  private static Map<String, JsonNode> byId(JsonNode list) {
    assertTrue(list.isArray(), "not a list: " + list);
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode p : list) {
      out.put(p.path("id").asString(), p);
    }
    return out;
  }

  private JsonNode assignmentOf(char user, String name) {
    for (JsonNode p : ok(as(user).get("/projects/assignments"))) {
      if (p.path("name").asString().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("project " + name + " not in /projects/assignments");
  }

  private long openAssignments(String name) {
    JsonNode p = assignmentOf('A', name);
    assertTrue(
        p.path("numberOfOpenAssignments").isIntegralNumber(), "numberOfOpenAssignments of " + p);
    return p.path("numberOfOpenAssignments").asLong();
  }

  private Response increment(char user, String name, String delta) {
    var r = as(user);
    if (delta != null) {
      r = r.queryParam("delta", delta);
    }
    return r.patch("/projects/{name}/incrementEachTasksInstances", name);
  }

  // --- GET /projects ----------------------------------------------------------------------------

  /** GET /projects MUST list the 4 seeded projects for the admin user_A. */
  @Test
  public void adminSeesTheSeededProjects() {
    Map<String, JsonNode> found = byId(ok(as('A').get("/projects")));
    for (Map.Entry<String, String> e : SEEDED.entrySet()) {
      assertTrue(
          found.containsKey(e.getKey()), "missing " + e.getValue() + " in " + found.keySet());
      assertEquals(found.get(e.getKey()).path("name").asString(), e.getValue());
    }
  }

  /** GET /projects MUST list for user_D those of team_X2, and not those of team_X1. */
  @Test
  public void teamMemberSeesOnlyTheProjectsOfTheirTeams() {
    JsonNode list = ok(as('D').get("/projects"));
    Map<String, JsonNode> found = byId(list);
    assertTrue(found.containsKey(SeedWorld.PROJECT_2), "found " + found.keySet());
    assertTrue(found.containsKey(SeedWorld.PROJECT_3), "found " + found.keySet());
    assertFalse(found.containsKey(SeedWorld.PROJECT_1), "found " + found.keySet());
    assertFalse(found.containsKey(SeedWorld.PROJECT_4), "found " + found.keySet());
    for (JsonNode p : list) {
      assertTrue(
          p.path("team").asString().equals(SeedWorld.TEAM_X2)
              || p.path("owner").path("id").asString().equals(SeedWorld.USER_D),
          "user_D sees " + p);
    }
    // and user_C, member of team_X1, the other way round
    Set<String> c = byId(ok(as('C').get("/projects"))).keySet();
    assertTrue(c.containsAll(Set.of(SeedWorld.PROJECT_1, SeedWorld.PROJECT_4)), "found " + c);
    assertFalse(c.contains(SeedWorld.PROJECT_2), "found " + c);
    assertFalse(c.contains(SeedWorld.PROJECT_3), "found " + c);
  }

  /** GET /projects MUST NOT list projects of another organization. */
  @Test
  public void otherOrganizationSeesNoneOfTheProjects() {
    String name = unique("p");
    String id = create(projectBody(name, 1)).path("id").asString();
    Set<String> found = byId(ok(as('E').get("/projects"))).keySet();
    for (String seeded : SEEDED.keySet()) {
      assertFalse(found.contains(seeded), "user_E sees " + seeded);
    }
    assertFalse(found.contains(id), "user_E sees " + name);
  }

  /** GET /projects MUST list a project for its owner even if the owner is not in its team. */
  @Test
  public void ownerSeesTheirProject() {
    String name = unique("p");
    ObjectNode b = projectBody(name, 1);
    b.put("team", SeedWorld.TEAM_X2);
    b.put("owner", SeedWorld.USER_C);
    String id = create(b).path("id").asString();
    assertTrue(byId(ok(as('C').get("/projects"))).containsKey(id));
    assertEquals(getProject('C', name).path("id").asString(), id);
    assertFalse(byId(ok(as('B').get("/projects"))).containsKey(id));
  }

  // --- GET /projects/assignments ----------------------------------------------------------------

  /** GET /projects/assignments MUST list the same projects as GET /projects, plus a count. */
  @Test
  public void assignmentsListTheSameProjects() {
    for (char user : new char[] {'A', 'C', 'D', 'E'}) {
      JsonNode plain = ok(as(user).get("/projects"));
      JsonNode with = ok(as(user).get("/projects/assignments"));
      assertEquals(with.size(), plain.size(), "user_" + user + ": " + with);
      for (int i = 0; i < plain.size(); i++) {
        ObjectNode p = (ObjectNode) with.get(i).deepCopy();
        assertTrue(
            p.path("numberOfOpenAssignments").isIntegralNumber(),
            "user_" + user + ": no numberOfOpenAssignments in " + p);
        assertTrue(
            p.path("tracingTime").isIntegralNumber(), "user_" + user + ": no tracingTime in " + p);
        p.remove("numberOfOpenAssignments");
        p.remove("tracingTime");
        assertEquals(p, plain.get(i), "user_" + user + " project " + i);
      }
    }
  }

  /** numberOfOpenAssignments MUST be the sum of open instances (seed: 19, 10, 10, 0). */
  @Test
  public void assignmentsCountTheSeededOpenInstances() {
    Map<String, JsonNode> found = byId(ok(as('A').get("/projects/assignments")));
    assertEquals(found.get(SeedWorld.PROJECT_1).path("numberOfOpenAssignments").asLong(), 19);
    assertEquals(found.get(SeedWorld.PROJECT_2).path("numberOfOpenAssignments").asLong(), 10);
    assertEquals(found.get(SeedWorld.PROJECT_3).path("numberOfOpenAssignments").asLong(), 10);
    assertEquals(found.get(SeedWorld.PROJECT_4).path("numberOfOpenAssignments").asLong(), 0);
  }

  /** numberOfOpenAssignments MUST follow created tasks: 0, then the sum of their instances. */
  @Test
  public void assignmentsCountCreatedTasks() {
    String name = createProject();
    assertEquals(openAssignments(name), 0);
    createTaskIds(name, 3, 4);
    assertEquals(openAssignments(name), 7);
    createTaskIds(name, 5);
    assertEquals(openAssignments(name), 12);
  }

  /** numberOfOpenAssignments MUST drop by one when an instance is handed out. */
  @Test
  public void assignmentsCountDropsWhenAnInstanceIsHandedOut() {
    String name = topProject();
    String taskId = createTaskIds(name, 2).get(0);
    assertEquals(openAssignments(name), 2);
    JsonNode a = requestTaskAnnotation('A');
    assertEquals(a.path("task").path("id").asString(), taskId);
    assertEquals(openAssignments(name), 1);
  }

  // --- POST /projects ---------------------------------------------------------------------------

  /** POST /projects MUST answer 200 with an id and the given fields. */
  @Test
  public void createAnswersTheProjectWithAnId() {
    String name = unique("p");
    ObjectNode b = projectBody(name, 7);
    b.put("owner", SeedWorld.USER_B);
    b.put("paused", true);
    b.put("expectedTime", 1234);
    b.put("isBlacklistedFromReport", true);
    JsonNode p = create(b);
    assertTrue(p.path("id").asString().matches("[0-9a-f]{24}"), "id of " + p);
    assertEquals(p.path("name").asString(), name);
    assertEquals(p.path("team").asString(), SeedWorld.TEAM_X1);
    assertEquals(p.path("teamName").asString(), "team_X1");
    assertEquals(p.path("owner").path("id").asString(), SeedWorld.USER_B);
    assertEquals(p.path("priority").asLong(), 7);
    assertTrue(p.path("paused").isBoolean() && p.path("paused").asBoolean(), "paused of " + p);
    assertEquals(p.path("expectedTime").asLong(), 1234);
    assertTrue(
        p.path("isBlacklistedFromReport").isBoolean()
            && p.path("isBlacklistedFromReport").asBoolean(),
        "isBlacklistedFromReport of " + p);
    assertTrue(p.path("created").isIntegralNumber(), "created of " + p);
  }

  /** A created project MUST read back equal through GET /projects/:name and be listed. */
  @Test
  public void createdProjectReadsBack() {
    String name = unique("p");
    JsonNode p = create(projectBody(name, 3));
    assertEquals(getProject('A', name), p);
    assertEquals(byId(ok(as('A').get("/projects"))).get(p.path("id").asString()), p);
  }

  /** Two created projects MUST get different ids. */
  @Test
  public void createdProjectsGetDistinctIds() {
    String a = create(projectBody(unique("p"), 1)).path("id").asString();
    String b = create(projectBody(unique("p"), 1)).path("id").asString();
    assertNotEquals(a, b);
  }

  @DataProvider
  public Object[][] missingFields() {
    return new Object[][] {{"name"}, {"team"}, {"priority"}, {"owner"}};
  }

  /** POST /projects without name, team, priority or owner MUST be 400 and create nothing. */
  @Test(dataProvider = "missingFields")
  public void createWithoutARequiredFieldIsRefused(String field) {
    assertCreateRefused(b -> b.remove(field));
  }

  @DataProvider
  public Object[][] wrongTypes() {
    return new Object[][] {
      {"name as number", (Consumer<ObjectNode>) b -> b.put("name", 12345)},
      {"team as number", (Consumer<ObjectNode>) b -> b.put("team", 5)},
      {"priority as string", (Consumer<ObjectNode>) b -> b.put("priority", "1")},
      {"priority fractional", (Consumer<ObjectNode>) b -> b.put("priority", 1.5)},
      {"priority beyond INT", (Consumer<ObjectNode>) b -> b.put("priority", 3_000_000_000L)},
      {"paused as string", (Consumer<ObjectNode>) b -> b.put("paused", "no")},
      {"expectedTime as string", (Consumer<ObjectNode>) b -> b.put("expectedTime", "60000")},
      {"owner as number", (Consumer<ObjectNode>) b -> b.put("owner", 5)},
      {
        "isBlacklistedFromReport as string",
        (Consumer<ObjectNode>) b -> b.put("isBlacklistedFromReport", "yes")
      },
      {"team not an id", (Consumer<ObjectNode>) b -> b.put("team", "team_X1")},
      {"owner not an id", (Consumer<ObjectNode>) b -> b.put("owner", "user_A")},
    };
  }

  /** POST /projects with a wrongly typed field MUST be 400 and create nothing. */
  @Test(dataProvider = "wrongTypes")
  public void createWithAWrongTypeIsRefused(String what, Consumer<ObjectNode> change) {
    assertCreateRefused(change);
  }

  /** A valid project body so changed MUST be refused with 400, and no project of its name made. */
  private void assertCreateRefused(Consumer<ObjectNode> change) {
    String name = unique("p");
    ObjectNode b = projectBody(name, 1);
    change.accept(b);
    assertError(post('A', b.toString()), 400);
    assertError(getProjectResponse('A', name), 404);
  }

  @DataProvider
  public Object[][] invalidNames() {
    return new Object[][] {{"ab"}, {"with space"}, {"slash/name"}, {""}};
  }

  /** POST /projects with a name of under 3 characters or outside [a-zA-Z0-9_-] MUST be 400. */
  @Test(dataProvider = "invalidNames")
  public void createWithAnInvalidNameIsRefused(String name) {
    assertError(post('A', projectBody(name, 1).toString()), 400);
  }

  /** POST /projects with a name already in use MUST fail with 4xx, leaving the first unchanged. */
  @Test
  public void createWithADuplicateNameIsRefused() {
    String name = unique("p");
    JsonNode first = create(projectBody(name, 1));
    Response r = post('A', projectBody(name, 99).toString());
    assertTrue(
        r.statusCode() >= 400 && r.statusCode() < 500, "status " + r.statusCode() + r.asString());
    assertError(r, r.statusCode());
    assertEquals(getProject('A', name), first);
  }

  /** POST /projects by a team member who is no manager MUST be 403 and create nothing. */
  @Test
  public void createByANonManagerIsForbidden() {
    String name = unique("p");
    assertError(post('C', projectBody(name, 1).toString()), 403);
    assertError(getProjectResponse('A', name), 404);
  }

  /** A team manager MUST be able to create a project of the team. */
  @Test
  public void createByATeamManagerSucceeds() {
    String name = unique("p");
    ok(post('B', projectBody(name, 1).toString()));
    assertEquals(getProject('A', name).path("name").asString(), name);
  }

  /** POST /projects with malformed JSON, or JSON that is not an object, MUST be 400. */
  @Test
  public void createWithMalformedJsonIsRefused() {
    String name = unique("p");
    String valid = projectBody(name, 1).toString();
    assertError(post('A', valid.substring(0, valid.length() - 1)), 400);
    assertError(post('A', "[" + valid + "]"), 400);
    assertError(post('A', ""), 400);
    assertError(getProjectResponse('A', name), 404);
  }

  // --- GET /projects/:name ----------------------------------------------------------------------

  /** GET /projects/:name MUST answer the project to its readers. */
  @Test
  public void getAnswersTheProject() {
    JsonNode p = getProject('C', "Test_Project");
    assertEquals(p.path("id").asString(), SeedWorld.PROJECT_1);
    assertEquals(p.path("team").asString(), SeedWorld.TEAM_X1);
    assertEquals(p.path("owner").path("id").asString(), SeedWorld.USER_A);
    assertEquals(p.path("priority").asLong(), 100);
    assertEquals(p.path("expectedTime").asLong(), 5400000);
    JsonNode p3 = getProject('D', "Test_Project3(for_annotation_mutations)");
    assertEquals(p3.path("id").asString(), SeedWorld.PROJECT_3);
  }

  /** GET /projects/:name of an unknown or unreadable project MUST give 404. */
  @Test
  public void getUnknownOrUnreadableProjectIs404() {
    assertError(getProjectResponse('A', unique("noSuchProject")), 404);
    assertError(getProjectResponse('E', "Test_Project"), 404);
    assertError(getProjectResponse('D', "Test_Project"), 404);
  }

  // --- PUT /projects/:name ----------------------------------------------------------------------

  /** PUT /projects/:name MUST change priority, expectedTime and owner, and they MUST read back. */
  @Test
  public void updateChangesPriorityExpectedTimeAndOwner() {
    String name = unique("p");
    JsonNode before = create(projectBody(name, 1));
    ObjectNode b = projectBody(name, 42);
    b.put("expectedTime", 999);
    b.put("owner", SeedWorld.USER_B);
    JsonNode answer =
        ok(as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name));
    for (JsonNode p : List.of(answer, getProject('A', name))) {
      assertEquals(p.path("priority").asLong(), 42, "project " + p);
      assertEquals(p.path("expectedTime").asLong(), 999, "project " + p);
      assertEquals(p.path("owner").path("id").asString(), SeedWorld.USER_B, "project " + p);
      assertEquals(p.path("id"), before.path("id"), "project " + p);
      assertEquals(p.path("name").asString(), name, "project " + p);
      assertEquals(p.path("created"), before.path("created"), "project " + p);
    }
  }

  /**
   * PUT /projects/:name takes a body "just like in POST /projects": a new name MUST rename the
   * project, which is then found under the new name only.
   */
  @Test
  public void updateAppliesTheNameInTheBody() {
    String name = unique("p");
    String other = unique("p");
    JsonNode before = create(projectBody(name, 1));
    ObjectNode b = projectBody(other, 5);
    JsonNode answer =
        ok(as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name));
    assertEquals(answer.path("name").asString(), other);
    JsonNode after = getProject('A', other);
    assertEquals(after.path("id"), before.path("id"));
    assertEquals(after.path("priority").asLong(), 5);
    assertError(getProjectResponse('A', name), 404);
  }

  /** Renaming a project onto the name of another one MUST be refused and change nothing. */
  @Test
  public void updateRefusesATakenName() {
    String name = unique("p");
    String taken = unique("p");
    JsonNode before = create(projectBody(name, 1));
    create(projectBody(taken, 1));
    ObjectNode b = projectBody(taken, 5);
    assertError(
        as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name), 400);
    assertEquals(getProject('A', name), before);
  }

  /** PUT /projects/:name MUST apply "paused" of the body like every other field. */
  @Test
  public void updateAppliesPausedInTheBody() {
    String name = unique("p");
    create(projectBody(name, 1));
    ObjectNode b = projectBody(name, 1);
    b.put("paused", true);
    ok(as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name));
    assertTrue(getProject('A', name).path("paused").asBoolean());
    b.put("paused", false);
    ok(as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name));
    assertFalse(getProject('A', name).path("paused").asBoolean());
  }

  /** PUT /projects/:name with an invalid body MUST be 400 and change nothing. */
  @Test
  public void updateWithAnInvalidBodyIsRefused() {
    String name = unique("p");
    JsonNode before = create(projectBody(name, 1));
    ObjectNode b = projectBody(name, 50);
    b.remove("priority");
    assertError(
        as('A').contentType("application/json").body(b.toString()).put("/projects/{n}", name), 400);
    ObjectNode typed = projectBody(name, 50);
    typed.put("priority", "50");
    assertError(
        as('A').contentType("application/json").body(typed.toString()).put("/projects/{n}", name),
        400);
    assertError(as('A').contentType("application/json").body("{").put("/projects/{n}", name), 400);
    assertEquals(getProject('A', name), before);
  }

  /** PUT /projects/:name by a non-manager MUST be 403, of an unknown project 404. */
  @Test
  public void updateByANonManagerOrOfAnUnknownProjectFails() {
    String name = unique("p");
    JsonNode before = create(projectBody(name, 1));
    String b = projectBody(name, 77).toString();
    assertError(as('C').contentType("application/json").body(b).put("/projects/{n}", name), 403);
    assertEquals(getProject('A', name), before);
    String unknown = unique("noSuchProject");
    assertError(as('A').contentType("application/json").body(b).put("/projects/{n}", unknown), 404);
  }

  // --- DELETE /projects/:name -------------------------------------------------------------------

  /** DELETE /projects/:name MUST delete the project: 404 afterwards and no longer listed. */
  @Test
  public void deleteRemovesTheProject() {
    String name = createProject();
    String id = getProject('A', name).path("id").asString();
    ok(as('A').delete("/projects/{n}", name));
    assertError(getProjectResponse('A', name), 404);
    assertFalse(byId(ok(as('A').get("/projects"))).containsKey(id));
    assertFalse(byId(ok(as('A').get("/projects/assignments"))).containsKey(id));
    assertError(as('A').delete("/projects/{n}", name), 404);
  }

  /** DELETE /projects/:name MUST delete the project's tasks. */
  @Test
  public void deleteRemovesTheProjectsTasks() {
    String name = createProject();
    List<String> tasks = createTaskIds(name, 1, 2, 3);
    String other = createProject();
    String kept = createTaskIds(other, 1).get(0);
    ok(as('A').delete("/projects/{n}", name));
    for (String t : tasks) {
      assertError(as('A').get("/tasks/" + t), 404);
    }
    ArrayNode ids = Json.array();
    tasks.forEach(ids::add);
    ObjectNode q = Json.object();
    q.set("ids", ids);
    assertEquals(
        ok(as('A').contentType("application/json").body(q.toString()).post("/tasks/list")).size(),
        0);
    task(kept);
  }

  /** DELETE /projects/:name MUST delete the annotations of the project's tasks. */
  @Test
  public void deleteRemovesTheTaskAnnotations() {
    String name = topProject();
    String taskId = createTaskIds(name, 1).get(0);
    JsonNode a = requestTaskAnnotation('A');
    assertEquals(a.path("task").path("id").asString(), taskId);
    String annotationId = a.path("id").asString();
    ok(as('A').get("/annotations/Task/" + annotationId + "/info"));
    ok(as('A').delete("/projects/{n}", name));
    assertError(as('A').get("/annotations/Task/" + annotationId + "/info"), 404);
    assertFalse(strings(ok(as('A').get("/user/tasks")), "id").contains(annotationId));
  }

  /** DELETE /projects/:name by someone neither owner nor admin MUST be 403 (404 if unreadable). */
  @Test
  public void deleteByNeitherOwnerNorAdminIsRefused() {
    String name = createProject();
    List<String> tasks = createTaskIds(name, 1);
    assertError(as('B').delete("/projects/{n}", name), 403);
    assertError(as('C').delete("/projects/{n}", name), 403);
    assertError(as('E').delete("/projects/{n}", name), 404);
    getProject('A', name);
    task(tasks.get(0));
  }

  /** The owner of a project MUST be able to delete it. */
  @Test
  public void ownerDeletesTheProject() {
    String name = unique("p");
    ObjectNode b = projectBody(name, 1);
    b.put("owner", SeedWorld.USER_B);
    create(b);
    ok(as('B').delete("/projects/{n}", name));
    assertError(getProjectResponse('A', name), 404);
  }

  // --- GET /projects/:name/tasks ----------------------------------------------------------------

  /** GET /projects/:name/tasks MUST list exactly the project's tasks. */
  @Test
  public void projectTasksAreExactlyItsTasks() {
    String name = createProject();
    assertEquals(ok(as('A').get("/projects/{n}/tasks", name)).size(), 0);
    List<String> mine = createTaskIds(name, 1, 2, 3);
    createTaskIds(createProject(), 1);
    JsonNode list = ok(as('A').get("/projects/{n}/tasks", name));
    assertEquals(list.size(), 3, "tasks " + list);
    assertEquals(new HashSet<>(strings(list, "id")), new HashSet<>(mine));
    for (JsonNode t : list) {
      assertEquals(t.path("projectName").asString(), name, "task " + t);
    }
    JsonNode seeded = ok(as('A').get("/projects/{n}/tasks", "Test_Project"));
    assertEquals(new HashSet<>(strings(seeded, "id")), Set.of(SeedWorld.TASK_1, SeedWorld.TASK_2));
  }

  /** GET /projects/:name/tasks of an unknown project MUST be 404, for a non-manager 403. */
  @Test
  public void projectTasksOfUnknownProjectOrForNonManagerFail() {
    assertError(as('A').get("/projects/{n}/tasks", unique("noSuchProject")), 404);
    assertError(as('C').get("/projects/{n}/tasks", "Test_Project"), 403);
  }

  // --- PATCH /projects/:name/incrementEachTasksInstances ----------------------------------------

  /** incrementEachTasksInstances without delta MUST add one open instance to every task. */
  @Test
  public void incrementWithoutDeltaAddsOne() {
    String name = createProject();
    List<String> tasks = createTaskIds(name, 1, 2, 5);
    List<JsonNode> before = new ArrayList<>();
    for (String t : tasks) {
      before.add(task(t).path("status"));
    }
    ok(increment('A', name, null));
    int[] expected = {2, 3, 6};
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode s = task(tasks.get(i)).path("status");
      assertEquals(s.path("open").asInt(), expected[i], "task " + i + " " + s);
      assertEquals(s.path("active"), before.get(i).path("active"), "active of task " + i);
      assertEquals(s.path("finished"), before.get(i).path("finished"), "finished of task " + i);
    }
  }

  /** incrementEachTasksInstances?delta=5 MUST add five open instances to every task. */
  @Test
  public void incrementWithDeltaAddsDelta() {
    String name = createProject();
    List<String> tasks = createTaskIds(name, 0, 3);
    ok(increment('A', name, "5"));
    assertEquals(open(tasks.get(0)), 5);
    assertEquals(open(tasks.get(1)), 8);
  }

  /**
   * incrementEachTasksInstances MUST answer the project with a matching numberOfOpenAssignments.
   */
  @Test
  public void incrementAnswersTheProjectWithItsOpenAssignments() {
    String name = createProject();
    String id = getProject('A', name).path("id").asString();
    createTaskIds(name, 1, 2, 3);
    JsonNode p = ok(increment('A', name, "2"));
    assertEquals(p.path("id").asString(), id);
    assertEquals(p.path("name").asString(), name);
    assertTrue(p.path("numberOfOpenAssignments").isIntegralNumber(), "answer " + p);
    assertEquals(p.path("numberOfOpenAssignments").asLong(), 12);
    assertEquals(openAssignments(name), 12);
  }

  /** incrementEachTasksInstances MUST NOT change tasks of other projects. */
  @Test
  public void incrementLeavesOtherProjectsAlone() {
    String name = createProject();
    createTaskIds(name, 1);
    String other = createProject();
    String otherTask = createTaskIds(other, 4).get(0);
    ok(increment('A', name, "3"));
    assertEquals(open(otherTask), 4);
  }

  @DataProvider
  public Object[][] badDeltas() {
    return new Object[][] {{"-1"}, {"abc"}, {"1.5"}, {""}};
  }

  /** incrementEachTasksInstances with a negative or non-integer delta MUST be 400, no change. */
  @Test(dataProvider = "badDeltas")
  public void incrementWithABadDeltaIsRefused(String delta) {
    String name = createProject();
    String t = createTaskIds(name, 2).get(0);
    assertError(increment('A', name, delta), 400);
    assertEquals(open(t), 2);
  }

  /** incrementEachTasksInstances of an unknown project MUST give 404. */
  @Test
  public void incrementOfAnUnknownProjectIs404() {
    assertError(increment('A', unique("noSuchProject"), "1"), 404);
  }

  // --- PATCH /projects/:name/pause, /resume -----------------------------------------------------

  /** pause MUST set paused to true, in the answer and on later reads. */
  @Test
  public void pauseSetsPaused() {
    String name = createProject();
    JsonNode p = ok(as('A').patch("/projects/{n}/pause", name));
    assertTrue(p.path("paused").isBoolean() && p.path("paused").asBoolean(), "answer " + p);
    assertEquals(p.path("name").asString(), name);
    assertTrue(getProject('A', name).path("paused").asBoolean());
  }

  /** resume MUST set paused to false, in the answer and on later reads. */
  @Test
  public void resumeClearsPaused() {
    String name = createProject();
    ok(as('A').patch("/projects/{n}/pause", name));
    JsonNode p = ok(as('A').patch("/projects/{n}/resume", name));
    assertTrue(p.path("paused").isBoolean() && !p.path("paused").asBoolean(), "answer " + p);
    assertFalse(getProject('A', name).path("paused").asBoolean());
  }

  /** The tasks of a paused project MUST NOT be handed out; after resume they MUST be again. */
  @Test
  public void pausedProjectsTasksAreNotHandedOut() {
    String fallback = topProject();
    String fallbackTask = createTaskIds(fallback, 1).get(0);
    String paused = topProject();
    String pausedTask = createTaskIds(paused, 1).get(0);
    ok(as('A').patch("/projects/{n}/pause", paused));

    JsonNode got = requestTaskAnnotation('C');
    assertEquals(got.path("task").path("id").asString(), fallbackTask, "handed out " + got);
    assertEquals(open(pausedTask), 1);

    ok(as('A').patch("/projects/{n}/resume", paused));
    JsonNode again = requestTaskAnnotation('C');
    assertEquals(again.path("task").path("id").asString(), pausedTask, "handed out " + again);
    assertEquals(open(pausedTask), 0);
  }

  /** pause and resume by a non-manager MUST be 403; of an unknown project 404. */
  @Test
  public void pauseAndResumeByANonManagerOrOfAnUnknownProjectFail() {
    String name = createProject();
    assertError(as('C').patch("/projects/{n}/pause", name), 403);
    assertFalse(getProject('A', name).path("paused").asBoolean());
    ok(as('A').patch("/projects/{n}/pause", name));
    assertError(as('C').patch("/projects/{n}/resume", name), 403);
    assertTrue(getProject('A', name).path("paused").asBoolean());
    assertError(as('A').patch("/projects/{n}/pause", unique("noSuchProject")), 404);
    assertError(as('A').patch("/projects/{n}/resume", unique("noSuchProject")), 404);
  }

  /** The project routes MUST require a login (401 without a token). */
  @Test
  public void projectRoutesRequireALogin() {
    assertError(anonymous().get("/projects"), 401);
    assertError(anonymous().get("/projects/assignments"), 401);
    assertError(anonymous().get("/projects/{n}", "Test_Project"), 401);
  }
}
