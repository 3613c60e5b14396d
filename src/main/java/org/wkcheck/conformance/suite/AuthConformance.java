package org.wkcheck.conformance.suite;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.contract.Route;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/** Authentication by the X-Auth-Token header, on every documented route. */
public class AuthConformance extends ConformanceTest {
  private RouteRequests requests;

  @BeforeClass
  public void createTargets() {
    requests = new RouteRequests(target, fixtures);
  }

  /** The two kinds of missing credentials; a row checks the requirement of its kind. */
  public enum Credential implements RequirementScope {
    NO_TOKEN("auth.token.missing-refused"),
    INVALID_TOKEN("auth.token.invalid-refused");

    private final String requirement;

    Credential(String requirement) {
      this.requirement = requirement;
    }

    @Override
    public boolean checks(String requirementId) {
      return requirement.equals(requirementId);
    }

    RequestSpecification request(Api api) {
      return this == NO_TOKEN ? api.anonymous() : api.withToken("wkcheck-not-a-valid-token-0000");
    }
  }

  /** Every route that needs a login, with no token and with an invalid one. */
  @DataProvider
  public static Object[][] loginRoutes() {
    List<Object[]> out = new ArrayList<>();
    for (Credential c : Credential.values()) {
      for (Route r : RouteRequests.routes()) {
        if ("required".equals(r.auth())) {
          out.add(new Object[] {c, r.id()});
        }
      }
    }
    return out.toArray(new Object[0][]);
  }

  /**
   * A request to a route that acts for the caller MUST be refused with 401 or 403 and MUST NOT
   * change anything when it has no X-Auth-Token, and when its token is not valid. Sent at the
   * suite's own objects; their state is compared before and after (GETs only read: not compared).
   */
  @Test(dataProvider = "loginRoutes")
  @Requirement({"auth.token.missing-refused", "auth.token.invalid-refused"})
  public void withoutAValidTokenIsRefused(Credential credential, String routeId) {
    Route r = RouteRequests.route(routeId);
    JsonNode before = r.method().equals("GET") ? null : requests.state(api);
    Checks.requiresLogin(requests.send(r, credential.request(api)));
    if (before != null) {
      requests.unchangedSince(before, api, "Nothing changed by a refused request");
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
