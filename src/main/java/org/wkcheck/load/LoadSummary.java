package org.wkcheck.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wkcheck.load.baseline.Comparison;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verdict and the numbers of one load run: {@code summary.json} (per request name: count,
 * errors, requests/s, p50/p95/p99/max in ms, bytes/s; the SLO verdicts as Gatling evaluated them;
 * the correctness checks; the early stop; what was left on the target) and {@code summary.md}.
 */
public final class LoadSummary {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The load a run applied, as summary.json gives it: open (a rate) or closed (users). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Load(
      String model,
      Double journeysPerSecond,
      Integer concurrentUsers,
      int rampSeconds,
      int durationSeconds,
      int batchSize,
      int maxRequestsPerSecond,
      int sampleEvery) {}

  private final ObjectNode root;
  private final List<String> reasons = new ArrayList<>();
  private Comparison comparison;

  private LoadSummary(ObjectNode root) {
    this.root = root;
  }

  /**
   * Puts the run together from its files and Gatling's outcome.
   *
   * @param left what could not be removed from the target
   */
  public static LoadSummary of(
      String simulation,
      LoadSettings settings,
      boolean embedded,
      GatlingLauncher.Outcome outcome,
      List<String> left)
      throws IOException {
    return build(
        simulation,
        settings,
        embedded,
        objective ->
            outcome.assertions().stream()
                .filter(x -> x.text().contains(objective))
                .findFirst()
                .map(a -> new Judged(a.passed(), a.actual()))
                .orElse(null),
        new Ending(
            outcome.exitCode(),
            outcome.killed(),
            outcome.outOfMemory(),
            outcome.reportIndex(),
            outcome.millis()),
        left);
  }

  /** An objective as judged: met or not, and the actual value. */
  public record Judged(boolean met, String actual) {}

  /**
   * How the load generator ended: its exit code, whether it was killed or ran out of memory, its
   * HTML report (or null), and how long the run took.
   */
  public record Ending(
      int exitCode, boolean killed, boolean outOfMemory, Path reportIndex, long millis) {}

  /** What Gatling calls the objectives in its assertions, by summary name. */
  public static final java.util.Map<String, String> OBJECTIVES =
      java.util.Map.of(
          "p95", "95th percentile of response time",
          "p99", "99th percentile of response time",
          "errors", "percentage of failed events");

  /**
   * Puts a run together from its files.
   *
   * @param judge an objective's verdict by its text in {@link #OBJECTIVES}, or null when it was not
   *     evaluated
   * @param left what could not be removed from the target
   */
  public static LoadSummary build(
      String simulation,
      LoadSettings settings,
      boolean embedded,
      java.util.function.Function<String, Judged> judge,
      Ending outcome,
      List<String> left)
      throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("simulation", simulation);
    r.put("runId", settings.runId());
    r.put("target", settings.target() + settings.apiPrefix());
    r.put("embeddedServer", embedded);
    r.set(
        "load",
        JSON.valueToTree(
            new Load(
                settings.rate() != null ? "open" : "closed",
                settings.rate(),
                settings.rate() != null ? null : settings.users(),
                settings.rampSeconds(),
                settings.durationSeconds(),
                settings.batchSize(),
                settings.maxRps(),
                settings.sampleEvery())));

    LoadSummary s = new LoadSummary(r);
    Path dir = settings.runDir();
    JsonNode stats = read(dir.resolve("stats.json"));
    JsonNode correctness = read(dir.resolve("correctness.json"));
    r.put("windowSeconds", stats == null ? 0 : stats.path("windowSeconds").asDouble());
    ObjectNode requests = r.putObject("requests");
    if (stats != null) {
      for (var e : stats.path("requests").properties()) {
        JsonNode v = e.getValue();
        ObjectNode q = requests.putObject(e.getKey());
        long count = v.path("count").asLong();
        q.put("count", count);
        q.put("errors", v.path("errors").asLong());
        q.put("errorPercent", count == 0 ? 0 : round(v.path("errors").asLong() * 100.0 / count));
        q.put("requestsPerSecond", round(v.path("requestsPerSecond").asDouble()));
        q.put("p50Ms", v.path("p50").asLong());
        q.put("p95Ms", v.path("p95").asLong());
        q.put("p99Ms", v.path("p99").asLong());
        q.put("maxMs", v.path("max").asLong());
        q.put("meanMs", round(v.path("mean").asDouble()));
        q.put("bytes", v.path("bytes").asLong());
        q.put("bytesPerSecond", Math.round(v.path("bytesPerSecond").asDouble()));
        if (!v.path("failures").isEmpty()) {
          q.set("failures", v.path("failures"));
        }
      }
    } else {
      s.reasons.add("the run recorded no statistics (see gatling.log)");
    }

