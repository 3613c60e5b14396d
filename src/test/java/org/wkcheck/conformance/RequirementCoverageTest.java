package org.wkcheck.conformance;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.RequirementCatalog;

/**
 * The suite and the requirement catalog fit together: every test names requirements that exist,
 * every testable requirement has a test, every test class is in the suite.
 */
public class RequirementCoverageTest {
  private static final RequirementCatalog CATALOG = Contract.documented().requirements();

  private static List<Method> tests() {
    List<Method> out = new ArrayList<>();
    for (Class<?> c : Suite.CLASSES) {
      for (Method m : c.getMethods()) {
        if (m.isAnnotationPresent(org.testng.annotations.Test.class)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** Every conformance test MUST name at least one requirement, and only ones the catalog has. */
  @Test
  public void everyTestNamesKnownRequirements() {
    List<String> problems = new ArrayList<>();
    assertTrue(tests().size() > 100, "only " + tests().size() + " tests in Suite.CLASSES");
    for (Method m : tests()) {
      Requirement r = m.getAnnotation(Requirement.class);
      String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
      if (r == null || r.value().length == 0) {
        problems.add(name + " names no requirement");
        continue;
      }
      for (String id : r.value()) {
        var req = CATALOG.byId(id);
        if (req.isEmpty()) {
          problems.add(name + " names unknown requirement " + id);
        } else if (!req.get().testable()) {
          problems.add(name + " names " + id + ", which the catalog says is not testable");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Every testable requirement MUST have at least one test. */
  @Test
  public void everyTestableRequirementHasATest() {
    Set<String> covered = new HashSet<>();
    for (Method m : tests()) {
      Requirement r = m.getAnnotation(Requirement.class);
      if (r != null) {
        covered.addAll(List.of(r.value()));
      }
    }
    List<String> missing =
        CATALOG.requirements().stream()
            .filter(org.wkcheck.contract.CatalogRequirement::testable)
            .map(org.wkcheck.contract.CatalogRequirement::id)
            .filter(id -> !covered.contains(id))
            .toList();
    assertTrue(
        missing.isEmpty(), missing.size() + " testable requirements without a test: " + missing);
  }

  /**
   * A test with a {@link RequirementScope} parameter (a row per route, per filter...) MUST give
   * each row at least one of its requirement ids and the rows together all of them: no row's
   * outcome goes to no requirement, no id goes unchecked.
   */
  @Test
  public void everyScopedRowChecksSomeOfItsRequirements() throws Exception {
    List<String> problems = new ArrayList<>();
    int scoped = 0;
    for (Method m : tests()) {
      if (Arrays.stream(m.getParameterTypes())
          .noneMatch(RequirementScope.class::isAssignableFrom)) {
        continue;
      }
      scoped++;
      String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
      Set<String> checked = new HashSet<>();
      for (Object[] row : rowsOf(m)) {
        List<String> ids = RequirementScope.of(m, row);
        if (ids.isEmpty()) {
          problems.add(name + List.of(row) + " checks none of the test's requirements");
        }
        checked.addAll(ids);
      }
      List<String> unchecked =
          Arrays.stream(m.getAnnotation(Requirement.class).value())
              .filter(id -> !checked.contains(id))
              .toList();
      if (!unchecked.isEmpty()) {
        problems.add(name + ": no row checks " + unchecked);
      }
    }
    assertTrue(scoped > 0, "no test is run per scoped row");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** The rows the test's (static) data provider gives. */
  private static Object[][] rowsOf(Method test) throws Exception {
    org.testng.annotations.Test t = test.getAnnotation(org.testng.annotations.Test.class);
    Class<?> holder =
        t.dataProviderClass() == Object.class ? test.getDeclaringClass() : t.dataProviderClass();
    for (Method p : holder.getMethods()) {
      DataProvider d = p.getAnnotation(DataProvider.class);
      if (d != null && (d.name().isEmpty() ? p.getName() : d.name()).equals(t.dataProvider())) {
        assertTrue(Modifier.isStatic(p.getModifiers()), p + " must be static");
        return (Object[][]) p.invoke(null);
      }
    }
    throw new AssertionError("no data provider " + t.dataProvider() + " for " + test);
  }

  /**
   * Every class of the suite package that declares tests MUST be in Suite.CLASSES (and every class
   * there declares tests).
   */
  @Test
  public void everyTestClassRuns() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/org/wkcheck/conformance/suite");
    List<String> listed = Suite.CLASSES.stream().map(Class::getSimpleName).toList();
    List<String> withTests = new ArrayList<>();
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f : files.toList()) {
        if (java.nio.file.Files.readString(f).contains("\n  @Test")) {
          withTests.add(f.getFileName().toString().replace(".java", ""));
        }
      }
    }
    assertEquals(new java.util.TreeSet<>(withTests), new java.util.TreeSet<>(listed));
  }
}
