package org.wkcheck.conformance.suite;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.contract.Route;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every route that takes it: malformed JSON, the wrong kind of JSON value, a wrong
 * field type, a wrong query parameter type, an unknown or malformed id. Each MUST be refused with a
 * 4xx (never a 5xx) and change nothing; the suite's own objects are compared before and after.
 */
public class BadInputConformance extends ConformanceTest {
  private static final String UNKNOWN_ID = "0123456789abcdef0123456f";
  private RouteRequests requests;

  @BeforeClass
  public void createTargets() {
    requests = new RouteRequests(target, fixtures);
  }

  private Response send(String routeId, String body) {
    Route r = RouteRequests.route(routeId);
    return api.as(Role.ADMIN)
        .contentType("application/json")
        .body(body)
        .request(r.method(), requests.path(r));
  }

  @DataProvider
  public Object[][] jsonRoutes() {
    return new Object[][] {
      {"POST /tasks", "{\"not\":\"a list\"}"},
      {"PUT /tasks/:id", "[]"},
      {"POST /tasks/list", "[]"},
      {"POST /projects", "[]"},
      {"PUT /projects/:name", "[]"},
      {"PATCH /annotations/:typ/:id/edit", "[]"},
    };
  }

  /**
   * A body that is not JSON, or not the documented kind of JSON value, MUST be refused with a 4xx
   * and change nothing.
   */
  @Test(dataProvider = "jsonRoutes")
  @Requirement("general.body.malformed-json-refused")
  public void malformedJsonIsRefused(String routeId, String wrongKind) {
    JsonNode before = requests.state(api);
    for (String body : List.of("{\"name\": ", "not json at all", wrongKind)) {
      Checks.refused(send(routeId, body));
    }
    requests.unchangedSince(before, api, "Nothing changed by refused requests");
  }

  /**
   * createFromFiles with a formJSON that is not JSON MUST be refused with a 4xx and create nothing.
   */
  @Test
  @Requirement("general.body.malformed-json-refused")
  public void malformedFormJsonIsRefused() {
    JsonNode before = requests.state(api);
    Response r =
        api.as(Role.ADMIN)
            .multiPart("formJSON", "{\"taskTypeId\": ", "application/json")
            .multiPart(
                "nmlFile",
                fixtures.name("bad") + ".nml",
                org.wkcheck.nml.NmlWriter.toBytes(fixtures.nml(List.of())),
                "application/xml")
            .post("/tasks/createFromFiles");
    Checks.refused(r);
    requests.unchangedSince(before, api, "Nothing changed by a refused request");
  }

  /**
   * A documented field of the wrong type MUST be refused with a 4xx and not applied; on POST /tasks
   * the refusal may instead be a failure entry in a 200 answer, with no task created.
   */
  @Test
  @Requirement("general.body.wrong-type-refused")
  public void wrongFieldTypesAreRefused() {
    JsonNode before = requests.state(api);
    String project = requests.objects().projectName();
    Checks.refused(
        send(
            "PUT /projects/:name",
            fixtures.projectBody(project, 1).put("priority", "high").toString()));
    Checks.refused(
        send(
            "PUT /projects/:name",
            fixtures.projectBody(project, 1).put("paused", "no").toString()));
    Checks.refused(
        send(
            "PUT /tasks/:id",
            fixtures.taskParameters(project, 1).put("openInstances", "3").toString()));
    Checks.refused(send("PATCH /annotations/:typ/:id/edit", "{\"name\":5}"));
    Checks.refused(send("PATCH /annotations/:typ/:id/edit", "{\"tags\":\"not a list\"}"));
    Checks.refused(send("PATCH /annotations/:typ/:id/edit", "{\"isPublic\":\"yes\"}"));
    Checks.refused(send("POST /tasks/list", "{\"ids\":\"not a list\"}"));
    String name = fixtures.name("typed");
    Checks.refused(
        send("POST /projects", fixtures.projectBody(name, 1).put("priority", "high").toString()));
    Checks.refused(api.as(Role.ADMIN).get("/projects/" + name));
    Response tasks =
        send(
            "POST /tasks",
            "[" + fixtures.taskParameters(project, 1).put("openInstances", "3") + "]");
    if (tasks.statusCode() == 200) {
      JsonNode entry = Checks.json(tasks).path("tasks").path(0);
      Checks.that(
          entry.path("status").asInt() >= 400,
          "The mistyped task is reported as failed",
          "a failure entry",
          entry);
    } else {
      Checks.refused(tasks);
    }
    requests.unchangedSince(before, api, "Nothing changed by refused requests");
  }

