package org.wkcheck.conformance;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * A data-provider row that checks only some of the requirement ids its test names: a test run once
 * per route (POST /tasks and POST /tasks/createFromFiles) names the requirements of both, and each
 * row checks those of its route. The reports give a row's outcome to its own ids alone, so a
 * departure of one route fails only that route's requirements. {@code RequirementCoverageTest}
 * checks that every row keeps at least one id and the rows together keep all.
 */
public interface RequirementScope {

  /** Whether this row checks the requirement with this id (one its test names). */
  boolean checks(String requirementId);

  /** Whether the id is in the group {@code prefix}: it starts with {@code prefix + "."}. */
  static boolean inGroup(String prefix, String requirementId) {
    return requirementId.startsWith(prefix + ".");
  }

  /**
   * A row for a value (a field, an action, a typ) that checks the requirements with the given ids,
   * or grouped under them.
   */
  record Row(String value, List<String> requirements) implements RequirementScope {
    @Override
    public boolean checks(String requirementId) {
      return requirements.stream()
          .anyMatch(r -> requirementId.equals(r) || inGroup(r, requirementId));
    }

    @Override
    public String toString() {
      return value;
    }
  }

  static Row row(String value, String... requirements) {
    return new Row(value, List.of(requirements));
  }

  /**
   * The ids of the test's {@link Requirement} that a run with these parameters checks: all of them,
   * or those every {@code RequirementScope} among the parameters checks.
   */
  static List<String> of(Method test, Object[] parameters) {
    Requirement r = test.getAnnotation(Requirement.class);
    if (r == null) {
      return List.of();
    }
    List<RequirementScope> scopes =
        parameters == null
            ? List.of()
            : Arrays.stream(parameters)
                .filter(RequirementScope.class::isInstance)
                .map(RequirementScope.class::cast)
                .toList();
    return Arrays.stream(r.value())
        .filter(id -> scopes.stream().allMatch(s -> s.checks(id)))
        .toList();
  }
}
