package org.wkcheck.conformance.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wkcheck.conformance.http.Exchange;
import org.wkcheck.contract.CatalogRequirement;
import org.wkcheck.contract.RequirementCatalog;
import org.wkcheck.contract.Route;
import org.wkcheck.contract.RouteCatalog;
import org.wkcheck.target.Target;

/**
 * The result of a conformance run, requirement by requirement and route by route, built from the
 * tests' outcomes and the catalogs.
 */
public record ConformanceReport(
    String target,
    Integer apiVersion,
    String profile,
    String runId,
    long startedAt,
    long millis,
    Summary summary,
    List<RequirementResult> requirements,
    List<RouteResult> routes,
    List<TestOutcome> tests,
    List<String> leftBehind) {

  /** Counts of testable requirements by status, plus the untestable ones. */
  public record Summary(
      int passed, int failed, int skipped, int notTested, int notTestable, int tests) {}

  public enum Status {
    PASSED,
    FAILED,
    SKIPPED,
    NOT_TESTED,
    NOT_TESTABLE
  }

  public record RequirementResult(
      String id,
      String group,
      String level,
      String statement,
      String quote,
      List<String> routes,
      Status status,
      String message,
      List<String> tests) {}

  public record RouteResult(String method, String path, Status status, int requests) {}

  public static ConformanceReport build(
      Target target,
      RequirementCatalog catalog,
      RouteCatalog routeCatalog,
      List<TestOutcome> outcomes,
      long startedAt,
      long millis,
      List<String> leftBehind) {
    Map<String, List<TestOutcome>> byRequirement = new LinkedHashMap<>();
    for (TestOutcome o : outcomes) {
      for (String id : o.requirements()) {
        byRequirement.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
      }
    }
    List<RequirementResult> reqs = new ArrayList<>();
    int passed = 0, failed = 0, skipped = 0, notTested = 0, notTestable = 0;
    for (CatalogRequirement r : catalog.requirements()) {
      List<TestOutcome> ts = byRequirement.getOrDefault(r.id(), List.of());
      Status s;
      String message;
      if (!r.testable()) {
        s = Status.NOT_TESTABLE;
        message = r.reason();
        notTestable++;
      } else if (ts.isEmpty()) {
        s = Status.NOT_TESTED;
        message = "no test of this run checks it";
        notTested++;
      } else if (ts.stream().anyMatch(t -> t.status() == TestOutcome.Status.FAILED)) {
        s = Status.FAILED;
        TestOutcome f =
            ts.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).findFirst().get();
        message =
            f.failure().title()
                + ": expected "
                + f.failure().expected()
                + ", got "
                + f.failure().actual();
        failed++;
      } else if (ts.stream().anyMatch(t -> t.status() == TestOutcome.Status.PASSED)) {
        s = Status.PASSED;
        message = null;
        passed++;
      } else {
        s = Status.SKIPPED;
        message = ts.get(0).skipReason();
        skipped++;
      }
      reqs.add(
          new RequirementResult(
              r.id(),
              r.group(),
              r.level(),
              r.statement(),
              r.quote(),
              r.routes(),
              s,
              message,
              ts.stream().map(TestOutcome::name).distinct().toList()));
    }
    Map<String, Integer> requests = new LinkedHashMap<>();
    Set<String> failedOn = new HashSet<>();
    for (TestOutcome o : outcomes) {
      for (Exchange e : o.exchanges()) {
        routeOf(routeCatalog, e).ifPresent(id -> requests.merge(id, 1, Integer::sum));
      }
      if (o.status() == TestOutcome.Status.FAILED && o.failure().exchange() != null) {
        routeOf(routeCatalog, o.failure().exchange()).ifPresent(failedOn::add);
      }
    }
    List<RouteResult> routes = new ArrayList<>();
    for (Route route : routeCatalog.routes()) {
      // a route fails only where an exchange on it failed a check; a requirement that failed on
      // another of its routes leaves this one tested, not failed
      List<Status> statuses =
          reqs.stream()
              .filter(r -> r.routes().contains(route.id()))
              .map(RequirementResult::status)
              .toList();
      Status s =
          failedOn.contains(route.id())
              ? Status.FAILED
              : statuses.contains(Status.PASSED) || statuses.contains(Status.FAILED)
                  ? Status.PASSED
                  : statuses.contains(Status.SKIPPED) ? Status.SKIPPED : Status.NOT_TESTED;
      routes.add(
          new RouteResult(route.method(), route.path(), s, requests.getOrDefault(route.id(), 0)));
    }
    return new ConformanceReport(
        target.baseUrl(),
        target.apiVersion(),
        catalog.profile(),
        target.runId(),
        startedAt,
        millis,
        new Summary(passed, failed, skipped, notTested, notTestable, outcomes.size()),
        reqs,
        routes,
        outcomes,
        leftBehind);
  }

  /** The documented route an exchange was made on, if any. */
  private static Optional<String> routeOf(RouteCatalog routes, Exchange e) {
    return pathOf(e.url()).flatMap(p -> routes.match(e.method(), p)).map(m -> m.route().id());
  }

  private static Optional<String> pathOf(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      return Optional.ofNullable(u.getRawPath());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The result of the requirement with this id; NoSuchElementException if the report has none. */
  public RequirementResult requirement(String id) {
    return requirements.stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
  }

  /** Exit code of the run: 0 iff no testable requirement failed. */
  public int exitCode() {
    return summary.failed() == 0 ? 0 : 1;
  }
}
