package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.api.AllRoutes;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.http.Router.Route;
import org.wkcheck.server.world.SeedWorld;
import tools.jackson.databind.JsonNode;

/**
 * Authentication on every documented route: routes that need a login answer 401 with the envelope
 * to callers without a valid {@code X-Auth-Token}, under {@code /api} and every {@code /api/vN};
 * routes with optional authentication serve anonymous callers only public things, and treat an
 * unknown token like none. Driven by {@link ReferenceServer#documentedRoutes()}.
 */
public class AuthTest extends ServerTestBase {
  private static final String UNKNOWN_TOKEN =
      "0000000000000000000000000000000000000000000000000000000000000000unknown";

  /** The 37 documented routes (method and path template below /api), from the API document. */
  private static final Set<String> DOCUMENTED =
      Set.of(
          "GET /buildinfo",
          "GET /users",
          "GET /user",
          "GET /user/tasks",
          "GET /user/annotations",
          "GET /users/{id}",
          "GET /users/{id}/tasks",
          "GET /users/{id}/annotations",
          "GET /teams",
          "GET /datasets",
          "GET /datasets/{organizationName}/{dataSetName}",
          "GET /annotations/{typ}/{id}/info",
          "GET /annotations/{typ}/{id}/download",
          "POST /annotations/upload",
          "POST /annotations/{typ}/{id}/duplicate",
          "PATCH /annotations/{typ}/{id}/edit",
          "PATCH /annotations/{typ}/{id}/finish",
          "PATCH /annotations/{typ}/{id}/reopen",
          "PUT /annotations/Task/{id}/reset",
          "POST /annotations/{typ}/{id}/merge/{mergedTyp}/{mergedId}",
          "POST /tasks",
          "POST /tasks/createFromFiles",
          "POST /tasks/list",
          "GET /tasks/{id}",
          "DELETE /tasks/{id}",
          "PUT /tasks/{id}",
          "GET /tasks/{id}/annotations",
          "GET /projects",
          "GET /projects/assignments",
          "POST /projects",
          "GET /projects/{name}",
          "DELETE /projects/{name}",
          "PUT /projects/{name}",
          "GET /projects/{name}/tasks",
          "PATCH /projects/{name}/incrementEachTasksInstances",
          "PATCH /projects/{name}/pause",
          "PATCH /projects/{name}/resume");

  /**
   * The routes the real server runs as user-aware actions (facts file section 1.3): everything else
   * is a secured action.
   */
  private static final Set<String> WITHOUT_LOGIN =
      Set.of(
          "GET /buildinfo",
          "GET /datasets",
          "GET /datasets/{organizationName}/{dataSetName}",
          "GET /annotations/{typ}/{id}/info",
          "GET /annotations/{typ}/{id}/download");

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

  private static String key(Route r) {
    return r.method() + " " + r.path();
  }

