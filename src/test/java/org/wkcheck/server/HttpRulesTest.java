package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.api.AllRoutes;
import org.wkcheck.server.http.Router.Route;
import org.wkcheck.server.world.SeedWorld;

/**
 * Where the document is silent, the reference server follows HTTP (RFC 9110): every 405 carries an
 * {@code Allow} header naming the methods of the path (section 15.5.6); a path that names no
 * resource is a 404, never a 405 (so the set-up route {@code DELETE /annotations/:typ/:id} does not
 * make {@code GET /annotations/:id/info} a 405); {@code HEAD} answers as {@code GET} without the
 * body (section 9.3.2); {@code OPTIONS} answers 204 with {@code Allow} on an existing path and 404
 * elsewhere (section 9.3.7). Every refusal keeps the documented envelope and none is a 5xx. All of
 * it under {@code /api} and every {@code /api/vN}.
 */
public class HttpRulesTest extends ServerTestBase {
  /** The methods the sweeps send; OPTIONS is checked on its own. */
  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

  /**
   * What {@code Allow} must say for each documented path template, read from the document: the
   * methods of every documented route whose template the filled path fits (plus HEAD with GET, and
   * OPTIONS). {@code /projects/assignments} also fits {@code /projects/:name}, whose PUT and DELETE
   * the document gives without reserving any project name.
   */
  private static final Map<String, String> ALLOW =
      Map.ofEntries(
          Map.entry("/buildinfo", "GET, HEAD, OPTIONS"),
          Map.entry("/users", "GET, HEAD, OPTIONS"),
          Map.entry("/user", "GET, HEAD, OPTIONS"),
          Map.entry("/user/tasks", "GET, HEAD, OPTIONS"),
          Map.entry("/user/annotations", "GET, HEAD, OPTIONS"),
          Map.entry("/users/{id}", "GET, HEAD, OPTIONS"),
          Map.entry("/users/{id}/tasks", "GET, HEAD, OPTIONS"),
          Map.entry("/users/{id}/annotations", "GET, HEAD, OPTIONS"),
          Map.entry("/teams", "GET, HEAD, OPTIONS"),
          Map.entry("/datasets", "GET, HEAD, OPTIONS"),
          Map.entry("/datasets/{organizationName}/{dataSetName}", "GET, HEAD, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/info", "GET, HEAD, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/download", "GET, HEAD, OPTIONS"),
          Map.entry("/annotations/upload", "POST, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/duplicate", "POST, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/edit", "PATCH, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/finish", "PATCH, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/reopen", "PATCH, OPTIONS"),
          Map.entry("/annotations/Task/{id}/reset", "PUT, OPTIONS"),
          Map.entry("/annotations/{typ}/{id}/merge/{mergedTyp}/{mergedId}", "POST, OPTIONS"),
          Map.entry("/tasks", "POST, OPTIONS"),
          Map.entry("/tasks/createFromFiles", "POST, OPTIONS"),
          Map.entry("/tasks/list", "POST, OPTIONS"),
          Map.entry("/tasks/{id}", "GET, HEAD, PUT, DELETE, OPTIONS"),
          Map.entry("/tasks/{id}/annotations", "GET, HEAD, OPTIONS"),
          Map.entry("/projects", "GET, HEAD, POST, OPTIONS"),
          Map.entry("/projects/assignments", "GET, HEAD, PUT, DELETE, OPTIONS"),
          Map.entry("/projects/{name}", "GET, HEAD, PUT, DELETE, OPTIONS"),
          Map.entry("/projects/{name}/tasks", "GET, HEAD, OPTIONS"),
          Map.entry("/projects/{name}/incrementEachTasksInstances", "PATCH, OPTIONS"),
          Map.entry("/projects/{name}/pause", "PATCH, OPTIONS"),
          Map.entry("/projects/{name}/resume", "PATCH, OPTIONS"));

  @DataProvider
  public Object[][] prefixes() {
    List<Object[]> out = new ArrayList<>();
    out.add(new Object[] {""});
    for (int v = AllRoutes.OLDEST_API_VERSION; v <= AllRoutes.CURRENT_API_VERSION; v++) {
      out.add(new Object[] {"/v" + v});
    }
    return out.toArray(Object[][]::new);
  }

