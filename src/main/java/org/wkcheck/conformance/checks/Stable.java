package org.wkcheck.conformance.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What counts as the same object read twice: the one place that says which fields are volatile. Two
 * reads of an unchanged object may differ in when it was last used or modified and in the time
 * spent on it; those fields are masked, everything else must be equal ({@link Checks#unchanged}).
 * Users are compared by what every route shows alike ({@link #user}).
 */
public final class Stable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Fields that change while the object does not (facts file section 4: instants of use): masked
   * wherever they stand.
   */
  public static final Set<String> VOLATILE =
      Set.of("modified", "lastActivity", "lastUsedByUser", "sortingKey", "tracingTime");

  /** The fields of a user every route and every reader shows alike (see {@link #user}). */
  public static final List<String> USER_FIELDS =
      List.of("id", "email", "firstName", "lastName", "isAdmin", "organization", "experiences");

  private Stable() {}

  /** The value with its volatile fields masked (removed), at any depth. */
  public static JsonNode of(JsonNode value) {
    JsonNode copy = value.deepCopy();
    mask(copy);
    return copy;
  }

  /**
   * The value with its volatile fields masked and these ones too (fields the comparison expects to
   * change): top-level names, or paths such as {@code status/open}.
   */
  public static JsonNode except(JsonNode value, String... paths) {
    JsonNode copy = of(value);
    for (String path : paths) {
      String[] steps = path.split("/");
      JsonNode parent = copy;
      for (int i = 0; i < steps.length - 1; i++) {
        parent = parent.path(steps[i]);
      }
      if (parent instanceof ObjectNode o) {
        o.remove(steps[steps.length - 1]);
      }
    }
    return copy;
  }

  /**
   * A user as GET /user, GET /users and GET /users/:id all show it, whoever reads it: its id,
   * email, names, admin flag, organization, experiences and team memberships (as a set). Lists
   * carry some other values raw (facts file section 5.3), so those are left out.
   */
  public static JsonNode user(JsonNode user) {
    ObjectNode out = JSON.createObjectNode();
    for (String f : USER_FIELDS) {
      if (user.has(f)) {
        out.set(f, user.get(f));
      }
    }
    Set<String> teams = new TreeSet<>();
    for (JsonNode t : user.path("teams")) {
      boolean manager = t.path("isTeamManager").asBoolean();
      teams.add(t.path("id").asString() + (manager ? " (manager)" : ""));
    }
    ArrayNode memberships = out.putArray("teams");
    teams.forEach(memberships::add);
    return out;
  }

  /** Where the two values differ, as {@code /pointer: a -> b}; at most {@code most} places. */
  static List<String> differences(JsonNode a, JsonNode b, int most) {
    List<String> out = new ArrayList<>();
    diff("", a, b, out, most);
    return out;
  }

  private static void diff(String at, JsonNode a, JsonNode b, List<String> out, int most) {
    if (out.size() >= most || a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new TreeSet<>(a.propertyNames());
      names.addAll(b.propertyNames());
      for (String n : names) {
        diff(at + "/" + n, a.path(n), b.path(n), out, most);
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(at + "/" + i, a.get(i), b.get(i), out, most);
      }
    } else {
      out.add((at.isEmpty() ? "/" : at) + ": " + shown(a) + " -> " + shown(b));
    }
  }

  private static String shown(JsonNode v) {
    if (v.isMissingNode()) {
      return "(absent)";
    }
    String s = v.toString();
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode o) {
      VOLATILE.forEach(o::remove);
      o.forEach(Stable::mask);
    } else if (node instanceof ArrayNode a) {
      a.forEach(Stable::mask);
    }
  }
}