  /**
   * The route's path with well-formed values for its parameters: seeded objects that exist, public
   * ones where there is a choice.
   */
  static String fill(Route r) {
    String path = r.path();
    boolean reset = path.endsWith("/reset");
    Map<String, String> values =
        Map.of(
            "typ", reset ? "Task" : "Explorational",
            "mergedTyp", "Explorational",
            "mergedId", SeedWorld.EXPLORATIONAL_2,
            "name", "Test_Project",
            "organizationName", "Organization_X",
            "dataSetName", "l4_sample");
    Matcher m = PARAM.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String p = m.group(1);
      String v;
      if (p.equals("id")) {
        if (path.startsWith("/users/")) {
          v = SeedWorld.USER_A;
        } else if (path.startsWith("/tasks/")) {
          v = SeedWorld.TASK_1;
        } else if (path.startsWith("/annotations/")) {
          v = reset ? SeedWorld.TASK_ANNOTATION_1 : SeedWorld.EXPLORATIONAL_PUBLIC;
        } else {
          throw new AssertionError("no value for {id} in " + path);
        }
      } else {
        v = values.get(p);
        if (v == null) {
          throw new AssertionError("no value for {" + p + "} in " + path);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Response send(RequestSpecification spec, Route r, String prefix) {
    return spec.request(Method.valueOf(r.method()), prefix + fill(r));
  }

  private List<Route> routes(Auth auth) {
    return server.documentedRoutes().stream().filter(r -> r.auth() == auth).toList();
  }

  private static List<String> prefixes() {
    List<String> out = new ArrayList<>();
    out.add("");
    for (int v = AllRoutes.OLDEST_API_VERSION; v <= AllRoutes.CURRENT_API_VERSION; v++) {
      out.add("/v" + v);
    }
    return out;
  }

  // --- the route list ---------------------------------------------------------------------------

  /** The server MUST list exactly the 37 documented routes, each once. */
  @Test
  public void theRouteListHasExactlyTheThirtySevenDocumentedRoutes() {
    List<Route> routes = server.documentedRoutes();
    assertEquals(routes.size(), 37, "documented routes: " + routes);
    Set<String> keys = new TreeSet<>();
    for (Route r : routes) {
      assertTrue(keys.add(key(r)), "route listed twice: " + key(r));
    }
    assertEquals(keys, new TreeSet<>(DOCUMENTED));
  }

  /**
   * Every documented route except buildinfo, the dataset list and read, and annotation info and
   * download MUST require a login.
   */
  @Test
  public void onlyTheUserAwareRoutesGoWithoutLogin() {
    for (Route r : server.documentedRoutes()) {
      if (WITHOUT_LOGIN.contains(key(r))) {
        assertNotEquals(r.auth(), Auth.REQUIRED, key(r));
      } else {
        assertEquals(r.auth(), Auth.REQUIRED, key(r));
      }
    }
    assertTrue(
        routes(Auth.OPTIONAL).stream()
            .map(AuthTest::key)
            .toList()
            .containsAll(
                List.of(
                    "GET /datasets",
                    "GET /datasets/{organizationName}/{dataSetName}",
                    "GET /annotations/{typ}/{id}/info",
                    "GET /annotations/{typ}/{id}/download")),
        "the dataset and annotation read routes MUST take an optional login");
  }

  // --- routes that require a login --------------------------------------------------------------

  @DataProvider
  public Object[][] prefixesProvider() {
    return prefixes().stream().map(p -> new Object[] {p}).toArray(Object[][]::new);
  }

  /** Every route with REQUIRED auth MUST answer 401 with the envelope when no token is sent. */
  @Test(dataProvider = "prefixesProvider")
  public void requiredRoutesAnswer401WithoutToken(String prefix) {
    List<Route> required = routes(Auth.REQUIRED);
    assertEquals(required.size(), 32, "routes that need a login");
    for (Route r : required) {
      Response resp = send(anonymous(), r, prefix);
      assertEnvelope(resp, 401, r, prefix, "no token");
    }
  }

  /** Every route with REQUIRED auth MUST answer 401 with the envelope to an unknown token. */
  @Test(dataProvider = "prefixesProvider")
  public void requiredRoutesAnswer401ForUnknownToken(String prefix) {
    for (Route r : routes(Auth.REQUIRED)) {
      Response resp = send(anonymous().header("X-Auth-Token", UNKNOWN_TOKEN), r, prefix);
      assertEnvelope(resp, 401, r, prefix, "unknown token");
    }
  }

  /** An empty X-Auth-Token header MUST count as no login (401) on routes that require one. */
  @Test
  public void emptyTokenIsNoLogin() {
    for (Route r : routes(Auth.REQUIRED)) {
      assertEnvelope(send(anonymous().header("X-Auth-Token", ""), r, ""), 401, r, "", "empty");
    }
  }

  /**
   * A valid token with one character changed MUST NOT authenticate (401): tokens are compared
   * whole.
   */
  @Test
  public void aTokenWithOneCharacterChangedIsUnknown() {
    String t = SeedWorld.token('A');
    String altered = t.substring(0, t.length() - 1) + (t.endsWith("0") ? "1" : "0");
    assertError(anonymous().header("X-Auth-Token", altered).get("/user"), 401);
    assertError(anonymous().header("X-Auth-Token", t.substring(0, 64)).get("/user"), 401);
    assertError(anonymous().header("X-Auth-Token", t.toUpperCase()).get("/user"), 401);
  }

  /**
   * A token given as the {@code token} query parameter MUST NOT authenticate on /api routes (facts
   * file section 2: only the X-Auth-Token header does).
   */
  @Test
  public void aTokenInTheQueryDoesNotAuthenticate() {
    assertError(anonymous().queryParam("token", SeedWorld.token('A')).get("/user"), 401);
    assertError(anonymous().queryParam("X-Auth-Token", SeedWorld.token('A')).get("/user"), 401);
  }

  /** The header name MUST be matched case-insensitively (HTTP header names are). */
  @Test
  public void theHeaderNameIsCaseInsensitive() {
    JsonNode me = ok(anonymous().header("x-auth-token", SeedWorld.token('A')).get("/user"));
    assertEquals(me.path("id").asString(), SeedWorld.USER_A);
  }

  /** A valid token MUST pass the login check of every route that requires one (no 401). */
  @Test
  public void aValidTokenPassesTheLoginCheckEverywhere() {
    for (Route r : routes(Auth.REQUIRED)) {
      if (r.method().equals("DELETE")) {
        continue; // would delete seeded objects other tests use
      }
      Response resp = send(as('A'), r, "");
      assertNotEquals(resp.statusCode(), 401, key(r) + ": " + resp.asString());
      assertTrue(resp.statusCode() < 500, key(r) + " answered " + resp.statusCode());
    }
  }

  /** Calls without a login MUST change nothing, even on routes that delete or update. */
  @Test
  public void callsWithoutLoginChangeNothing() {
    JsonNode taskBefore = ok(as('A').get("/tasks/" + SeedWorld.TASK_1));
    JsonNode projectBefore = ok(as('A').get("/projects/Test_Project"));
    JsonNode annotationBefore =
        ok(as('A').get("/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/info"));
    int projectsBefore = ok(as('A').get("/projects")).size();
    for (String prefix : List.of("", "/v1")) {
      anonymous().delete(prefix + "/tasks/" + SeedWorld.TASK_1);
      anonymous()
          .contentType("application/json")
          .body("{\"openInstances\":77}")
          .put(prefix + "/tasks/" + SeedWorld.TASK_1);
      anonymous().delete(prefix + "/projects/Test_Project");
      anonymous().patch(prefix + "/projects/Test_Project/pause");
      anonymous().patch(prefix + "/projects/Test_Project/incrementEachTasksInstances?delta=5");
      anonymous()
          .contentType("application/json")
          .body("{\"name\":\"hacked\"}")
          .patch(prefix + "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/edit");
      anonymous()
          .patch(prefix + "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/finish");
      anonymous()
          .header("X-Auth-Token", UNKNOWN_TOKEN)
          .contentType("application/json")
          .body(
              "{\"name\":\"hacked_project\",\"team\":\""
                  + SeedWorld.TEAM_X1
                  + "\",\"priority\":1,\"owner\":\""
                  + SeedWorld.USER_A
                  + "\",\"isBlacklistedFromReport\":false}")
          .post(prefix + "/projects");
    }
    assertEquals(ok(as('A').get("/tasks/" + SeedWorld.TASK_1)), taskBefore);
    assertEquals(ok(as('A').get("/projects/Test_Project")), projectBefore);
    assertEquals(
        ok(as('A').get("/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/info")),
        annotationBefore);
    assertEquals(ok(as('A').get("/projects")).size(), projectsBefore);
  }

  // --- routes with optional login ---------------------------------------------------------------

  /** Every route that does not require a login MUST serve anonymous callers public things (200). */
  @Test(dataProvider = "prefixesProvider")
  public void optionalRoutesServeAnonymousCallers(String prefix) {
    List<Route> open = new ArrayList<>(routes(Auth.OPTIONAL));
    open.addAll(routes(Auth.PUBLIC));
    assertEquals(open.size(), 5, "routes without login: " + open);
    for (Route r : open) {
      Response resp = send(anonymous(), r, prefix);
      assertEquals(resp.statusCode(), 200, prefix + key(r) + ": " + resp.asString());
    }
  }

  /** The dataset list MUST show anonymous callers the public datasets only (l4_sample). */
  @Test
  public void anonymousDatasetListHasOnlyPublicDatasets() {
    JsonNode list = ok(anonymous().get("/datasets"));
    assertEquals(strings(list, "name"), List.of("l4_sample"), list.toString());
    for (JsonNode d : list) {
      assertTrue(d.path("isPublic").asBoolean(false), "not public: " + d);
    }
    // the same with filters: no filter may widen what anonymous callers see
    assertEquals(
        strings(ok(anonymous().queryParam("isActive", "false").get("/datasets")), "name"),
        List.of());
    assertEquals(
        strings(ok(anonymous().queryParam("isEditable", "false").get("/datasets")), "name"),
        List.of("l4_sample"));
    // a logged-in user of the organization sees more
    assertTrue(ok(as('A').get("/datasets")).size() > 1);
  }

  /** Reading a non-public dataset anonymously MUST answer 404 with the envelope. */
  @Test
  public void anonymousReadOfANonPublicDatasetIs404() {
    for (String name : List.of("confocal-multi_knossos", "2012-06-28_Cortex", "rgb")) {
      assertError(anonymous().get("/datasets/Organization_X/" + name), 404);
      // it exists: user_A reads it
      ok(as('A').get("/datasets/Organization_X/" + name));
    }
  }

  /** Reading the public dataset l4_sample anonymously MUST answer 200 with that dataset. */
  @Test
  public void anonymousReadOfThePublicDatasetIs200() {
    JsonNode d = ok(anonymous().get("/datasets/Organization_X/l4_sample"));
    assertEquals(d.path("name").asString(), "l4_sample");
  }

  /** Anonymous info of the public annotation MUST answer 200 with that annotation. */
  @Test
  public void anonymousInfoOfThePublicAnnotationIs200() {
    JsonNode a = publicAnnotationInfoAnonymously();
    assertEquals(a.path("id").asString(), SeedWorld.EXPLORATIONAL_PUBLIC);
    assertEquals(a.path("visibility").asString(), "Public");
  }

  /** Anonymous info of a non-public annotation MUST NOT answer 200 but a 4xx with the envelope. */
  @Test
  public void anonymousInfoOfANonPublicAnnotationIsRefused() {
    for (String[] t :
        new String[][] {
          {"Explorational", SeedWorld.EXPLORATIONAL_1},
          {"Explorational", SeedWorld.EXPLORATIONAL_2},
          {"Explorational", SeedWorld.EXPLORATIONAL_VOLUME},
          {"Task", SeedWorld.TASK_ANNOTATION_1},
          {"CompoundTask", SeedWorld.TASK_1},
          {"CompoundProject", SeedWorld.PROJECT_1},
          {"CompoundTaskType", SeedWorld.TASK_TYPE_1}
        }) {
      for (String route : List.of("info", "download")) {
        Response r = anonymous().get("/annotations/" + t[0] + "/" + t[1] + "/" + route);
        assertClientError(r, t[0] + "/" + t[1] + "/" + route);
      }
    }
  }

  /** An unknown token on a route with optional login MUST be treated exactly like no token. */
  @Test
  public void unknownTokenOnOptionalRoutesIsLikeNoToken() {
    List<String> paths =
        List.of(
            "/datasets",
            "/datasets/Organization_X/l4_sample",
            "/datasets/Organization_X/confocal-multi_knossos",
            "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_PUBLIC + "/info",
            "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_1 + "/info",
            "/annotations/CompoundTask/" + SeedWorld.TASK_1 + "/info");
    for (String p : paths) {
      for (String prefix : prefixes()) {
        Response none = anonymous().get(prefix + p);
        Response unknown = anonymous().header("X-Auth-Token", UNKNOWN_TOKEN).get(prefix + p);
        assertEquals(unknown.statusCode(), none.statusCode(), prefix + p);
        assertTrue(unknown.statusCode() < 500, prefix + p + ": " + unknown.statusCode());
        if (none.statusCode() == 200) {
          assertEquals(json(unknown), json(none), prefix + p);
        } else {
          assertError(unknown, none.statusCode());
        }
      }
    }
    String download = "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_PUBLIC + "/download";
    Response none = anonymous().get(download);
    Response unknown = anonymous().header("X-Auth-Token", UNKNOWN_TOKEN).get(download);
    assertEquals(none.statusCode(), 200, none.asString());
    assertEquals(unknown.statusCode(), 200, unknown.asString());
    assertEquals(unknown.contentType(), none.contentType());
  }

  /**
   * The restrictions of the public annotation MUST deny anonymous callers updates and finishing.
   */
  @Test
  public void anonymousCallersMayNotUpdateThePublicAnnotation() {
    JsonNode a = publicAnnotationInfoAnonymously();
    assertTrue(a.path("restrictions").path("allowAccess").asBoolean(false), a.toString());
    assertFalse(a.path("restrictions").path("allowUpdate").asBoolean(true), a.toString());
    assertFalse(a.path("restrictions").path("allowFinish").asBoolean(true), a.toString());
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static void assertEnvelope(
      Response resp, int status, Route r, String prefix, String how) {
    try {
      assertError(resp, status);
    } catch (AssertionError e) {
      fail(r.method() + " /api" + prefix + fill(r) + " (" + how + "): " + e.getMessage(), e);
    }
  }

  private static void assertClientError(Response r, String what) {
    int s = r.statusCode();
    assertTrue(s >= 400 && s < 500, what + " answered " + s + ": " + r.asString());
    assertError(r, s);
  }

  private JsonNode publicAnnotationInfoAnonymously() {
    return ok(
        anonymous().get("/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_PUBLIC + "/info"));
  }
}