    ArrayNode slo = r.putArray("slo");
    String[][] objectives = {
      {"p95", OBJECTIVES.get("p95"), "< " + settings.p95Ms() + " ms"},
      {"p99", OBJECTIVES.get("p99"), "< " + settings.p99Ms() + " ms"},
      {"errors", OBJECTIVES.get("errors"), "<= " + settings.maxErrorPercent() + " %"}
    };
    for (String[] o : objectives) {
      ObjectNode v = slo.addObject();
      v.put("name", o[0]);
      v.put("objective", o[2]);
      Judged a = judge.apply(o[1]);
      if (a == null) {
        v.put("verdict", "not evaluated");
        if (correctness == null || correctness.path("setupProblem").isNull()) {
          s.reasons.add("Gatling did not evaluate the " + o[0] + " objective");
        }
      } else {
        v.put("verdict", a.met() ? "met" : "breached");
        v.put("actual", a.actual());
        if (!a.met()) {
          s.reasons.add("SLO breached: " + o[0] + " " + o[2] + ", actual " + a.actual());
        }
      }
    }

    ObjectNode c = r.putObject("correctness");
    if (correctness != null) {
      c.set("checks", correctness.path("checks"));
      c.put("samplesSkipped", correctness.path("samplesSkipped").asLong());
      long responses = 0;
      long validated = 0;
      for (JsonNode v : correctness.path("validation")) {
        responses += v.path("responses").asLong();
        validated += v.path("validated").asLong();
      }
      c.put("validatedPercent", responses == 0 ? 0 : round(validated * 100.0 / responses));
      c.set("validation", correctness.path("validation"));
      long dropped = correctness.path("journeysDropped").asLong();
      r.put("journeysDropped", dropped);
      if (dropped > 0) {
        s.reasons.add(
            "the target fell behind: "
                + dropped
                + " journeys were not started because "
                + LoadSettings.MAX_IN_FLIGHT
                + " were in flight");
      }
      long failures = correctness.path("failures").asLong();
      c.put("failures", failures);
      if (failures > 0) {
        correctness
            .path("checks")
            .properties()
            .forEach(
                e -> {
                  if (e.getValue().path("failed").asLong() > 0) {
                    s.reasons.add(
                        "correctness: "
                            + e.getKey()
                            + " failed "
                            + e.getValue().path("failed").asLong()
                            + " of "
                            + e.getValue().path("checked").asLong()
                            + " times");
                  }
                });
      }
      if (!correctness.path("stoppedEarly").isNull()) {
        String why = correctness.path("stoppedEarly").asString();
        r.put("stoppedEarly", why);
        s.reasons.add("stopped early: " + why);
      }
      if (!correctness.path("setupProblem").isNull()) {
        String why = correctness.path("setupProblem").asString();
        r.put("setupProblem", why);
        s.reasons.add("set-up on the target failed: " + why);
      }
    } else {
      s.reasons.add("the run recorded no correctness checks (see gatling.log)");
    }
    if (outcome.outOfMemory()) {
      s.reasons.add(
          "the Gatling JVM ran out of memory and stopped (raise --heap; a target whose answers"
              + " grow without bound ends the run here, not the machine)");
    }
    if (outcome.killed()) {
      s.reasons.add("the Gatling JVM outlived its time bound and was stopped");
    } else if (outcome.exitCode() != 0 && s.reasons.isEmpty()) {
      s.reasons.add("Gatling exited with " + outcome.exitCode() + " (see gatling.log)");
    }
    ArrayNode l = r.putArray("leftOnTarget");
    left.forEach(l::add);
    r.put(
        "gatlingReport",
        outcome.reportIndex() == null
            ? null
            : dir.toAbsolutePath().relativize(outcome.reportIndex().toAbsolutePath()).toString());
    r.put("millis", outcome.millis());
    r.put("passed", s.reasons.isEmpty());
    ArrayNode why = r.putArray("reasons");
    s.reasons.forEach(why::add);
    return s;
  }

  public boolean passed() {
    return reasons.isEmpty();
  }

  /**
   * Adds what a scaled-out run has beyond a single run: the table of its injectors, its injection
   * as a whole, and what was wrong with them.
   */
  public void scaledOut(ArrayNode injectors, ObjectNode injection, List<String> problems) {
    root.put("injectors", injectors.size());
    root.set("injection", injection);
    root.set("perInjector", injectors);
    reasons.addAll(problems);
    refresh();
  }

  /** The verdict and its reasons again, after reasons were added. */
  private void refresh() {
    root.put("passed", reasons.isEmpty());
    ArrayNode why = root.putArray("reasons");
    reasons.forEach(why::add);
  }

  /**
   * Adds the comparison with an earlier run; a regression beyond {@code --fail-on-regression} fails
   * the run with its reason.
   */
  public void against(Comparison c) {
    root.set("baseline", c.json());
    reasons.addAll(c.regressions());
    refresh();
    comparison = c;
  }

  /** What could not be removed from the target. */
  public List<String> leftOnTarget() {
    List<String> out = new ArrayList<>();
    root.path("leftOnTarget").forEach(x -> out.add(x.asString()));
    return out;
  }

  public List<String> reasons() {
    return List.copyOf(reasons);
  }

  public JsonNode json() {
    return root;
  }

  /** Writes summary.json and summary.md into the folder. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(root));
    Files.writeString(dir.resolve("summary.md"), markdown());
  }

  /** The per-request table as text lines for the console. */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%-72s %8s %7s %6s %8s %6s %6s %6s %6s %6s %10s",
            "request",
            "count",
            "errors",
            "err%",
            "req/s",
            "mean",
            "p50",
            "p95",
            "p99",
            "max",
            "kB/s"));
    for (var e : root.path("requests").properties()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%-72s %8d %7d %6.2f %8.1f %6.1f %6d %6d %6d %6d %10.1f",
              cells(e.getKey(), e.getValue())));
    }
    return lines;
  }

  /** The failed requests by request name and what went wrong, when any failed. */
  private void failuresMarkdown(StringBuilder b) {
    StringBuilder rows = new StringBuilder();
    for (var e : root.path("requests").properties()) {
      if (e.getKey().equals("all")) {
        continue;
      }
      for (var f : e.getValue().path("failures").properties()) {
        row(rows, "`" + e.getKey() + "`", f.getKey().replace("|", "\\|"), f.getValue().asLong());
      }
    }
    if (!rows.isEmpty()) {
      b.append("\n### Failures\n\n| request | what went wrong | requests |\n|---|---|---|\n");
      b.append(rows);
    }
  }

  /** A request's figures, in the order of both tables: name, count, errors, err %, ..., kB/s. */
  private static Object[] cells(String name, JsonNode q) {
    return new Object[] {
      name,
      q.path("count").asLong(),
      q.path("errors").asLong(),
      q.path("errorPercent").asDouble(),
      q.path("requestsPerSecond").asDouble(),
      q.path("meanMs").asDouble(),
      q.path("p50Ms").asLong(),
      q.path("p95Ms").asLong(),
      q.path("p99Ms").asLong(),
      q.path("maxMs").asLong(),
      q.path("bytesPerSecond").asLong() / 1000.0
    };
  }

  private String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# wkcheck load: ").append(root.path("simulation").asString()).append("\n\n");
    b.append("- Verdict: **").append(passed() ? "passed" : "failed").append("**\n");
    for (String r : reasons) {
      b.append("  - ").append(r).append('\n');
    }
    b.append("- Target: ").append(root.path("target").asString());
    b.append(root.path("embeddedServer").asBoolean() ? " (embedded reference server)" : "");
    b.append("\n- Run: ").append(root.path("runId").asString());
    b.append(
        String.format(Locale.ROOT, ", %.1f s of requests", root.path("windowSeconds").asDouble()));
    if (root.hasNonNull("gatlingReport")) {
      b.append("\n- Gatling report: [")
          .append(root.path("gatlingReport").asString())
          .append("](")
          .append(root.path("gatlingReport").asString())
          .append(')');
    }
    b.append("\n\n## Load\n\n| setting | value |\n|---|---|\n");
    JsonNode load = root.path("load");
    if (load.has("journeysPerSecond")) {
      row(b, "model", "open: journeys arrive at a set rate");
      row(b, "rate", load.path("journeysPerSecond").asDouble() + " journeys/s");
    } else {
      row(b, "model", "closed: a set number of journeys at once");
      row(b, "concurrent users", load.path("concurrentUsers").asLong());
    }
    row(b, "ramp", load.path("rampSeconds").asLong() + " s");
    row(b, "hold", load.path("durationSeconds").asLong() + " s");
    row(b, "tasks per POST /tasks", load.path("batchSize").asLong());
    row(b, "rate cap", load.path("maxRequestsPerSecond").asLong() + " requests/s");
    row(
        b,
        "responses checked against the contract",
        String.format(
            Locale.ROOT,
            "%s; %.2f %% of them were",
            load.path("sampleEvery").asLong() == 1
                ? "every one while the validator keeps up, a random share beyond"
                : "the first and every " + load.path("sampleEvery").asLong() + "th of each request",
            root.path("correctness").path("validatedPercent").asDouble()));
    b.append(
        "\n## Service level objectives\n\n| objective | target | verdict | actual |\n|---|---|---|---|\n");
    for (JsonNode o : root.path("slo")) {
      row(
          b,
          o.path("name").asString(),
          o.path("objective").asString(),
          o.path("verdict").asString(),
          o.path("actual").isMissingNode()
              ? ""
              : o.path("actual").asString()
                  + (o.path("name").asString().equals("errors") ? " %" : " ms"));
    }
    b.append(
        "\n## Requests\n\n| request | count | errors | err % | req/s | mean ms | p50 ms | p95 ms |"
            + " p99 ms | max ms | kB/s |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var e : root.path("requests").properties()) {
      row(b, cells("`" + e.getKey() + "`", e.getValue()));
    }
    failuresMarkdown(b);
    if (root.has("perInjector")) {
      injectorsMarkdown(b);
    }
    b.append(
        "\n## Correctness under load\n\n| check | checked | failed | examples |\n|---|---|---|---|\n");
    for (var e : root.path("correctness").path("checks").properties()) {
      JsonNode k = e.getValue();
      List<String> ex = new ArrayList<>();
      k.path("examples").forEach(x -> ex.add(x.asString().replace("|", "\\|")));
      row(
          b,
          e.getKey(),
          k.path("checked").asLong(),
          k.path("failed").asLong(),
          String.join("<br>", ex));
    }
    if (!root.path("correctness").path("validation").isEmpty()) {
      b.append(
          "\n### Answers checked against the contract\n\n| request | answers | validated |"
              + " violations |\n|---|---|---|---|\n");
      for (var e : root.path("correctness").path("validation").properties()) {
        row(
            b,
            "`" + e.getKey() + "`",
            e.getValue().path("responses").asLong(),
            e.getValue().path("validated").asLong(),
            e.getValue().path("violations").asLong());
      }
    }
    if (!root.path("leftOnTarget").isEmpty()) {
      b.append("\nLeft on the target: ").append(root.path("leftOnTarget").toString()).append('\n');
    }
    if (comparison != null) {
      b.append(comparison.markdown());
    }
    return b.toString();
  }

  /** The injectors of a scaled-out run: the injection as a whole, then one row each. */
  private void injectorsMarkdown(StringBuilder b) {
    JsonNode n = root.path("injection");
    b.append("\n## Injectors\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%d injectors, %s arrivals, released within %d ms of the agreed start and first"
                + " arrivals within %d ms of each other",
            n.path("injectors").asInt(),
            n.path("arrivals").asString(),
            n.path("releaseSpreadMs").asLong(),
            n.path("startSpreadMs").asLong()));
    if (n.has("plannedJourneysPerSecond")) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %.2f journeys/s planned, %.2f achieved in the hold; %d journeys planned, %d"
                  + " arrived",
              n.path("plannedJourneysPerSecond").asDouble(),
              n.path("achievedJourneysPerSecond").asDouble(),
              n.path("plannedArrivals").asLong(),
              n.path("arrived").asLong()));
    }
    b.append(
        ".\n\n| injector | host | share | start offset ms | arrivals | journeys/s in the hold |"
            + " requests | errors | p95 ms | p99 ms | CPU cores (mean/max) | GC pauses ms (all/worst"
            + " second) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode r : root.path("perInjector")) {
      JsonNode share = r.path("share");
      row(
          b,
          r.path("index").asInt(),
          r.path("host").asString(""),
          share.has("journeysPerSecond")
              ? share.path("journeysPerSecond").asDouble() + " journeys/s"
              : share.path("concurrentUsers").asInt() + " users",
          r.path("startOffsetMs").asLong(),
          r.path("arrivals").asLong(),
          r.path("achievedJourneysPerSecond").asDouble(),
          r.path("requests").asLong(),
          r.path("errors").asLong(),
          r.path("p95Ms").asLong(),
          r.path("p99Ms").asLong(),
          r.path("meanCpuCores").asDouble() + " / " + r.path("maxCpuCores").asDouble(),
          r.path("gcPauseMs").asLong() + " / " + r.path("maxGcPauseMsPerSecond").asLong());
    }
  }

  /** One row of a Markdown table. */
  private static void row(StringBuilder b, Object... cells) {
    b.append("| ");
    for (int i = 0; i < cells.length; i++) {
      b.append(i == 0 ? "" : " | ").append(cells[i]);
    }
    b.append(" |\n");
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  private static JsonNode read(Path file) {
    try {
      return Files.isRegularFile(file) ? JSON.readTree(Files.readString(file)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
