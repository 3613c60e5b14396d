package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import tools.jackson.databind.JsonNode;

/**
 * The default {@code limit} (1000) of the user annotation lists, as the main user (for {@code :id}
 * its own id). Seeing the cut needs more than 1000 entries. Only on the embedded reference server,
 * where it is cheap, does this class give the main user more than 1000 explorationals for its
 * duration (uploads of an empty NML before its tests, deleted after them); it never makes 1000 task
 * annotations. Where a list has at most 1000 entries, a test checks that the answer without limit
 * equals the answer with limit=1000; where it has more, also that it is exactly the first 1000.
 */
public class UserAnnotationsLimitConformance extends ConformanceTest {
  private static final int DEFAULT_LIMIT = 1000;
  private final List<String> made = new ArrayList<>();

  /** On the embedded server: the main user gets at least 1001 explorationals. */
  @BeforeClass
  public void moreThan1000Explorationals() {
    if (!target.embedded() || !api.has(Role.USER)) {
      return;
    }
    int have = list("/user/annotations", DEFAULT_LIMIT + 1).size();
    if (have <= DEFAULT_LIMIT) {
      made.addAll(fixtures.uploadMany(DEFAULT_LIMIT + 1 - have));
    }
  }

  /** Deletes the explorationals made above (the run's clean-up would, but only at its end). */
  @AfterClass(alwaysRun = true)
  public void deleteThem() {
    fixtures.removeMany(made);
    made.clear();
  }

  /**
   * GET /user/tasks without limit MUST behave as with limit=1000, returning at most 1000 entries.
   */
  @Test
  @Requirement("users.current-tasks.limit-default")
  public void ownTasksLimitDefaultsTo1000() {
    defaultLimit("GET /user/tasks", "/user/tasks");
  }

  /**
   * GET /user/annotations without limit MUST behave as with limit=1000, returning at most 1000
   * entries (on the embedded server: exactly the first 1000 of more than 1000).
   */
  @Test
  @Requirement("users.current-annotations.limit-default")
  public void ownAnnotationsLimitDefaultsTo1000() {
    defaultLimit("GET /user/annotations", "/user/annotations");
  }

  /**
   * GET /users/:id/tasks without limit MUST behave as with limit=1000, returning at most 1000
   * entries.
   */
  @Test
  @Requirement("users.tasks.limit-default")
  public void userTasksLimitDefaultsTo1000() {
    defaultLimit("GET /users/:id/tasks", "/users/" + mainUserId() + "/tasks");
  }

  /**
   * GET /users/:id/annotations without limit MUST behave as with limit=1000, returning at most 1000
   * entries (on the embedded server: exactly the first 1000 of more than 1000).
   */
  @Test
  @Requirement("users.annotations.limit-default")
  public void userAnnotationsLimitDefaultsTo1000() {
    defaultLimit("GET /users/:id/annotations", "/users/" + mainUserId() + "/annotations");
  }

  /**
   * DefaultLimit: without limit at most 1000 entries, the same as with limit=1000, and when
   * limit=1001 gives more than 1000, exactly its first 1000.
   */
  private void defaultLimit(String route, String path) {
    List<String> byDefault = list(path, null);
    that(
        byDefault.size() <= DEFAULT_LIMIT,
        route + " without limit gives at most 1000",
        "at most 1000 entries",
        byDefault.size());
    equal(
        byDefault, list(path, DEFAULT_LIMIT), route + " without limit gives what limit=1000 gives");
    List<String> more = list(path, DEFAULT_LIMIT + 1);
    if (more.size() > DEFAULT_LIMIT) {
      equal(
          byDefault,
          more.subList(0, DEFAULT_LIMIT),
          route + " without limit gives the first 1000 entries");
    }
  }

  private String mainUserId() {
    return fixtures.mainUser().path("id").asString();
  }

  /** The ids GET path lists to the main user, with the limit if not null. */
  private List<String> list(String path, Integer limit) {
    var req = api.as(Role.USER);
    if (limit != null) {
      req = req.queryParam("limit", limit);
    }
    Response r = req.get(path);
    status(r, 200);
    JsonNode body = json(r);
    that(body.isArray(), "GET " + path + " answers a JSON list", "a JSON list", body.getNodeType());
    List<String> ids = new ArrayList<>();
    body.forEach(a -> ids.add(a.path("id").asString()));
    return ids;
  }
}