  /** The unversioned API, the oldest and the current version: enough for the heavier sweeps. */
  @DataProvider
  public Object[][] somePrefixes() {
    return new Object[][] {
      {""}, {"/v" + AllRoutes.OLDEST_API_VERSION}, {"/v" + AllRoutes.CURRENT_API_VERSION}
    };
  }

  // --- 405 and Allow ----------------------------------------------------------------------------

  /** The table above MUST name exactly the documented path templates. */
  @Test
  public void theAllowTableCoversEveryDocumentedPath() {
    TreeSet<String> paths = new TreeSet<>();
    server.documentedRoutes().forEach(r -> paths.add(r.path()));
    assertEquals(paths, new TreeSet<>(ALLOW.keySet()));
  }

  /**
   * On every documented path, OPTIONS MUST answer 204 with {@code Allow} as the document gives the
   * path's methods, and every other method MUST answer 405 with that same {@code Allow} and (but
   * for HEAD, which has no body) the documented envelope.
   */
  @Test(dataProvider = "prefixes")
  public void everyOtherMethodOnADocumentedPathIs405WithAllow(String prefix) {
    for (Route r : server.documentedRoutes()) {
      String path = prefix + AuthTest.fill(r);
      String allow = ALLOW.get(r.path());
      Response options = as('A').request("OPTIONS", path);
      assertEquals(options.statusCode(), 204, "OPTIONS /api" + path + ": " + options.asString());
      assertEquals(options.header("Allow"), allow, "Allow of OPTIONS /api" + path);
      assertTrue(allow.contains(r.method()), r + " is not in " + allow);
      for (String method : METHODS) {
        if (!List.of(allow.split(", ")).contains(method)) {
          assertMethodNotAllowed(as('A').request(method, path), method, path, allow);
        }
      }
    }
  }

