package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.checks.ListChecks.filterSelects;
import static org.wkcheck.conformance.checks.ListChecks.honoursLimit;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope;
import org.wkcheck.conformance.checks.ListChecks.Filter;
import org.wkcheck.conformance.checks.ListRead;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * The annotation lists of users: {@code GET /user/tasks}, {@code GET /user/annotations}, {@code GET
 * /users/:id/tasks} and {@code GET /users/:id/annotations}, as the main user (for {@code :id} its
 * own id from {@code GET /user}). The four behave alike, so each test runs once per list (data
 * provider {@code lists}; a row checks the requirements of its list). Where a test needs entries
 * the main user lacks (one, two, a finished and an unfinished one), it makes them: task annotations
 * in a project of its own (see {@code Fixtures.taskAnnotation}), explorational ones by uploading an
 * NML, finished with {@code PATCH /annotations/:typ/:id/finish}. When the target cannot make them,
 * or does not list them, the test skips; only the tests of what a list returns fail when an
 * annotation made for an empty list is then not listed.
 */
public class UserAnnotationsConformance extends ConformanceTest {
  private static final int DEFAULT_LIMIT = 1000;

  /** The four lists; a row checks the requirements of its own list (their group). */
  public enum UserList implements RequirementScope {
    OWN_TASKS("users.current-tasks", "/user/tasks", true),
    OWN_ANNOTATIONS("users.current-annotations", "/user/annotations", false),
    TASKS_OF_ID("users.tasks", "/users/:id/tasks", true),
    ANNOTATIONS_OF_ID("users.annotations", "/users/:id/annotations", false);

    private final String group;
    private final String template;
    final boolean tasks;

    UserList(String group, String template, boolean tasks) {
      this.group = group;
      this.template = template;
      this.tasks = tasks;
    }

    @Override
    public boolean checks(String requirementId) {
      return RequirementScope.inGroup(group, requirementId);
    }

    String route() {
      return "GET " + template;
    }

    /** The list of this user's entries, read by the main user. */
    ListRead of(Api api, String userId) {
      return ListRead.byId(
          route(), "USER", () -> api.as(Role.ADMIN), template.replace(":id", userId));
    }

    String typ() {
      return tasks ? "Task" : "Explorational";
    }

    String schema() {
      return tasks ? "documented/annotation-list.json" : "documented/annotation-compact-list.json";
    }

    @Override
    public String toString() {
      return route();
    }
  }

  @DataProvider
  public static Object[][] lists() {
    return rows((Object[]) UserList.values());
  }

  /** One of the lists for one user (the owner of what it lists), read by the main user. */
  private record Entries(UserList list, String owner, ListRead listing) {}

  private Entries entries(UserList list, String owner) {
    return new Entries(list, owner, list.of(api, owner));
  }

  /** The list of the main user's entries (for :id its own id). */
  private Entries mine(UserList list) {
    return entries(list, mainUserId());
  }

  // --- what the lists return --------------------------------------------------------------------

  /**
   * Each list MUST answer 200 with only the user's own annotations of its kind: GET /user/tasks the
   * caller's task annotations, each with its task and task type (schema annotation-list.json); GET
   * /user/annotations the caller's explorative annotations (annotation-compact-list.json); GET
   * /users/:id/tasks and GET /users/:id/annotations those of user :id, checked for the main user's
   * id (with entries) and for up to three other users GET /users lists, whose entries must all be
   * theirs. Every entry has the list's typ and owner.
   */
  @Test(dataProvider = "lists")
  @Requirement({
    "users.current-tasks.returns-task-annotations",
    "users.current-annotations.returns-explorative-annotations",
    "users.tasks.returns-task-annotations",
    "users.annotations.returns-explorative-annotations"
  })
  public void listsOnlyTheUsersOwnAnnotations(UserList list) {
    Entries mine = mine(list);
    if (mine.listing().get().isEmpty()) {
      make(mine, false);
      that(
          !mine.listing().get().isEmpty(),
          list.route() + " lists the user's annotations",
          "the annotation the suite made",
          "an empty list");
    }
    onlyTheOwners(mine);
    if (list.template.contains(":id")) {
      otherUsers().forEach(id -> onlyTheOwners(entries(list, id)));
    }
  }

  /** Each list with isFinished=true and with isFinished=false. */
  @DataProvider
  public static Object[][] finishedFilters() {
    return pairs(UserList.values(), isFinished(true), isFinished(false));
  }

  /**
   * isFinished=true MUST list only finished annotations: finished task annotations on the task
   * lists, finished (archived) explorative ones on the annotation lists (state Finished);
   * isFinished=false only unfinished (non-archived) ones. Checked with a finished and an unfinished
   * entry present.
   */
  @Test(dataProvider = "finishedFilters")
  @Requirement({
    "users.current-tasks.is-finished-true",
    "users.current-annotations.is-finished-true",
    "users.tasks.is-finished-true",
    "users.annotations.is-finished-true",
    "users.current-tasks.is-finished-false",
    "users.current-annotations.is-finished-false",
    "users.tasks.is-finished-false",
    "users.annotations.is-finished-false"
  })
  public void isFinishedListsOnlyThatState(UserList list, Filter filter) {
    Entries mine = mine(list);
    ensure(mine, 1, true);
    ensure(mine, 1, false);
    filterSelects(List.of(mine.listing()), filter);
  }

