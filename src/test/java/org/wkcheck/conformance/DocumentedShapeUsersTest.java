package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.testng.annotations.Test;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.suite.UsersConformance;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.target.Preflight;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import org.wkcheck.testing.BufferingProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server whose user information holds only what the document names ("user information, including
 * team memberships and experiences": no {@code organization}, memberships without {@code
 * isTeamManager}) passes the pre-flight and the user checks: the harness does not hold a server to
 * fields the document does not name. Made from the reference server through a proxy that leaves
 * those fields out of {@code GET /user}, {@code GET /users} and {@code GET /users/:id}.
 */
public class DocumentedShapeUsersTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern USER_ROUTES = Pattern.compile("/api/(v\\d+/)?(user|users(/[^/]+)?)");

  /** The answer without the undocumented fields of user information. */
  private static byte[] documentedShape(String path, byte[] body) {
    return users(
        path,
        body,
        u -> {
          u.remove("organization");
          for (JsonNode team : u.path("teams")) {
            ((ObjectNode) team).remove("isTeamManager");
          }
        });
  }

  /** The answer of a user route with each user changed; other answers as they are. */
  private static byte[] users(String path, byte[] body, Consumer<ObjectNode> change) {
    if (!USER_ROUTES.matcher(path).matches()) {
      return body;
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (RuntimeException e) {
      return body; // not JSON: as it is
    }
    for (JsonNode user : json.isArray() ? json : List.of(json)) {
      if (user instanceof ObjectNode u) {
        change.accept(u);
      }
    }
    return JSON.writeValueAsBytes(json);
  }

  private static Target target(String url) {
    return TargetResolver.remote(
        url,
        null,
        TargetResolver.seededTokens(),
        TargetWorld.defaults(),
        Limits.of(Duration.ofSeconds(30)),
        "shape");
  }

  @Test
  public void userInformationWithOnlyTheDocumentedFieldsPasses() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
        BufferingProxy proxy =
            BufferingProxy.rewriting(server.baseUrl(), DocumentedShapeUsersTest::documentedShape)) {
      Target target = target(proxy.url());
      Preflight.check(target);
      ConformanceReport r =
          ConformanceRunner.run(
                  new ConformanceRunner.Options(
                      target, null, false, null, List.of(UsersConformance.class)))
              .report();
      StringBuilder failed = new StringBuilder();
      r.requirements().stream()
          .filter(q -> q.status() == ConformanceReport.Status.FAILED)
          .forEach(q -> failed.append(q.id()).append(": ").append(q.message()).append('\n'));
      assertEquals(r.summary().failed(), 0, failed.toString());
      assertEquals(
          r.requirement("users.current.returns-self").status(),
          ConformanceReport.Status.PASSED,
          "users.current.returns-self");
      assertEquals(
          r.requirement("users.path.user-id").status(),
          ConformanceReport.Status.PASSED,
          "users.path.user-id");
    }
  }

  /**
   * The control: where the answer does give an organization, it is still checked. Every user said
   * to be of another organization fails the main user's role.
   */
  @Test
  public void anOrganizationGivenIsStillChecked() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
        BufferingProxy proxy =
            BufferingProxy.rewriting(
                server.baseUrl(),
                (path, body) -> users(path, body, u -> u.put("organization", "Another_Org")))) {
      ConformanceReport r =
          ConformanceRunner.run(
                  new ConformanceRunner.Options(
                      target(proxy.url()), null, false, null, List.of(UsersConformance.class)))
              .report();
      ConformanceReport.RequirementResult self = r.requirement("users.current.returns-self");
      assertEquals(self.status(), ConformanceReport.Status.FAILED, "users.current.returns-self");
      assertTrue(self.message().contains("organization"), self.message());
    }
  }
}
