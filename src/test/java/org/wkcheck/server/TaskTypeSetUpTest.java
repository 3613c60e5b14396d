package org.wkcheck.server;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/**
 * The set-up routes {@code POST /taskTypes} and {@code DELETE /taskTypes/:id} (webKnossos' own, not
 * in the document): the suite makes task types of its own with them, so that a compound of a task
 * type holds only what the suite finished.
 */
public class TaskTypeSetUpTest extends ServerTestBase {

  private String body(String summary, String team) {
    return "{\"summary\":\""
        + summary
        + "\",\"description\":\"d\",\"teamId\":\""
        + team
        + "\",\"tracingType\":\"skeleton\"}";
  }

  private JsonNode create(char user, String team) {
    return ok(
        as(user)
            .contentType("application/json")
            .body(body(unique("type"), team))
            .post("/taskTypes"));
  }

  /** POST /tasks of one task of task type {@code type} in the project, as user_A. */
  private io.restassured.response.Response taskOfType(String project, String type) {
    return as('A')
        .contentType("application/json")
        .body("[" + taskJson(project, 1).replace(SeedWorld.TASK_TYPE_1, type) + "]")
        .post("/tasks");
  }

  /** The server names its set-up routes (serve prints them): exactly webKnossos' four. */
  @Test
  public void theSetUpRoutesAreTheFour() {
    assertEquals(
        server.setUpRoutes().stream().map(r -> r.method() + " " + r.path()).sorted().toList(),
        java.util.List.of(
            "DELETE /annotations/{typ}/{id}",
            "DELETE /taskTypes/{id}",
            "POST /taskTypes",
            "POST /user/tasks/request"));
  }

  @Test
  public void aManagerMakesATaskTypeOfTheTeamTasksCanUse() {
    JsonNode type = create('B', SeedWorld.TEAM_X1);
    assertEquals(type.path("teamId").asString(), SeedWorld.TEAM_X1, "team: " + type);
    assertEquals(type.path("tracingType").asString(), "skeleton", "tracing type: " + type);
    String id = type.path("id").asString();
    JsonNode report = ok(taskOfType(createProject(), id));
    JsonNode task = report.path("tasks").path(0).path("success");
    assertEquals(task.path("type").path("id").asString(), id, "the task's type: " + report);
  }

  @Test
  public void deleteRemovesTheTaskTypeWithItsTasks() {
    String id = create('A', SeedWorld.TEAM_X1).path("id").asString();
    String project = createProject();
    String task =
        ok(taskOfType(project, id)).path("tasks").path(0).path("success").path("id").asString();
    assertError(as('C').delete("/taskTypes/" + id), 403);
    ok(as('A').delete("/taskTypes/" + id));
    assertError(as('A').get("/tasks/" + task), 404);
    assertError(as('A').delete("/taskTypes/" + id), 404);
    assertEquals(
        ok(taskOfType(project, id)).path("tasks").path(0).path("status").asInt(),
        404,
        "a task of the removed type");
  }

  @Test
  public void badRequestsAreRefusedWithTheErrorEnvelope() {
    assertError(
        as('A')
            .contentType("application/json")
            .body(body("", SeedWorld.TEAM_X1))
            .post("/taskTypes"),
        400);
    assertError(
        as('A')
            .contentType("application/json")
            .body(body(unique("t"), SeedWorld.TEAM_X1).replace("skeleton", "cubes"))
            .post("/taskTypes"),
        400);
    assertError(
        as('A')
            .contentType("application/json")
            .body(body(unique("t"), "000000000000000000000000"))
            .post("/taskTypes"),
        404);
    assertError(
        as('E')
            .contentType("application/json")
            .body(body(unique("t"), SeedWorld.TEAM_X1))
            .post("/taskTypes"),
        404);
    assertError(
        as('C')
            .contentType("application/json")
            .body(body(unique("t"), SeedWorld.TEAM_X1))
            .post("/taskTypes"),
        403);
    assertError(as('A').contentType("application/json").body("[1,").post("/taskTypes"), 400);
  }
}
