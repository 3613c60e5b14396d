package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
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

  /** The fields that describe a user independently of when and by whom it is read. */
  private static final List<String> STABLE_FIELDS =
      List.of("id", "email", "firstName", "lastName", "isAdmin", "organization", "experiences");

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
      for (JsonNode user : first(users(role, null, null), READ_AT_MOST)) {
        String id = user.path("id").asString();
        Response r = api.as(role).get("/users/{id}", id);
        status(r, 200);
        equal(json(r).path("id").asString(), id, "GET /users/:id of a listed user, as " + role);
      }
    }
  }

  /**
   * GET /users?isEditable=true MUST list only users whose team memberships the caller can change:
   * every listed user has {@code isEditable} true for that caller. Skips when no role's unfiltered
   * list holds a user the filter must leave out (then the filter cannot be observed).
   */
  @Test
  @Requirement("users.list.is-editable-true")
  public void isEditableTrueListsOnlyEditableUsers() {
    listsOnly("isEditable", true);
  }

  /**
   * GET /users?isEditable=false MUST list only users whose team memberships the caller cannot
   * change: every listed user has {@code isEditable} false for that caller. Skips as above.
   */
  @Test
  @Requirement("users.list.is-editable-false")
  public void isEditableFalseListsOnlyNonEditableUsers() {
    listsOnly("isEditable", false);
  }

  /**
   * The answers to isEditable=true and isEditable=false MUST be disjoint and together MUST hold
   * exactly the users of GET /users without the parameter. For each role: three lists, compared by
   * user id.
   */
  @Test
  @Requirement("users.list.is-editable-partition")
  public void isEditablePartitionsTheList() {
    partitions("isEditable");
  }

  /**
   * GET /users?isAdmin=true MUST list only admins: every listed user has {@code isAdmin} true.
   * Skips when no role's unfiltered list holds a non-admin.
   */
  @Test
  @Requirement("users.list.is-admin-true")
  public void isAdminTrueListsOnlyAdmins() {
    listsOnly("isAdmin", true);
  }

  /**
   * GET /users?isAdmin=false MUST list only non-admins: every listed user has {@code isAdmin}
   * false. Skips when no role's unfiltered list holds an admin.
   */
  @Test
  @Requirement("users.list.is-admin-false")
  public void isAdminFalseListsOnlyNonAdmins() {
    listsOnly("isAdmin", false);
  }

  /**
   * The answers to isAdmin=true and isAdmin=false MUST be disjoint and together MUST hold exactly
   * the users of GET /users without the parameter. For each role: three lists, compared by user id.
   */
  @Test
  @Requirement("users.list.is-admin-partition")
  public void isAdminPartitionsTheList() {
    partitions("isAdmin");
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
    for (JsonNode listed : first(users(Role.USER, null, null), READ_AT_MOST)) {
      String id = listed.path("id").asString();
      JsonNode user = ok(api.as(Role.USER).get("/users/{id}", id), "documented/user.json");
      equal(identity(user), identity(listed), "GET /users/:id describes the listed user");
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
      equal(identity(json(r)), identity(me), "GET /users/<own id> describes GET /user, as " + role);
    }
  }

  // --- checks -----------------------------------------------------------------------------------

  /**
   * FilterSelects: as every role, GET /users?param=value lists only users whose field {@code param}
   * is {@code value}; skips when no unfiltered list had a user the filter must leave out.
   */
  private void listsOnly(String param, boolean value) {
    String request = "GET /users?" + param + "=" + value;
    int leftOut = 0;
    for (Role role : roles()) {
      for (JsonNode u : users(role, null, null)) {
        leftOut += u.path(param).isBoolean() && u.path(param).asBoolean() != value ? 1 : 0;
      }
      for (JsonNode u : users(role, param, value)) {
        that(
            u.path(param).isBoolean() && u.path(param).asBoolean() == value,
            request + " lists only users with " + param + " " + value,
            param + "=" + value + " for every listed user",
            u.path("id").asString()
                + " with "
                + param
                + "="
                + u.path(param)
                + " (as "
                + role
                + ")");
      }
    }
    if (leftOut == 0) {
      throw new SkipException(
          "no configured role sees a user with "
              + param
              + " "
              + !value
              + ", so "
              + request
              + " has nothing to leave out");
    }
  }

  /** Partition: as every role, param=true and param=false split the unfiltered list (by id). */
  private void partitions(String param) {
    for (Role role : roles()) {
      Set<String> all = ids(users(role, null, null));
      Set<String> yes = ids(users(role, param, true));
      Set<String> no = ids(users(role, param, false));
      Set<String> both = new TreeSet<>(yes);
      both.retainAll(no);
      that(
          both.isEmpty(),
          "GET /users?" + param + "=true and =false are disjoint",
          "no user in both",
          both + " (as " + role + ")");
      Set<String> union = new TreeSet<>(yes);
      union.addAll(no);
      equal(
          union,
          all,
          "GET /users?" + param + "=true and =false together give GET /users, as " + role);
    }
  }

  /**
   * What identifies a user in an answer, independent of request time and order: the stable fields
   * and the team memberships as a sorted set.
   */
  private static Map<String, Object> identity(JsonNode user) {
    Map<String, Object> out = new LinkedHashMap<>();
    STABLE_FIELDS.forEach(f -> out.put(f, user.path(f)));
    Set<String> teams = new TreeSet<>();
    for (JsonNode t : user.path("teams")) {
      boolean manager = t.path("isTeamManager").asBoolean();
      teams.add(t.path("id").asString() + (manager ? " (manager)" : ""));
    }
    out.put("teams", teams);
    return out;
  }

  /** The role's user is what the suite's configuration says it is (see {@link Role}). */
  private void fitsTheRole(JsonNode me, Role role) {
    boolean admin = me.path("isAdmin").asBoolean();
    String org = me.path("organization").asString();
    switch (role) {
      case USER -> {
        equal(admin, true, "GET /user as the main user is an admin");
        equal(org, world.organization(), "GET /user as the main user: its organization");
      }
      case MANAGER -> {
        equal(admin, false, "GET /user as the team manager is no admin");
        equal(
            membership(me),
            "manager",
            "GET /user as the team manager: a manager of the world's team");
      }
      case MEMBER -> {
        equal(admin, false, "GET /user as the team member is no admin");
        equal(
            membership(me),
            "member",
            "GET /user as the team member: a plain member of the world's team");
      }
      case OTHER_ORG ->
          that(
              !org.equals(world.organization()),
              "GET /user as the other organization's user",
              "an organization other than " + world.organization(),
              org);
    }
  }

  /** "manager", "member" or "none": the user's membership in the world's team. */
  private String membership(JsonNode user) {
    for (JsonNode t : user.path("teams")) {
      if (t.path("id").asString().equals(world.team())) {
        return t.path("isTeamManager").asBoolean() ? "manager" : "member";
      }
    }
    return "none";
  }

  // --- requests ---------------------------------------------------------------------------------

  /**
   * GET /users as the role, with one optional filter; 200 and a JSON list (schema checked apart).
   */
  private List<JsonNode> users(Role role, String param, Boolean value) {
    var req = api.as(role);
    if (param != null) {
      req = req.queryParam(param, value);
    }
    Response r = req.get("/users");
    status(r, 200);
    JsonNode body = json(r);
    that(body.isArray(), "GET /users answers a JSON list", "a JSON list", body.getNodeType());
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  private static Set<String> ids(List<JsonNode> users) {
    Set<String> ids = new TreeSet<>();
    users.forEach(u -> ids.add(u.path("id").asString()));
    return ids;
  }

  private static List<JsonNode> first(List<JsonNode> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }

  /** The roles whose token is given; the main user first. */
  private List<Role> roles() {
    List<Role> roles = Arrays.stream(Role.values()).filter(api::has).toList();
    if (roles.isEmpty()) {
      throw new SkipException("no token is given (" + Role.USER.environmentVariable() + ")");
    }
    return roles;
  }
}