  @DataProvider
  public Object[][] queries() {
    String user = requests == null ? "" : requests.objects().userId();
    return new Object[][] {
      {"/users?isAdmin=2"},
      {"/users?isEditable=maybe"},
      {"/user/tasks?isFinished=maybe"},
      {"/user/tasks?limit=abc"},
      {"/user/annotations?limit=1.5"},
      {"/users/" + user + "/tasks?limit=abc"},
      {"/users/" + user + "/annotations?isFinished=yes"},
      {"/datasets?isActive=yes"},
    };
  }

  /** A query parameter of the wrong documented type MUST be refused with a 4xx. */
  @Test(dataProvider = "queries")
  @Requirement("general.query.wrong-type-refused")
  public void wrongQueryTypesAreRefused(String pathAndQuery) {
    Checks.refused(api.as(Role.ADMIN).get(pathAndQuery));
  }

  /**
   * incrementEachTasksInstances with a delta that is not an integer MUST be refused and change
   * nothing.
   */
  @Test
  @Requirement("general.query.wrong-type-refused")
  public void wrongDeltaIsRefused() {
    JsonNode before = requests.state(api);
    Checks.refused(
        api.as(Role.ADMIN)
            .patch(
                "/projects/"
                    + requests.objects().projectName()
                    + "/incrementEachTasksInstances?delta=abc"));
    requests.unchangedSince(before, api, "Nothing changed by a refused request");
  }

  @DataProvider
  public Object[][] idRoutes() {
    List<Object[]> out = new ArrayList<>();
    for (Route r : RouteRequests.routes()) {
      if (r.path().contains(":id")
          || r.path().contains(":name")
          || r.path().contains(":dataSetName")) {
        out.add(new Object[] {r.id()});
      }
    }
    return out.toArray(new Object[0][]);
  }

  /**
   * A path naming something that does not exist (a well-formed unknown id or name, or a malformed
   * id) MUST be refused with a 4xx, never a 5xx, and change nothing.
   */
  @Test(dataProvider = "idRoutes")
  @Requirement("general.path.unknown-id-refused")
  public void unknownAndMalformedIdsAreRefused(String routeId) {
    Route r = RouteRequests.route(routeId);
    JsonNode before = requests.state(api);
    String path = requests.path(r);
    for (String replacement : List.of(UNKNOWN_ID, "not-an-id")) {
      String wrong =
          path.replace(requests.objects().taskId(), replacement)
              .replace(requests.objects().explorationalId(), replacement)
              .replace(requests.objects().userId(), replacement)
              .replace(
                  "/" + requests.objects().projectName(),
                  "/" + fixtures.name("missing") + "_" + replacement)
              .replace("/" + world.dataset(), "/" + "missing_" + replacement);
      Response res = requests.withBody(r, api.as(Role.ADMIN)).request(r.method(), wrong);
      Checks.refused(res);
    }
    requests.unchangedSince(before, api, "Nothing changed by refused requests");
  }

  /**
   * Error answers SHOULD carry their message in webKnossos' envelope {"messages":[{"error":"..."}]}
   * (its wording is never checked): an unknown task, a malformed body, a missing token.
   */
  @Test
  @Requirement("general.errors.message-envelope")
  public void errorsCarryTheMessageEnvelope() {
    Checks.errorEnvelope(api.as(Role.ADMIN).get("/tasks/" + UNKNOWN_ID));
    Checks.errorEnvelope(send("POST /projects", "{\"name\": "));
    Checks.errorEnvelope(api.anonymous().get("/user"));
  }
}
