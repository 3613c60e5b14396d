package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import tools.jackson.databind.JsonNode;

/**
 * The annotation lists of users: {@code GET /user/tasks}, {@code GET /user/annotations}, {@code GET
 * /users/:id/tasks} and {@code GET /users/:id/annotations}, as the main user (for {@code :id} its
 * own id from {@code GET /user}). Where a test needs entries the main user lacks (one, two, a
 * finished and an unfinished one), it makes them: task annotations in a project of its own (see
 * {@code Fixtures.taskAnnotation}), explorational ones by uploading an NML, finished with {@code
 * PATCH /annotations/:typ/:id/finish}. When the target cannot make them, or does not list them, the
 * test skips; only the tests of what a route returns fail when an annotation made for an empty list
 * is then not listed.
 */
public class UserAnnotationsConformance extends ConformanceTest {
  private static final int DEFAULT_LIMIT = 1000;

  /** One of the four list routes, for one user (the owner of what it lists). */
  private record Listing(String route, String path, boolean tasks, String owner) {
    String typ() {
      return tasks ? "Task" : "Explorational";
    }

    String schema() {
      return tasks ? "documented/annotation-list.json" : "documented/annotation-compact-list.json";
    }
  }

  // --- GET /user/tasks --------------------------------------------------------------------------

  /**
   * GET /user/tasks MUST answer 200 with the caller's own task annotations only, each with its task
   * and task type (schema annotation-list.json): every entry is of typ Task, its user is the caller
   * and it carries a task object with a task type object.
   */
  @Test
  @Requirement("users.current-tasks.returns-task-annotations")
  public void ownTasksAreOwnTaskAnnotations() {
    returnsOnlyTheOwners(mine(true));
  }

  /** GET /user/tasks?isFinished=true MUST list only finished task annotations (state Finished). */
  @Test
  @Requirement("users.current-tasks.is-finished-true")
  public void ownTasksFinishedTrueListsOnlyFinished() {
    listsOnlyFinished(mine(true), true);
  }

  /** GET /user/tasks?isFinished=false MUST list only unfinished task annotations. */
  @Test
  @Requirement("users.current-tasks.is-finished-false")
  public void ownTasksFinishedFalseListsOnlyUnfinished() {
    listsOnlyFinished(mine(true), false);
  }

  /** GET /user/tasks?limit=x MUST answer the first x entries of GET /user/tasks. */
  @Test
  @Requirement("users.current-tasks.limit")
  public void ownTasksLimitGivesTheFirstEntries() {
    limitGivesTheFirst(mine(true));
  }

  // --- GET /user/annotations --------------------------------------------------------------------

  /**
   * GET /user/annotations MUST answer 200 with the caller's own explorative annotations only
   * (schema annotation-compact-list.json): every entry is of typ Explorational, owned by the
   * caller.
   */
  @Test
  @Requirement("users.current-annotations.returns-explorative-annotations")
  public void ownAnnotationsAreOwnExplorationals() {
    returnsOnlyTheOwners(mine(false));
  }

  /** GET /user/annotations?isFinished=true MUST list only finished (archived) explorationals. */
  @Test
  @Requirement("users.current-annotations.is-finished-true")
  public void ownAnnotationsFinishedTrueListsOnlyArchived() {
    listsOnlyFinished(mine(false), true);
  }

  /** GET /user/annotations?isFinished=false MUST list only unfinished (non-archived) ones. */
  @Test
  @Requirement("users.current-annotations.is-finished-false")
  public void ownAnnotationsFinishedFalseListsOnlyUnarchived() {
    listsOnlyFinished(mine(false), false);
  }

  /** GET /user/annotations?limit=x MUST answer the first x entries of GET /user/annotations. */
  @Test
  @Requirement("users.current-annotations.limit")
  public void ownAnnotationsLimitGivesTheFirstEntries() {
    limitGivesTheFirst(mine(false));
  }

  // --- GET /users/:id/tasks ---------------------------------------------------------------------

  /**
   * GET /users/:id/tasks MUST answer 200 with user :id's task annotations only, each with task and
   * task type: checked for the main user's id (with entries) and for up to three other users GET
   * /users lists, whose entries must all be theirs.
   */
  @Test
  @Requirement("users.tasks.returns-task-annotations")
  public void userTasksAreThatUsersTaskAnnotations() {
    returnsOnlyTheOwners(ofMainUser(true));
    otherUsers().forEach(id -> onlyTheOwners(ofUser(true, id)));
  }

  /** GET /users/:id/tasks?isFinished=true MUST list only finished task annotations. */
  @Test
  @Requirement("users.tasks.is-finished-true")
  public void userTasksFinishedTrueListsOnlyFinished() {
    listsOnlyFinished(ofMainUser(true), true);
  }

