package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.checks.ListChecks.booleanFilterPartitions;
import static org.wkcheck.conformance.checks.ListChecks.filterSelects;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.ListChecks.Filter;
import org.wkcheck.conformance.checks.ListChecks.Partition;
import org.wkcheck.conformance.checks.ListRead;
import org.wkcheck.conformance.checks.Stable;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /users}, {@code GET /user} and {@code GET /users/:id}. Every test acts as each role
 * whose token is given (the main user always); the users the lists return are the target's own, so
 * expectations come from the API: the per-caller fields {@code isAdmin} and {@code isEditable} of
 * each listed user tell what the filters must select, and the unfiltered list what they filter.
 */
public class UsersConformance extends ConformanceTest {
  /** At most this many users are read one by one per role, to keep the load on the target low. */
  private static final int READ_AT_MOST = 25;

  /**
   * GET /users MUST answer 200 with a JSON list of users, each with its team memberships and
   * experiences (schema user-list.json), for every caller.
   */
  @Test
  @Requirement("users.list.returns-users")
  public void userListDescribesUsers() {
    for (Role role : roles()) {
      ok(api.as(role).get("/users"), "documented/user-list.json");
    }
  }

  /**
   * GET /users MUST list only users the caller can read: every listed user MUST be readable by the
   * same caller with GET /users/:id (200, the same id). For each role: the list, then GET
   * /users/:id for each listed user (at most 25).
   */
  @Test
  @Requirement("users.list.read-access")
  public void everyListedUserIsReadable() {
    for (Role role : roles()) {
      for (JsonNode user : first(listing(role).get(), READ_AT_MOST)) {
        String id = user.path("id").asString();
        Response r = api.as(role).get("/users/{id}", id);
        status(r, 200);
        equal(json(r).path("id").asString(), id, "GET /users/:id of a listed user, as " + role);
      }
    }
  }

  @DataProvider
  public static Object[][] filters() {
    return rows(
        Filter.flag("isEditable", true),
        Filter.flag("isEditable", false),
        Filter.flag("isAdmin", true),
        Filter.flag("isAdmin", false));
  }

  /**
   * GET /users?isEditable=true MUST list only users whose team memberships the caller can change,
   * =false only those whose memberships it cannot change: every listed user has {@code isEditable}
   * true (false) for that caller. GET /users?isAdmin=true MUST list only admins, =false only
   * non-admins. For each role; skips when no role's unfiltered list holds a user the filter must
   * leave out (then the filter cannot be observed).
   */
  @Test(dataProvider = "filters")
  @Requirement({
    "users.list.is-editable-true",
    "users.list.is-editable-false",
    "users.list.is-admin-true",
    "users.list.is-admin-false"
  })
  public void filterListsOnlyWhatItSelects(Filter filter) {
    filterSelects(callers(), filter);
  }

  @DataProvider
  public static Object[][] partitions() {
    return rows(new Partition("isEditable"), new Partition("isAdmin"));
  }

  /**
   * The answers to isEditable=true and isEditable=false MUST be disjoint and together MUST hold
   * exactly the users of GET /users without the parameter; likewise isAdmin. For each role: three
   * lists, compared by user id.
   */
  @Test(dataProvider = "partitions")
  @Requirement({"users.list.is-editable-partition", "users.list.is-admin-partition"})
  public void booleanFilterPartitionsTheList(Partition partition) {
    booleanFilterPartitions(callers(), partition);
  }

  /**
   * GET /user MUST answer 200 with the user who owns the token, with team memberships and
   * experiences (schema user.json). Each role's token gives a user that fits the role: the main
   * user is an admin of the world's organization, the team manager a non-admin manager of the
   * world's team, the member a non-admin plain member of it, the other organization's user one of
   * another organization; different tokens give different users.
   */
  @Test
  @Requirement("users.current.returns-self")
  public void currentUserIsTheCaller() {
    Map<String, Role> seen = new HashMap<>();
    for (Role role : roles()) {
      JsonNode me = ok(api.as(role).get("/user"), "documented/user.json");
      Role before = seen.put(me.path("id").asString(), role);
      that(
          before == null,
          "GET /user of different tokens gives different users",
          "distinct ids",
          role + " and " + before + " both answered as " + me.path("id").asString());
      fitsTheRole(me, role);
    }
  }

