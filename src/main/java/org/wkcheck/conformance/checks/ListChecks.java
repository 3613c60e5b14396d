package org.wkcheck.conformance.checks;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.that;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.testng.SkipException;
import org.wkcheck.conformance.RequirementScope;
import tools.jackson.databind.JsonNode;

/**
 * The named checks on list routes, shared by every test of a list: what a filter selects, that a
 * boolean filter's two values partition the list, the limit and its default. Titles name the route
 * and the parameter, never ids, so a failure has the same title on every run; who read the list and
 * which entry broke the rule are in the actual value.
 */
public final class ListChecks {
  private ListChecks() {}

  /**
   * A filter of a list route: {@code param=value} must select the entries that {@code selects}
   * accepts; {@code leavesOut} accepts those the filter must leave out (an entry with neither, e.g.
   * without the field, does not count as left out). As a data-provider row it checks the
   * requirements named after it, as the catalog names them: {@code ...is-admin-true} for {@code
   * isAdmin=true}.
   *
   * @param field the entry's field the filter is about, shown in failures
   * @param what the selected entries in words, e.g. {@code isAdmin true}
   */
  public record Filter(
      String param,
      Object value,
      String field,
      Predicate<JsonNode> selects,
      Predicate<JsonNode> leavesOut,
      String what)
      implements RequirementScope {

    @Override
    public boolean checks(String requirementId) {
      return requirementId.endsWith("." + kebab(param) + "-" + value);
    }

    @Override
    public String toString() {
      return param + "=" + value;
    }

    /** {@code param=value} selects the entries whose boolean field {@code param} is value. */
    public static Filter flag(String param, boolean value) {
      return new Filter(
          param,
          value,
          param,
          e -> e.path(param).isBoolean() && e.path(param).asBoolean() == value,
          e -> e.path(param).isBoolean() && e.path(param).asBoolean() != value,
          param + " " + value);
    }
  }

  /**
   * The two values of a boolean filter; as a data-provider row it checks the requirement named
   * after it ({@code ...is-admin-partition} for {@code isAdmin}).
   */
  public record Partition(String param) implements RequirementScope {
    @Override
    public boolean checks(String requirementId) {
      return requirementId.endsWith("." + kebab(param) + "-partition");
    }

    @Override
    public String toString() {
      return param;
    }
  }

  /** isEditable -> is-editable: a parameter as the requirement catalog writes it in ids. */
  static String kebab(String param) {
    return param.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * FilterSelects: for every caller, {@code route?param=value} lists only entries the filter
   * selects. Skips when no caller's unfiltered list holds an entry the filter must leave out: then
   * the filter cannot be observed.
   */
  public static void filterSelects(List<ListRead> callers, Filter f) {
    String request = callers.get(0).route() + "?" + f.param() + "=" + f.value();
    int leftOut = 0;
    for (ListRead l : callers) {
      leftOut += (int) l.get().stream().filter(f.leavesOut()).count();
      for (JsonNode e : l.get(f.param(), f.value())) {
        that(
            f.selects().test(e),
            request + " lists only entries with " + f.what(),
            f.what() + " for every listed entry",
            l.key().apply(e)
                + " with "
                + f.field()
                + " "
                + e.path(f.field())
                + " (as "
                + l.caller()
                + ")");
      }
    }
    if (leftOut == 0) {
      throw new SkipException(
          "no caller's "
              + callers.get(0).route()
              + " lists an entry "
              + request
              + " must leave out");
    }
  }

  /**
   * BooleanFilterPartitions: for every caller, {@code param=true} and {@code param=false} list
   * disjoint sets of entries that together are the unfiltered list (compared by key).
   */
  public static void booleanFilterPartitions(List<ListRead> callers, Partition p) {
    String param = p.param();
    for (ListRead l : callers) {
      Set<String> all = new TreeSet<>(l.keySet());
      Set<String> yes = new TreeSet<>(l.keySet(param, true));
      Set<String> no = new TreeSet<>(l.keySet(param, false));
      Set<String> both = new TreeSet<>(yes);
      both.retainAll(no);
      that(
          both.isEmpty(),
          l.route() + "?" + param + "=true and =false are disjoint",
          "no entry in both",
          both + " (as " + l.caller() + ")");
      Set<String> union = new TreeSet<>(yes);
      union.addAll(no);
      that(
          union.equals(all),
          l.route() + "?" + param + "=true and =false together give " + l.route(),
          all.toString(),
          union + " (as " + l.caller() + ")");
    }
  }

  /**
   * HonoursLimit: {@code limit=x} gives the first x entries of the unlimited list, for x = 1, n - 1
   * and (when the unlimited list is below the default limit, so holds every entry) n + 1. Needs at
   * least two entries.
   */
  public static void honoursLimit(ListRead l, int defaultLimit) {
    List<String> all = l.keys();
    Set<Integer> xs = new TreeSet<>(List.of(1, all.size() - 1));
    if (all.size() < defaultLimit) {
      xs.add(all.size() + 1);
    }
    for (int x : xs) {
      equal(
          l.keys("limit", x),
          all.subList(0, Math.min(x, all.size())),
          l.route() + "?limit=x gives the first x entries of " + l.route());
    }
  }

  /**
   * DefaultLimit: without limit at most {@code limit} entries, the same as with {@code limit}, and
   * when {@code limit + 1} gives more, exactly its first {@code limit}.
   */
  public static void defaultLimit(ListRead l, int limit) {
    List<String> byDefault = l.keys();
    that(
        byDefault.size() <= limit,
        l.route() + " without limit gives at most " + limit,
        "at most " + limit + " entries",
        byDefault.size());
    equal(
        byDefault,
        l.keys("limit", limit),
        l.route() + " without limit gives what limit=" + limit + " gives");
    List<String> more = l.keys("limit", limit + 1);
    if (more.size() <= limit) {
      // a server without any default limit gives the same: the check could not be made
      throw new org.testng.SkipException(
          l.route()
              + " has only "
              + more.size()
              + " entries here, so a default limit of "
              + limit
              + " cannot show (the suite makes more than "
              + limit
              + " only on the embedded server)");
    }
    equal(
        byDefault,
        more.subList(0, limit),
        l.route() + " without limit gives the first " + limit + " entries");
  }
}
