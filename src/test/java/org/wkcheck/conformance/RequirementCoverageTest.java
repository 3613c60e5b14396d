package org.wkcheck.conformance;

import static org.testng.Assert.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            .filter(org.wkcheck.contract.Requirement::testable)
            .map(org.wkcheck.contract.Requirement::id)
            .filter(id -> !covered.contains(id))
            .toList();
    assertTrue(
        missing.isEmpty(), missing.size() + " testable requirements without a test: " + missing);
  }

  /** Every conformance test class of the suite package MUST be in Suite.CLASSES. */
  @Test
  public void everyTestClassRuns() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/org/wkcheck/conformance/suite");
    List<String> listed = Suite.CLASSES.stream().map(Class::getSimpleName).toList();
    List<String> missing = new ArrayList<>();
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith("Conformance.java") && !listed.contains(n.replace(".java", ""))) {
          missing.add(n);
        }
      }
    }
    assertTrue(missing.isEmpty(), "not in Suite.CLASSES: " + missing);
  }
}