  /** GET /users/:id/tasks?isFinished=false MUST list only unfinished task annotations. */
  @Test
  @Requirement("users.tasks.is-finished-false")
  public void userTasksFinishedFalseListsOnlyUnfinished() {
    listsOnlyFinished(ofMainUser(true), false);
  }

  /** GET /users/:id/tasks?limit=x MUST answer the first x entries of GET /users/:id/tasks. */
  @Test
  @Requirement("users.tasks.limit")
  public void userTasksLimitGivesTheFirstEntries() {
    limitGivesTheFirst(ofMainUser(true));
  }

  // --- GET /users/:id/annotations ---------------------------------------------------------------

  /**
   * GET /users/:id/annotations MUST answer 200 with user :id's explorative annotations only:
   * checked for the main user's id (with entries) and for up to three other listed users.
   */
  @Test
  @Requirement("users.annotations.returns-explorative-annotations")
  public void userAnnotationsAreThatUsersExplorationals() {
    returnsOnlyTheOwners(ofMainUser(false));
    otherUsers().forEach(id -> onlyTheOwners(ofUser(false, id)));
  }

  /** GET /users/:id/annotations?isFinished=true MUST list only finished (archived) ones. */
  @Test
  @Requirement("users.annotations.is-finished-true")
  public void userAnnotationsFinishedTrueListsOnlyArchived() {
    listsOnlyFinished(ofMainUser(false), true);
  }

  /** GET /users/:id/annotations?isFinished=false MUST list only unfinished (non-archived) ones. */
  @Test
  @Requirement("users.annotations.is-finished-false")
  public void userAnnotationsFinishedFalseListsOnlyUnarchived() {
    listsOnlyFinished(ofMainUser(false), false);
  }

  /** GET /users/:id/annotations?limit=x MUST answer the first x entries of the unlimited list. */
  @Test
  @Requirement("users.annotations.limit")
  public void userAnnotationsLimitGivesTheFirstEntries() {
    limitGivesTheFirst(ofMainUser(false));
  }

  // --- :id --------------------------------------------------------------------------------------

  /**
   * :id MUST be a user id: for every role, GET /users/<own id>/tasks MUST list the same task
   * annotations as GET /user/tasks (compared by id; the main user has at least one).
   */
  @Test
  @Requirement("users.path.user-id")
  public void ownIdListsOwnTasks() {
    sameAsMine(true);
  }

  /**
   * :id MUST be a user id: for every role, GET /users/<own id>/annotations MUST list the same
   * explorationals as GET /user/annotations (compared by id; the main user has at least one).
   */
  @Test
  @Requirement("users.path.user-id")
  public void ownIdListsOwnAnnotations() {
    sameAsMine(false);
  }

  // --- checks -----------------------------------------------------------------------------------

  /**
   * OnlyTheOwners: with an entry present (made if the list is empty, and then it must be listed),
   * 200, the schema, and every entry the owner's.
   */
  private void returnsOnlyTheOwners(Listing l) {
    if (list(l).isEmpty()) {
      make(l, false);
      that(
          !list(l).isEmpty(),
          l.route() + " lists the user's annotations",
          "the annotation the suite made",
          "an empty list");
    }
    onlyTheOwners(l);
  }

  /** 200, the schema, and every entry of the listing's typ and owner (and task, for tasks). */
  private void onlyTheOwners(Listing l) {
    for (JsonNode a : ok(api.as(Role.USER).get(l.path()), l.schema())) {
      String id = a.path("id").asString();
      that(
          l.typ().equals(a.path("typ").asString()),
          l.route() + " lists only " + l.typ(),
          "typ " + l.typ(),
          id + " of typ " + a.path("typ"));
      that(
          l.owner().equals(ownerOf(a, l)),
          l.route() + " lists only the user's own",
          "owned by " + l.owner(),
          id + " owned by " + ownerOf(a, l));
      if (l.tasks()) {
        that(
            a.path("task").isObject() && a.path("task").path("type").isObject(),
            l.route() + " includes task and task type",
            "a task with its type",
            id + " with task " + a.path("task"));
      }
    }
  }

  /** FinishedFilter: with both states present, isFinished=b lists only entries of that state. */
  private void listsOnlyFinished(Listing l, boolean finished) {
    ensure(l, 1, true);
    ensure(l, 1, false);
    String title = l.route() + "?isFinished=" + finished + " lists only those with that state";
    for (JsonNode a : list(l, "isFinished", finished)) {
      that(
          isFinished(a) == finished,
          title,
          (finished ? "" : "not ") + "Finished",
          a.path("id").asString() + " in state " + a.path("state"));
    }
  }