  /**
   * GET /users/:id MUST answer 200 with the selected user, with team memberships and experiences
   * (schema user.json): for each user GET /users lists to the main user (at most 25), the answer
   * has the requested id and the same email, names, admin flag, organization, experiences and team
   * memberships as the list entry.
   */
  @Test
  @Requirement("users.read.returns-user")
  public void readDescribesTheSelectedUser() {
    for (JsonNode listed : first(listing(Role.ADMIN).get(), READ_AT_MOST)) {
      String id = listed.path("id").asString();
      JsonNode user = ok(api.as(Role.ADMIN).get("/users/{id}", id), "documented/user.json");
      equal(Stable.user(user), Stable.user(listed), "GET /users/:id describes the listed user");
    }
  }

  /**
   * :id of GET /users/:id MUST be a user id: the caller's own id (from GET /user) MUST give the
   * same user as GET /user (same id, email, names, admin flag, organization, experiences and team
   * memberships), for every role.
   */
  @Test
  @Requirement("users.path.user-id")
  public void ownIdSelectsTheCaller() {
    for (Role role : roles()) {
      JsonNode me = ok(api.as(role).get("/user"), "documented/user.json");
      Response r = api.as(role).get("/users/{id}", me.path("id").asString());
      status(r, 200);
      equal(
          Stable.user(json(r)),
          Stable.user(me),
          "GET /users/<own id> describes GET /user, as " + role);
    }
  }

  // --- the roles ------------------------------------------------------------------------------

  /**
   * The role's user is what the suite's configuration says it is (see {@link Role}). The document
   * names neither the organization nor the team-manager flag in user information: where the answer
   * leaves one out, that part of the role is not checked.
   */
  private void fitsTheRole(JsonNode me, Role role) {
    boolean admin = me.path("isAdmin").asBoolean();
    boolean saysOrganization = me.path("organization").isString();
    String org = me.path("organization").asString();
    switch (role) {
      case ADMIN -> {
        equal(admin, true, "GET /user as the main user is an admin");
        if (saysOrganization) {
          equal(org, world.organization(), "GET /user as the main user: its organization");
        }
      }
      case MANAGER -> {
        equal(admin, false, "GET /user as the team manager is no admin");
        fitsTheTeam(me, "manager", "GET /user as the team manager: a manager of the world's team");
      }
      case MEMBER -> {
        equal(admin, false, "GET /user as the team member is no admin");
        fitsTheTeam(
            me, "member", "GET /user as the team member: a plain member of the world's team");
      }
      case OTHER_ORG -> {
        if (saysOrganization) {
          that(
              !org.equals(world.organization()),
              "GET /user as the other organization's user",
              "an organization other than " + world.organization(),
              org);
        }
      }
    }
  }

  /**
   * The user is in the world's team as {@code expected} ("manager" or "member"); when the
   * membership does not say whether its user manages the team, only that they are in it.
   */
  private void fitsTheTeam(JsonNode user, String expected, String title) {
    for (JsonNode t : user.path("teams")) {
      if (t.path("id").asString().equals(world.team())) {
        if (t.has("isTeamManager")) {
          equal(t.path("isTeamManager").asBoolean() ? "manager" : "member", expected, title);
        }
        return;
      }
    }
    equal("none", expected, title);
  }

  // --- requests ---------------------------------------------------------------------------------

  /** The callers: GET /users as each role whose token is given. */
  private List<ListRead> callers() {
    return roles().stream().map(this::listing).toList();
  }

  private ListRead listing(Role role) {
    return ListRead.byId("GET /users", role.toString(), () -> api.as(role), "/users");
  }

  private static List<JsonNode> first(List<JsonNode> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }
}