  /**
   * limit=x MUST answer the first x entries of the list without limit (x = 1, n - 1 and n + 1 of n
   * entries, at least two present).
   */
  @Test(dataProvider = "lists")
  @Requirement({
    "users.current-tasks.limit",
    "users.current-annotations.limit",
    "users.tasks.limit",
    "users.annotations.limit"
  })
  public void limitGivesTheFirstEntries(UserList list) {
    Entries mine = mine(list);
    ensure(mine, 2, null);
    honoursLimit(mine.listing(), DEFAULT_LIMIT);
  }

  // --- :id --------------------------------------------------------------------------------------

  @DataProvider
  public static Object[][] kinds() {
    return rows("tasks", "annotations");
  }

  /**
   * :id MUST be a user id: for every role, GET /users/<own id>/tasks MUST list the same task
   * annotations as GET /user/tasks, and GET /users/<own id>/annotations the same explorationals as
   * GET /user/annotations (compared by id; the main user has at least one).
   */
  @Test(dataProvider = "kinds")
  @Requirement("users.path.user-id")
  public void ownIdListsTheOwnEntries(String kind) {
    boolean tasks = kind.equals("tasks");
    ensure(mine(tasks ? UserList.OWN_TASKS : UserList.OWN_ANNOTATIONS), 1, null);
    for (Role role : roles()) {
      Response me = api.as(role).get("/user");
      status(me, 200);
      String id = json(me).path("id").asString();
      Set<String> mine = keys(role, "GET /user/" + kind, "/user/" + kind);
      Set<String> byId = keys(role, "GET /users/:id/" + kind, "/users/" + id + "/" + kind);
      equal(
          byId, mine, "GET /users/<own id>/" + kind + " lists GET /user/" + kind + ", as " + role);
    }
  }

  private Set<String> keys(Role role, String route, String path) {
    return new TreeSet<>(ListRead.byId(route, role.toString(), () -> api.as(role), path).keys());
  }

  // --- checks -----------------------------------------------------------------------------------

  /** 200, the schema, and every entry of the list's typ and owner (and task, for tasks). */
  private void onlyTheOwners(Entries e) {
    UserList l = e.list();
    for (JsonNode a : ok(api.as(Role.ADMIN).get(e.listing().path()), l.schema())) {
      String id = a.path("id").asString();
      that(
          l.typ().equals(a.path("typ").asString()),
          l.route() + " lists only " + l.typ(),
          "typ " + l.typ(),
          id + " of typ " + a.path("typ"));
      that(
          e.owner().equals(ownerOf(a, l)),
          l.route() + " lists only the user's own",
          "owned by " + e.owner(),
          id + " owned by " + ownerOf(a, l));
      if (l.tasks) {
        that(
            a.path("task").isObject() && a.path("task").path("type").isObject(),
            l.route() + " includes task and task type",
            "a task with its type",
            id + " with task " + a.path("task"));
      }
    }
  }

  /** isFinished=finished selects the entries in state Finished (or in any other state). */
  private static Filter isFinished(boolean finished) {
    Predicate<JsonNode> selects = a -> isFinished(a) == finished;
    return new Filter(
        "isFinished",
        finished,
        "state",
        selects,
        selects.negate(),
        finished ? "state Finished" : "a state other than Finished");
  }

  // --- preconditions ----------------------------------------------------------------------------

  /**
   * Makes sure the main user's list has at least n entries (finished or unfinished ones if asked,
   * else any), making what lacks. Skips when it cannot.
   */
  private void ensure(Entries e, int n, Boolean finished) {
    Predicate<JsonNode> counts = a -> finished == null || isFinished(a) == finished;
    long have = e.listing().get().stream().filter(counts).count();
    if (have >= n) {
      return;
    }
    for (long i = have; i < n; i++) {
      make(e, Boolean.TRUE.equals(finished));
    }
    if (e.listing().get().stream().filter(counts).count() < n) {
      String what = finished == null ? "" : finished ? "finished " : "unfinished ";
      throw new SkipException(
          e.list().route()
              + " does not list the "
              + what
              + "annotations the suite made for the user");
    }
  }

  /** Makes one annotation of the main user of the list's typ, finished if asked. */
  private void make(Entries e, boolean finished) {
    String typ = e.list().typ();
    String id =
        e.list().tasks
            ? fixtures.taskAnnotation().path("id").asString()
            : fixtures.upload(false, fixtures.nml(List.of()));
    if (finished) {
      Response r = api.as(Role.ADMIN).patch("/annotations/{typ}/{id}/finish", typ, id);
      if (r.statusCode() != 200) {
        throw new SkipException(
            "cannot finish the suite's own annotation: PATCH /annotations/"
                + typ
                + "/:id/finish answered "
                + r.statusCode());
      }
    }
  }

  // --- requests ---------------------------------------------------------------------------------

  private String mainUserId() {
    return fixtures.mainUser().path("id").asString();
  }

  /** Up to three users other than the main user, as GET /users lists them to it. */
  private List<String> otherUsers() {
    List<String> out = new ArrayList<>();
    for (String id :
        ListRead.byId("GET /users", "USER", () -> api.as(Role.ADMIN), "/users").keys()) {
      if (!id.equals(mainUserId()) && out.size() < 3) {
        out.add(id);
      }
    }
    return out;
  }

  /** The owner's id: the task annotation's user (else owner), the compact one's owner. */
  private static String ownerOf(JsonNode a, UserList l) {
    JsonNode user = l.tasks && a.path("user").isObject() ? a.path("user") : a.path("owner");
    return user.path("id").asString();
  }

  private static boolean isFinished(JsonNode a) {
    return "Finished".equals(a.path("state").asString());
  }
}