  /**
   * The set-up routes' paths MUST answer like the documented ones: 405 with {@code Allow} for the
   * methods they do not have, OPTIONS with their own.
   */
  @Test(dataProvider = "prefixes")
  public void theSetUpRoutesPathsAnswer405WithTheirAllow(String prefix) {
    String annotation = prefix + "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_PUBLIC;
    String request = prefix + "/user/tasks/request";
    for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH")) {
      assertMethodNotAllowed(
          as('A').request(method, annotation), method, annotation, "DELETE, OPTIONS");
    }
    for (String method : List.of("GET", "HEAD", "PUT", "PATCH", "DELETE")) {
      assertMethodNotAllowed(as('A').request(method, request), method, request, "POST, OPTIONS");
    }
    assertEquals(anonymous().request("OPTIONS", annotation).header("Allow"), "DELETE, OPTIONS");
    assertEquals(anonymous().request("OPTIONS", request).header("Allow"), "POST, OPTIONS");
  }

  /**
   * A path that is a literal route of one method and fits only the shape of another route (with a
   * malformed id) MUST be a 405 naming the literal route's methods, not that route's 400: {@code
   * GET /tasks/list} is the resource of {@code POST /tasks/list}, not a task id.
   */
  @Test(dataProvider = "prefixes")
  public void aLiteralPathIsNotReadAsAMalformedId(String prefix) {
    for (String method : List.of("GET", "HEAD", "PUT", "DELETE")) {
      assertMethodNotAllowed(
          as('A').request(method, prefix + "/tasks/list"),
          method,
          prefix + "/tasks/list",
          "POST, OPTIONS");
      assertMethodNotAllowed(
          as('A').request(method, prefix + "/tasks/createFromFiles"),
          method,
          prefix + "/tasks/createFromFiles",
          "POST, OPTIONS");
    }
    // a malformed id where no other route's path fits stays the route's own 400
    assertError(as('A').get(prefix + "/tasks/xyz"), 400);
    assertError(as('A').put(prefix + "/tasks/xyz"), 400);
  }

  // --- 404 where nothing is named ---------------------------------------------------------------

  /**
   * Paths that look documented but name nothing (the annotation routes without {@code :typ}, an
   * undocumented {@code :typ}, a word where an id is due) MUST answer 404 with the envelope and no
   * {@code Allow}, for every method including OPTIONS, even though the set-up route {@code DELETE
   * /annotations/:typ/:id} has the shape of some of them. DELETE on those is that route's own
   * refusal of what it was given (400 for a malformed id, 404 for an unknown annotation), never a
   * 405.
   */
  @Test(dataProvider = "prefixes")
  public void documentedLookingPathsThatDoNotExistAre404(String prefix) {
    String id = SeedWorld.EXPLORATIONAL_PUBLIC;
    List<String> shapeOfTheSetUpRoute =
        List.of(
            "/annotations/" + id + "/info",
            "/annotations/" + id + "/download",
            "/annotations/" + id + "/duplicate",
            "/annotations/" + id + "/edit",
            "/annotations/" + id + "/finish",
            "/annotations/" + id + "/reopen",
            "/annotations/" + id + "/reset",
            "/annotations/X/info",
            "/annotations/Task/info",
            "/annotations/TracingBase/" + id);
    List<String> paths = new ArrayList<>(shapeOfTheSetUpRoute);
    paths.addAll(
        List.of(
            "/annotations/Explorational",
            "/annotations/Explorational/" + id + "/nothing",
            "/annotations/Explorational/" + id + "/merge/Explorational",
            "/tasks/" + SeedWorld.TASK_1 + "/nothing",
            "/users/" + SeedWorld.USER_A + "/projects",
            "/no/such/route"));
    for (String path : paths) {
      for (String method : METHODS) {
        Response r = as('A').request(method, prefix + path);
        if (method.equals("DELETE") && shapeOfTheSetUpRoute.contains(path)) {
          assertRefusedNot405(r, method, prefix + path);
        } else {
          assertNotFound(r, method, prefix + path);
        }
      }
      assertNotFound(anonymous().request("OPTIONS", prefix + path), "OPTIONS", prefix + path);
    }
  }

  /**
   * Under a version the server does not route, nothing exists: every method (and OPTIONS) on a path
   * that exists under the supported versions MUST answer 404, not 405.
   */
  @Test
  public void unsupportedVersionsNameNothing() {
    for (String prefix :
        List.of(
            "/v" + (AllRoutes.OLDEST_API_VERSION - 1),
            "/v" + (AllRoutes.CURRENT_API_VERSION + 1),
            "/vx")) {
      for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
        assertNotFound(as('A').request(method, prefix + "/users"), method, prefix + "/users");
      }
    }
  }

  // --- HEAD -------------------------------------------------------------------------------------

  /**
   * HEAD on every GET route MUST answer as GET does, with the caller's rights (as user_A, as an
   * anonymous caller and with an unknown id, so 200, 401 and 404 are all compared): the same status
   * and headers, {@code Content-Length} where GET gives one, and no body.
   */
  @Test(dataProvider = "somePrefixes")
  public void headAnswersLikeGetWithoutABody(String prefix) {
    List<String> paths = new ArrayList<>();
    for (Route r : server.documentedRoutes()) {
      if (r.method().equals("GET")) {
        paths.add(prefix + AuthTest.fill(r));
      }
    }
    paths.add(prefix + "/tasks/000000000000000000000000");
    paths.add(prefix + "/tasks/xyz");
    paths.add(
        prefix + "/annotations/Explorational/" + SeedWorld.EXPLORATIONAL_VOLUME + "/download");
    paths.add(prefix + "/annotations/Task/" + SeedWorld.TASK_ANNOTATION_1 + "/download");
    for (String path : paths) {
      assertHeadLikeGet(as('A'), path, "user_A");
      assertHeadLikeGet(anonymous(), path, "anonymous");
    }
  }

  /**
   * HEAD where GET is refused by the routing (a path that names nothing, 404; a path of other
   * methods, 405 with {@code Allow}) MUST be refused as GET is, with no body.
   */
  @Test
  public void headIsRefusedAsGetIs() {
    assertHeadLikeGet(as('A'), "/no/such/route", "user_A");
    assertHeadLikeGet(as('A'), "/annotations/X/info", "user_A");
    assertHeadLikeGet(as('A'), "/v" + (AllRoutes.CURRENT_API_VERSION + 1) + "/users", "user_A");
    assertHeadLikeGet(as('A'), "/vx/users", "user_A");
    assertHeadLikeGet(as('A'), "/user/tasks/request", "user_A"); // 405, Allow: POST, OPTIONS
    assertHeadLikeGet(as('A'), "/tasks/list", "user_A"); // 405, Allow: POST, OPTIONS
  }

  // --- OPTIONS ----------------------------------------------------------------------------------

  /**
   * OPTIONS MUST NOT need a login (a client asks before it sends its token), MUST answer 204
   * without a body or content type, and MUST be 404 with the envelope on an unknown path.
   */
  @Test
  public void optionsNeedsNoLoginAndHasNoBody() {
    Response r = anonymous().request("OPTIONS", "/tasks/" + SeedWorld.TASK_1);
    assertEquals(r.statusCode(), 204, r.asString());
    assertEquals(r.header("Allow"), "GET, HEAD, PUT, DELETE, OPTIONS");
    assertEquals(r.asByteArray().length, 0, "body of a 204");
    assertNull(r.header("Content-Type"), "content type of a 204");
    assertNotFound(anonymous().request("OPTIONS", "/nothing"), "OPTIONS", "/nothing");
  }

  /**
   * A method the server does not know at all, on an existing path, MUST be refused with a 4xx and
   * the envelope (405 with {@code Allow}; RFC 9110 would have 501, but a 5xx from the reference
   * server means a bug), and on an unknown path with a 404.
   */
  @Test
  public void anUnknownMethodIsRefusedWithout5xx() {
    assertMethodNotAllowed(as('A').request("FOO", "/users"), "FOO", "/users", "GET, HEAD, OPTIONS");
    assertNotFound(as('A').request("FOO", "/no/such/route"), "FOO", "/no/such/route");
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static void assertMethodNotAllowed(Response r, String method, String path, String allow) {
    assertRefused(r, method, path, 405, allow);
  }

  private static void assertNotFound(Response r, String method, String path) {
    assertRefused(r, method, path, 404, null);
  }

  /**
   * The answer to {@code method} on {@code path} is {@code status} with the envelope (a HEAD
   * answer: with no body), and its {@code Allow} header is {@code allow} (null: none).
   */
  private static void assertRefused(
      Response r, String method, String path, int status, String allow) {
    String what = method + " /api" + path;
    try {
      if (method.equals("HEAD")) {
        assertEquals(r.statusCode(), status, "status");
        assertEquals(r.asByteArray().length, 0, "body of a HEAD answer");
      } else {
        assertError(r, status);
      }
      assertEquals(r.header("Allow"), allow, "Allow on a " + status);
    } catch (AssertionError e) {
      fail(what + ": " + e.getMessage(), e);
    }
  }

  private static void assertRefusedNot405(Response r, String method, String path) {
    String what = method + " /api" + path;
    int status = r.statusCode();
    assertTrue(status >= 400 && status < 500 && status != 405, what + " answered " + status);
    try {
      assertError(r, status);
      assertNull(r.header("Allow"), "Allow on a " + status);
    } catch (AssertionError e) {
      fail(what + ": " + e.getMessage(), e);
    }
  }

  private static void assertHeadLikeGet(RequestSpecification spec, String path, String who) {
    Response get = spec.get(path);
    Response head = spec.head(path);
    String what = "HEAD /api" + path + " as " + who;
    assertTrue(get.statusCode() < 500, what + ": GET answered " + get.statusCode());
    assertEquals(head.statusCode(), get.statusCode(), what + ": status");
    for (String h :
        List.of(
            "Content-Type",
            "Content-Length",
            "Content-Disposition",
            "Content-Encoding",
            "Transfer-Encoding",
            "Allow",
            "Retry-After")) {
      assertEquals(head.header(h), get.header(h), what + ": header " + h);
    }
    if (get.header("Content-Length") != null && get.header("Content-Encoding") == null) {
      assertEquals(
          Long.parseLong(get.header("Content-Length")),
          (long) get.asByteArray().length,
          what + ": GET's Content-Length");
    }
    assertEquals(head.asByteArray().length, 0, what + ": body");
    if (get.statusCode() >= 400) {
      assertError(get, get.statusCode());
    }
  }
}
