package org.wkcheck.conformance.suite;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.contract.Route;
import tools.jackson.databind.JsonNode;

/** Authentication by the X-Auth-Token header, on every documented route. */
public class AuthConformance extends ConformanceTest {
  private RouteRequests requests;

  @BeforeClass
  public void createTargets() {
    requests = new RouteRequests(target, fixtures);
  }

  @DataProvider
  public Object[][] loginRoutes() {
    List<Object[]> out = new ArrayList<>();
    for (Route r : RouteRequests.routes()) {
      if ("required".equals(r.auth())) {
        out.add(new Object[] {r.id()});
      }
    }
    return out.toArray(new Object[0][]);
  }

  private Route route(String id) {
    return RouteRequests.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** Whether the route may change data (GETs only read: their state is not compared). */
  private static boolean changes(Route r) {
    return !r.method().equals("GET");
  }

  /**
   * A request without X-Auth-Token to a route that acts for the caller MUST be refused with 401 or
   * 403 and MUST NOT change anything. Sent at the suite's own objects; their state is compared
   * before and after.
   */
  @Test(dataProvider = "loginRoutes")
  @Requirement("auth.token.missing-refused")
  public void withoutTokenIsRefused(String routeId) {
    Route r = route(routeId);
    String before = changes(r) ? requests.state(api) : null;
    Response res = requests.send(r, api.anonymous());
    Checks.requiresLogin(res);
    if (before != null) {
      Checks.equal(requests.state(api), before, "Nothing changed by a refused request");
    }
  }

  /**
   * A request with a token that is not valid MUST be refused with 401 or 403 and MUST NOT change
   * anything.
   */
  @Test(dataProvider = "loginRoutes")
  @Requirement("auth.token.invalid-refused")
  public void withAnInvalidTokenIsRefused(String routeId) {
    Route r = route(routeId);
    String before = changes(r) ? requests.state(api) : null;
    Response res = requests.send(r, api.withToken("wkcheck-not-a-valid-token-0000"));
    Checks.requiresLogin(res);
    if (before != null) {
      Checks.equal(requests.state(api), before, "Nothing changed by a refused request");
    }
  }

  /**
   * The token in X-Auth-Token MUST make the server act as its owner: GET /user answers the token's
   * user, different users' tokens give different users, and each is readable as itself.
   */
  @Test
  @Requirement("auth.token.header-authenticates")
  public void theTokenIdentifiesItsUser() {
    Set<String> ids = new HashSet<>();
    int tokens = 0;
    for (Role role : Role.values()) {
      if (!api.has(role)) {
        continue;
      }
      tokens++;
      JsonNode me = Checks.ok(api.as(role).get("/user"), "documented/user.json");
      String id = me.path("id").asString();
      ids.add(id);
      JsonNode self = Checks.ok(api.as(role).get("/users/" + id), "documented/user.json");
      Checks.equal(self.path("id").asString(), id, "GET /users/:id of the token's own user");
    }
    Checks.equal(ids.size(), tokens, "Distinct tokens act as distinct users");
  }
}
