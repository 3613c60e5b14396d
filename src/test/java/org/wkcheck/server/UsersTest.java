package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.server.world.SeedWorld.USER_A;
import static org.wkcheck.server.world.SeedWorld.USER_B;
import static org.wkcheck.server.world.SeedWorld.USER_C;
import static org.wkcheck.server.world.SeedWorld.USER_D;
import static org.wkcheck.server.world.SeedWorld.USER_E;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/** The user routes: list with filters, oneself, one user, and their annotations. */
public class UsersTest extends ServerTestBase {

  private static Set<String> ids(JsonNode list) {
    return new HashSet<>(strings(list, "id"));
  }

  /** GET /users MUST list exactly the users the caller may read. */
  @Test
  public void listHoldsTheUsersTheCallerMayRead() {
    assertEquals(ids(ok(as('A').get("/users"))), Set.of(USER_A, USER_B, USER_C, USER_D));
    assertEquals(ids(ok(as('B').get("/users"))), Set.of(USER_A, USER_B, USER_C));
    assertEquals(ids(ok(as('C').get("/users"))), Set.of(USER_C));
    assertEquals(ids(ok(as('D').get("/users"))), Set.of(USER_D));
    assertEquals(ids(ok(as('E').get("/users"))), Set.of(USER_E));
  }

  /** Every listed user MUST include team memberships and experiences. */
  @Test
  public void listedUsersCarryTeamsAndExperiences() {
    for (JsonNode u : ok(as('A').get("/users"))) {
      assertTrue(u.path("teams").isArray(), u.toString());
      assertTrue(u.path("experiences").isObject(), u.toString());
      for (JsonNode t : u.path("teams")) {
        assertTrue(t.path("id").isString() && t.path("name").isString(), t.toString());
        assertTrue(t.path("isTeamManager").isBoolean(), t.toString());
      }
    }
  }

  /** isAdmin=true MUST list only admins, false only non-admins; together the full list. */
  @Test
  public void isAdminPartitionsTheList() {
    JsonNode all = ok(as('A').get("/users"));
    JsonNode admins = ok(as('A').queryParam("isAdmin", "true").get("/users"));
    JsonNode others = ok(as('A').queryParam("isAdmin", "false").get("/users"));
    admins.forEach(u -> assertTrue(u.path("isAdmin").asBoolean(), u.toString()));
    others.forEach(u -> assertFalse(u.path("isAdmin").asBoolean(), u.toString()));
    assertEquals(ids(admins), Set.of(USER_A));
    Set<String> union = ids(admins);
    union.addAll(ids(others));
    assertEquals(union, ids(all));
    assertEquals(admins.size() + others.size(), all.size());
  }

  /** isEditable=true and false MUST partition the list by whether memberships can be changed. */
  @Test
  public void isEditablePartitionsTheList() {
    for (char viewer : new char[] {'A', 'B', 'C'}) {
      JsonNode all = ok(as(viewer).get("/users"));
      JsonNode editable = ok(as(viewer).queryParam("isEditable", "true").get("/users"));
      JsonNode fixed = ok(as(viewer).queryParam("isEditable", "false").get("/users"));
      editable.forEach(u -> assertTrue(u.path("isEditable").asBoolean(), u.toString()));
      fixed.forEach(u -> assertFalse(u.path("isEditable").asBoolean(), u.toString()));
      Set<String> union = ids(editable);
      union.addAll(ids(fixed));
      assertEquals(union, ids(all), "viewer " + viewer);
      assertEquals(editable.size() + fixed.size(), all.size(), "viewer " + viewer);
    }
    // user_B manages team_X1, whose members are A, B and C; user_C manages nothing
    assertEquals(
        ids(ok(as('B').queryParam("isEditable", "true").get("/users"))),
        Set.of(USER_A, USER_B, USER_C));
    assertEquals(ids(ok(as('C').queryParam("isEditable", "true").get("/users"))), Set.of());
  }

  /** A filter value other than true or false MUST be refused with 400. */
  @Test
  public void malformedBooleanFiltersAre400() {
    assertError(as('A').queryParam("isAdmin", "yes").get("/users"), 400);
    assertError(as('A').queryParam("isEditable", "1").get("/users"), 400);
  }

  /** GET /user MUST describe the caller, with team memberships and experiences. */
  @Test
  public void userIsTheCaller() {
    JsonNode me = ok(as('A').get("/user"));
    assertEquals(me.path("id").asString(), USER_A);
    assertEquals(me.path("firstName").asString(), "user_A");
    assertEquals(me.path("organization").asString(), "Organization_X");
    assertEquals(me.path("experiences").path("abc").asInt(), 5);
    assertEquals(
        strings(me.path("teams"), "id"),
        List.of(SeedWorld.TEAM_X1, SeedWorld.TEAM_X3, SeedWorld.TEAM_X4));
    assertEquals(ok(as('E').get("/user")).path("id").asString(), USER_E);
  }

  /** GET /users/:id MUST describe a readable user; others are 404, malformed ids 400. */
  @Test
  public void userById() {
    JsonNode b = ok(as('A').get("/users/" + USER_B));
    assertEquals(b.path("id").asString(), USER_B);
    assertTrue(b.path("teams").isArray());
    assertEquals(ok(as('C').get("/users/" + USER_C)).path("id").asString(), USER_C);
    assertError(as('E').get("/users/" + USER_A), 404);
    assertError(as('C').get("/users/" + USER_D), 404);
    assertError(as('A').get("/users/ffffffffffffffffffffffff"), 404);
    assertError(as('A').get("/users/not-an-id"), 400);
  }

