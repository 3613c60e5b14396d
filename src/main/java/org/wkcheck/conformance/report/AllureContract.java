package org.wkcheck.conformance.report;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestResult;
import org.wkcheck.conformance.RequirementScope;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.RequirementCatalog;

/**
 * Puts the contract into the Allure results: each test case gets a label per requirement id it
 * checks ({@code requirement}), its route group as {@code feature}, each route as {@code story},
 * the requirement level as {@code severity}, and the statements with the document's own words as
 * its description. The test case is described while Allure holds it open, around the test method's
 * invocation (registered after Allure's listener; whichever of before and after finds it open).
 */
public final class AllureContract implements IInvokedMethodListener {
  private static final String DESCRIBED = "wkcheck.allure.described";

  private final AllureLifecycle lifecycle;
  private final RequirementCatalog catalog;

  public AllureContract(AllureLifecycle lifecycle, RequirementCatalog catalog) {
    this.lifecycle = lifecycle;
    this.catalog = catalog;
  }

  @Override
  public void beforeInvocation(IInvokedMethod method, ITestResult r) {
    if (method.isTestMethod()) {
      describe(r);
    }
  }

  @Override
  public void afterInvocation(IInvokedMethod method, ITestResult r) {
    if (method.isTestMethod()) {
      describe(r);
    }
  }

  private void describe(ITestResult r) {
    if (lifecycle.getCurrentTestCase().isEmpty() || r.getAttribute(DESCRIBED) != null) {
      return;
    }
    r.setAttribute(DESCRIBED, Boolean.TRUE);
    List<CatalogRequirement> requirements = new ArrayList<>();
    for (String id :
        RequirementScope.of(
            r.getMethod().getConstructorOrMethod().getMethod(), r.getParameters())) {
      catalog.byId(id).ifPresent(requirements::add);
    }
    if (requirements.isEmpty()) {
      return;
    }
    lifecycle.updateTestCase(tc -> describe(tc, requirements));
  }

  private static void describe(TestResult tc, List<CatalogRequirement> requirements) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> routes = new LinkedHashSet<>();
    StringBuilder text = new StringBuilder();
    String severity = "minor";
    for (CatalogRequirement q : requirements) {
      tc.getLabels().add(label("requirement", q.id()));
      groups.add(q.group());
      routes.addAll(q.routes());
      severity = stronger(severity, q.level());
      text.append(q.id())
          .append(" (")
          .append(q.level())
          .append("): ")
          .append(q.statement())
          .append("\n\nThe document: \u201c")
          .append(q.quote())
          .append("\u201d\n\n");
    }
    groups.forEach(g -> tc.getLabels().add(label("feature", g)));
    routes.forEach(route -> tc.getLabels().add(label("story", route)));
    tc.getLabels().add(label("severity", severity));
    tc.setDescription(text.toString().strip());
  }

  /** MUST is critical, SHOULD normal, MAY minor; the strongest of a test's requirements counts. */
  private static String stronger(String severity, String level) {
    String mapped =
        switch (level) {
          case "MUST" -> "critical";
          case "SHOULD" -> "normal";
          default -> "minor";
        };
    List<String> order = List.of("minor", "normal", "critical");
    return order.indexOf(mapped) > order.indexOf(severity) ? mapped : severity;
  }

  private static Label label(String name, String value) {
    return new Label().setName(name).setValue(value);
  }

  /**
   * Writes {@code environment.properties} into the Allure results: Allure shows it as the run's
   * environment (target, API prefix, profile, wkcheck version).
   */
  public static void environment(Path results, Map<String, String> values) throws IOException {
    Files.createDirectories(results);
    Properties p = new Properties();
    values.forEach(p::setProperty);
    try (var out =
        Files.newBufferedWriter(
            results.resolve("environment.properties"), StandardCharsets.UTF_8)) {
      p.store(out, "wkcheck conformance run");
    }
  }
}