  /** HonoursLimit: limit=x gives the first x entries of the unlimited list (x = 1, n-1, n+1). */
  private void limitGivesTheFirst(Listing l) {
    List<String> all = ids(ensure(l, 2, null));
    Set<Integer> xs = new TreeSet<>(List.of(1, all.size() - 1));
    if (all.size() < DEFAULT_LIMIT) {
      xs.add(all.size() + 1);
    }
    for (int x : xs) {
      equal(
          ids(list(l, "limit", x)),
          all.subList(0, Math.min(x, all.size())),
          l.route() + "?limit=x gives the first x entries of " + l.route());
    }
  }

  /** For every role: GET /users/<own id>/... lists the same ids as GET /user/.... */
  private void sameAsMine(boolean tasks) {
    ensure(mine(tasks), 1, null);
    for (Role role : Arrays.stream(Role.values()).filter(api::has).toList()) {
      Response me = api.as(role).get("/user");
      status(me, 200);
      String id = json(me).path("id").asString();
      String kind = tasks ? "tasks" : "annotations";
      Set<String> mine = new TreeSet<>(ids(list(role, "/user/" + kind)));
      Set<String> byId = new TreeSet<>(ids(list(role, "/users/" + id + "/" + kind)));
      equal(
          byId, mine, "GET /users/<own id>/" + kind + " lists GET /user/" + kind + ", as " + role);
    }
  }

  // --- preconditions ----------------------------------------------------------------------------

  /**
   * Makes sure the main user's listing has at least n entries (finished or unfinished ones if
   * asked, else any), making what lacks; returns the unlimited list. Skips when it cannot.
   */
  private List<JsonNode> ensure(Listing l, int n, Boolean finished) {
    List<JsonNode> all = list(l);
    long have = all.stream().filter(a -> finished == null || isFinished(a) == finished).count();
    if (have >= n) {
      return all;
    }
    for (long i = have; i < n; i++) {
      make(l, Boolean.TRUE.equals(finished));
    }
    all = list(l);
    if (all.stream().filter(a -> finished == null || isFinished(a) == finished).count() < n) {
      String what = finished == null ? "" : finished ? "finished " : "unfinished ";
      throw new SkipException(
          l.route() + " does not list the " + what + "annotations the suite made for the user");
    }
    return all;
  }

  /** Makes one annotation of the main user of the listing's typ, finished if asked. */
  private void make(Listing l, boolean finished) {
    String id =
        l.tasks()
            ? fixtures.taskAnnotation().path("id").asString()
            : fixtures.upload(false, fixtures.nml(List.of()));
    if (finished) {
      Response r = api.as(Role.USER).patch("/annotations/{typ}/{id}/finish", l.typ(), id);
      if (r.statusCode() != 200) {
        throw new SkipException(
            "cannot finish the suite's own annotation: PATCH /annotations/"
                + l.typ()
                + "/:id/finish answered "
                + r.statusCode());
      }
    }
  }

  // --- requests ---------------------------------------------------------------------------------

  private Listing mine(boolean tasks) {
    String path = tasks ? "/user/tasks" : "/user/annotations";
    return new Listing("GET " + path, path, tasks, mainUserId());
  }

  private Listing ofMainUser(boolean tasks) {
    return ofUser(tasks, mainUserId());
  }

  private Listing ofUser(boolean tasks, String id) {
    String kind = tasks ? "tasks" : "annotations";
    return new Listing("GET /users/:id/" + kind, "/users/" + id + "/" + kind, tasks, id);
  }

  private String mainUserId() {
    return fixtures.mainUser().path("id").asString();
  }

  /** Up to three users other than the main user, as GET /users lists them to it. */
  private List<String> otherUsers() {
    List<String> out = new ArrayList<>();
    for (JsonNode u : list(Role.USER, "/users")) {
      String id = u.path("id").asString();
      if (!id.equals(mainUserId()) && out.size() < 3) {
        out.add(id);
      }
    }
    return out;
  }

  private List<JsonNode> list(Listing l, Object... query) {
    return list(Role.USER, l.path(), query);
  }

  /** GET path as the role with query name/value pairs: 200 and a JSON list (schema apart). */
  private List<JsonNode> list(Role role, String path, Object... query) {
    var req = api.as(role);
    for (int i = 0; i + 1 < query.length; i += 2) {
      req = req.queryParam((String) query[i], query[i + 1]);
    }
    Response r = req.get(path);
    status(r, 200);
    JsonNode body = json(r);
    that(body.isArray(), "GET " + path + " answers a JSON list", "a JSON list", body.getNodeType());
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  /** The owner's id: the task annotation's user (else owner), the compact one's owner. */
  private static String ownerOf(JsonNode a, Listing l) {
    JsonNode user = l.tasks() && a.path("user").isObject() ? a.path("user") : a.path("owner");
    return user.path("id").asString();
  }

  private static boolean isFinished(JsonNode a) {
    return "Finished".equals(a.path("state").asString());
  }

  private static List<String> ids(List<JsonNode> list) {
    return list.stream().map(a -> a.path("id").asString()).toList();
  }
}