  /**
   * GET /user/tasks MUST list the caller's task annotations with their task, never cancelled ones.
   */
  @Test
  public void ownTaskAnnotationsCarryTheirTask() {
    JsonNode list = ok(as('A').get("/user/tasks"));
    Set<String> ids = ids(list);
    assertEquals(
        ids,
        Set.of(
            SeedWorld.TASK_ANNOTATION_1, SeedWorld.TASK_ANNOTATION_2, SeedWorld.TASK_ANNOTATION_3));
    for (JsonNode a : list) {
      assertEquals(a.path("typ").asString(), "Task");
      assertTrue(a.path("task").path("id").isString(), "task embedded: " + a);
      assertTrue(a.path("task").path("type").isObject(), "task type embedded: " + a);
    }
    assertEquals(ok(as('C').get("/user/tasks")).size(), 0);
  }

  /** isFinished MUST select finished or unfinished task annotations; limit MUST cut the list. */
  @Test
  public void ownTaskAnnotationsFilterAndLimit() {
    JsonNode annotation = taskAnnotationInFreshProject();
    String id = annotation.path("id").asString();
    ok(as('A').patch("/annotations/Task/" + id + "/finish"));
    JsonNode finished = ok(as('A').queryParam("isFinished", "true").get("/user/tasks"));
    JsonNode open = ok(as('A').queryParam("isFinished", "false").get("/user/tasks"));
    JsonNode all = ok(as('A').get("/user/tasks"));
    assertTrue(ids(finished).contains(id));
    assertFalse(ids(open).contains(id));
    finished.forEach(a -> assertEquals(a.path("state").asString(), "Finished"));
    open.forEach(a -> assertFalse(a.path("state").asString().equals("Finished")));
    assertEquals(finished.size() + open.size(), all.size());
    assertEquals(ok(as('A').queryParam("limit", "2").get("/user/tasks")).size(), 2);
    assertEquals(ok(as('A').queryParam("limit", "0").get("/user/tasks")).size(), 0);
    List<String> firstTwo = new ArrayList<>(strings(all, "id").subList(0, 2));
    assertEquals(strings(ok(as('A').queryParam("limit", "2").get("/user/tasks")), "id"), firstTwo);
    assertError(as('A').queryParam("limit", "two").get("/user/tasks"), 400);
    assertError(as('A').queryParam("limit", "-1").get("/user/tasks"), 400);
  }

  /** limit MUST default to 1000. */
  @Test
  public void limitDefaultsTo1000() throws Exception {
    // user_A has 4 seeded explorationals; 1001 copies of the small hybrid one make 1005.
    HttpClient http = HttpClient.newHttpClient();
    URI duplicate =
        URI.create(
            server.baseUrl()
                + "/api/annotations/Explorational/"
                + SeedWorld.EXPLORATIONAL_VOLUME
                + "/duplicate");
    for (int i = 0; i < 1001; i++) {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(duplicate)
                  .header("X-Auth-Token", SeedWorld.token('A'))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertEquals(r.statusCode(), 200);
    }
    JsonNode all = ok(as('A').get("/user/annotations"));
    assertEquals(all.size(), 1000, "default limit");
    assertEquals(ok(as('A').queryParam("limit", "1005").get("/user/annotations")).size(), 1005);
  }

  /** GET /user/annotations MUST list the caller's explorational annotations only. */
  @Test
  public void ownExplorationalAnnotations() {
    JsonNode list = ok(as('A').queryParam("limit", "4").get("/user/annotations"));
    assertEquals(list.size(), 4);
    for (JsonNode a : list) {
      assertEquals(a.path("typ").asString(), "Explorational");
      assertEquals(a.path("owner").path("id").asString(), USER_A);
    }
    assertEquals(ok(as('D').get("/user/annotations")).size(), 0);
  }

  /** isFinished on explorationals MUST mean archived (finished) or not. */
  @Test
  public void explorationalFinishedFilter() {
    JsonNode copy =
        ok(
            as('B')
                .post(
                    "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_VOLUME + "/duplicate"));
    String id = copy.path("id").asString();
    assertEquals(
        ids(ok(as('B').queryParam("isFinished", "false").get("/user/annotations"))), Set.of(id));
    ok(as('B').patch("/annotations/Explorational/" + id + "/finish"));
    assertEquals(
        ids(ok(as('B').queryParam("isFinished", "true").get("/user/annotations"))), Set.of(id));
    assertEquals(ok(as('B').queryParam("isFinished", "false").get("/user/annotations")).size(), 0);
  }

  /** The annotation lists of another user MUST follow the same rules and that user's visibility. */
  @Test
  public void annotationsOfAnotherUser() {
    assertEquals(
        ids(ok(as('B').get("/users/" + USER_A + "/tasks"))), ids(ok(as('A').get("/user/tasks"))));
    JsonNode explorationals =
        ok(as('B').queryParam("limit", "3").get("/users/" + USER_A + "/annotations"));
    assertEquals(explorationals.size(), 3);
    explorationals.forEach(a -> assertEquals(a.path("owner").path("id").asString(), USER_A));
    assertError(as('E').get("/users/" + USER_A + "/tasks"), 404);
    assertError(as('E').get("/users/" + USER_A + "/annotations"), 404);
    assertError(as('A').get("/users/nope/tasks"), 400);
  }
}
