package org.wkcheck.load.capacity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.baseline.Comparison;
import org.wkcheck.report.OfflineHtml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a capacity search found, as {@code capacity.json} (the headline, the limit, every step),
 * {@code capacity.md}, the chart ({@code capacity.png}, {@code capacity.svg}), one self-contained
 * offline {@code capacity.html}, and the percentile spectra ({@code .hgrm}) at the found and at the
 * first failing rate.
 */
public final class CapacityReport {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .build();

  private final ObjectNode root;
  private final CapacityRun.Outcome outcome;
  private Comparison comparison;

  private CapacityReport(ObjectNode root, CapacityRun.Outcome outcome) {
    this.root = root;
    this.outcome = outcome;
  }

  public JsonNode json() {
    return root;
  }

  /** Adds the comparison with an earlier capacity run, before the report is written. */
  public void against(Comparison c) {
    root.set("baseline", c.json());
    comparison = c;
  }

  /** Whether the comparison with the baseline found a regression beyond the threshold. */
  public boolean regressed() {
    return comparison != null && comparison.regressed();
  }

  /** The report of a finished search. */
  public static CapacityReport of(
      String simulation,
      String target,
      boolean embedded,
      String runId,
      CapacityRun.Options o,
      CapacityRun.Outcome outcome) {
    Search s = outcome.search();
    ObjectNode r = JSON.createObjectNode();
    r.put("simulation", simulation);
    r.put("target", target);
    r.put("embeddedServer", embedded);
    r.put("runId", runId);
    r.put("millis", outcome.millis());
    ObjectNode settings = JSON.valueToTree(o.plan());
    settings.put("maxRps", o.base().maxRps());
    settings.set(
        "slo",
        JSON.valueToTree(new Slo(o.base().p95Ms(), o.base().p99Ms(), o.base().maxErrorPercent())));
    r.set("settings", settings);
    // a target that answers wrongly under load has no capacity, whatever rates passed before
    boolean none = outcome.warmUpProblem() != null || s.end() == Search.End.CORRECTNESS;
    double journeys = none ? 0 : s.passing();
    double requests =
        outcome.steps().stream()
            .filter(
                st ->
                    st.result().verdict() == Verdict.PASS
                        && Math.abs(st.result().plannedRate() - journeys) < 1e-9)
            .mapToDouble(st -> st.result().requestsPerSecond())
            .max()
            .orElse(0);
    ObjectNode cap = r.putObject("capacity");
    cap.put("journeysPerSecond", round(journeys));
    cap.put("requestsPerSecond", round(requests));
    cap.put("atLeast", s.end() != Search.End.FOUND);
    if (s.failing() != Double.POSITIVE_INFINITY) {
      r.put("firstFailingRate", round(s.failing()));
    } else {
      r.putNull("firstFailingRate");
    }
    if (Double.isFinite(s.bracketPercent())) {
      r.put("resolutionReachedPercent", round(s.bracketPercent()));
    } else {
      r.putNull("resolutionReachedPercent");
    }
    r.put("repeatsAgreeing", agreeing(outcome.steps(), journeys, s.failing()));
    r.put("end", outcome.warmUpProblem() != null ? "SETUP_FAILED" : s.end().name());
    r.put("limitedBy", limitedBy(outcome, s));
    r.put("summary", summary(simulation, r, outcome));
    ArrayNode steps = r.putArray("steps");
    for (CapacityRun.Step st : outcome.steps()) {
      steps.add(JSON.valueToTree(StepRow.of(st)));
    }
    outcome.left().forEach(r.putArray("leftOnTarget")::add);
    return new CapacityReport(r, outcome);
  }

  /** The objectives each step is held to. */
  record Slo(int p95Ms, int p99Ms, double errorPercent) {}

  /** One step, as capacity.json gives it. */
  record StepRow(
      int index,
      String phase,
      double plannedRate,
      double achievedRate,
      double completionRate,
      double requestsPerSecond,
      long requests,
      long p50Ms,
      long p95Ms,
      long p99Ms,
      long p999Ms,
      long maxMs,
      double errorPercent,
      double inFlightTrendPerSecond,
      long droppedJourneys,
      double generatorCores,
      double holdSeconds,
      String verdict,
      List<String> reasons,
      String folder) {
    static StepRow of(CapacityRun.Step st) {
      StepResult x = st.result();
      return new StepRow(
          st.index(),
          st.phase(),
          round(x.plannedRate()),
          round(x.achievedRate()),
          round(x.completionRate()),
          round(x.requestsPerSecond()),
          x.requests(),
          x.p50(),
          x.p95(),
          x.p99(),
          x.p999(),
          x.max(),
          round(x.errorPercent()),
          round(x.inFlightSlope()),
          x.dropped(),
          round(x.generatorCores()),
          round(x.holdSeconds()),
          x.verdict().name(),
          List.copyOf(x.reasons()),
          "steps/" + st.dir().getFileName());
    }
  }

  /** What limits the target (or the search), for the headline. */
  private static String limitedBy(CapacityRun.Outcome outcome, Search s) {
    if (outcome.warmUpProblem() != null) {
      return "set-up";
    }
    switch (s.end()) {
      case RATE_CAP:
        return "rate-cap";
      case CORRECTNESS:
        return "correctness";
      case GENERATOR:
        return outcome.steps().isEmpty()
            ? "generator"
            : String.join(", ", outcome.steps().get(outcome.steps().size() - 1).result().limits());
      default:
        break;
    }
    Set<String> limits = new LinkedHashSet<>();
    for (CapacityRun.Step st : outcome.steps()) {
      if (st.result().verdict() == Verdict.FAIL
          && Math.abs(st.result().plannedRate() - s.failing()) < 1e-9) {
        limits.addAll(st.result().limits());
      }
    }
    if (limits.isEmpty()) {
      return s.end() == Search.End.BUDGET ? "budget" : "unknown";
    }
    return String.join(", ", limits);
  }

  /** How the repeats at the boundary agreed: "found rate 3/3 pass, failing rate 2/2 fail". */
  private static String agreeing(List<CapacityRun.Step> steps, double passing, double failing) {
    return "found rate "
        + votes(steps, passing, Verdict.PASS)
        + ", first failing rate "
        + votes(steps, failing, Verdict.FAIL);
  }

  private static String votes(List<CapacityRun.Step> steps, double rate, Verdict wanted) {
    List<CapacityRun.Step> at =
        steps.stream().filter(st -> Math.abs(st.result().plannedRate() - rate) < 1e-9).toList();
    long agree = at.stream().filter(st -> st.result().verdict() == wanted).count();
    return at.isEmpty()
        ? "untried"
        : agree + "/" + at.size() + " " + wanted.name().toLowerCase(Locale.ROOT);
  }

  private static String summary(String simulation, ObjectNode r, CapacityRun.Outcome outcome) {
    if (outcome.warmUpProblem() != null) {
      return "no capacity: " + outcome.warmUpProblem();
    }
    JsonNode c = r.path("capacity");
    String capacity =
        String.format(
            Locale.ROOT,
            "%.1f journeys/s (%.1f requests/s)",
            c.path("journeysPerSecond").asDouble(),
            c.path("requestsPerSecond").asDouble());
    String end = r.path("end").asString();
    return switch (end) {
      case "CORRECTNESS" ->
          "no capacity: the target broke a correctness check under load ("
              + correctnessReason(outcome)
              + ")";
      case "NONE_PASSED" ->
          "no capacity: even the lowest rate tried failed (" + r.path("limitedBy").asString() + ")";
      case "GENERATOR" ->
          "the load generator was the limit at "
              + r.path("limitedBy").asString()
              + ": the target holds at least "
              + capacity
              + "; run the generator on more machines to find more";
      case "RATE_CAP" ->
          "the target holds at least "
              + capacity
              + ", the highest rate allowed (--max-rps / --max-rate)";
      default ->
          String.format(
              Locale.ROOT,
              "%s holds %s; at %s journeys/s it fails: %s%s",
              simulation,
              capacity,
              r.path("firstFailingRate").isNumber()
                  ? String.format(Locale.ROOT, "%.1f", r.path("firstFailingRate").asDouble())
                  : "no rate tried",
              r.path("limitedBy").asString(),
              end.equals("BUDGET") ? " (the time budget ended the search)" : "");
    };
  }

  /**
   * Writes every file of the report into {@code dir}; says on {@code err} what could not be drawn.
   */
  public void write(Path dir, PrintStream err) throws IOException {
    Files.createDirectories(dir);
    spectra(dir);
    boolean chart = true;
    try {
      CapacityChart.write(
          dir,
          root.path("summary").asString(),
          outcome.steps(),
          new StepResult.Objectives(
              root.path("settings").path("slo").path("p95Ms").asInt(),
              root.path("settings").path("slo").path("p99Ms").asInt(),
              root.path("settings").path("slo").path("errorPercent").asDouble()),
          root.path("capacity").path("requestsPerSecond").asDouble());
      root.putObject("charts").put("png", "capacity.png").put("svg", "capacity.svg");
    } catch (IOException | RuntimeException | Error e) { // AWT without fonts throws Errors
      chart = false;
      err.println("wkcheck capacity: the chart could not be drawn: " + e);
    }
    Files.writeString(dir.resolve("capacity.json"), JSON.writeValueAsString(root));
    Files.writeString(dir.resolve("capacity.md"), markdown(chart));
    html(dir, chart, err);
  }

  /** The percentile spectra of the found and of the first failing rate's step. */
  private void spectra(Path dir) throws IOException {
    ObjectNode sp = root.putObject("spectra");
    double found = root.path("capacity").path("journeysPerSecond").asDouble();
    JsonNode failing = root.path("firstFailingRate");
    for (CapacityRun.Step st : outcome.steps()) {
      StepResult x = st.result();
      String name =
          x.verdict() == Verdict.PASS && Math.abs(x.plannedRate() - found) < 0.05
              ? "found"
              : failing.isNumber()
                      && x.verdict() == Verdict.FAIL
                      && Math.abs(x.plannedRate() - failing.asDouble()) < 0.05
                  ? "failing"
                  : null;
      if (name == null || sp.has(name) || x.windowEnd() == 0) {
        continue;
      }
      Histogram h =
          StepResult.latencies(
              st.dir().resolve(LoadRun.LATENCY_LOG), x.windowStart(), x.windowEnd());
      Path file = dir.resolve("spectrum-" + name + ".hgrm");
      try (PrintStream out =
          new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
        h.outputPercentileDistribution(out, 1.0);
      }
      sp.put(name, file.getFileName().toString());
    }
  }

  private String markdown(boolean chart) {
    StringBuilder b = new StringBuilder();
    b.append("# wkcheck capacity: ").append(root.path("simulation").asString()).append("\n\n");
    b.append("**").append(root.path("summary").asString()).append("**\n\n");
    b.append("- Target: ")
        .append(root.path("target").asString())
        .append(root.path("embeddedServer").asBoolean() ? " (embedded reference server)" : "")
        .append('\n');
    b.append("- Limited by: ").append(root.path("limitedBy").asString()).append('\n');
    b.append("- Bracket: ")
        .append(root.path("resolutionReachedPercent"))
        .append(" % (asked ")
        .append(root.path("settings").path("resolutionPercent"))
        .append(" %); ")
        .append(root.path("repeatsAgreeing").asString())
        .append('\n');
    JsonNode slo = root.path("settings").path("slo");
    b.append("- Objectives: p95 < ")
        .append(slo.path("p95Ms"))
        .append(" ms, p99 < ")
        .append(slo.path("p99Ms"))
        .append(" ms, errors ≤ ")
        .append(slo.path("errorPercent"))
        .append(" %, no queue growth, no correctness failure\n");
    b.append(
        String.format(
            Locale.ROOT,
            "- Search: %d steps in %.0f s%n%n",
            outcome.steps().size(),
            outcome.millis() / 1000.0));
    if (chart) {
      b.append("![latency and errors against throughput](capacity.png)\n\n");
    }
    b.append("| ").append(String.join(" | ", STEP_COLUMNS)).append(" |\n");
    b.append("|---".repeat(STEP_COLUMNS.size())).append("|\n");
    for (JsonNode n : root.path("steps")) {
      b.append("| ")
          .append(String.join(" | ", stepCells(n, c -> c.replace("|", "\\|"))))
          .append(" |\n");
    }
    if (!root.path("leftOnTarget").isEmpty()) {
      b.append("\nLeft on the target: ").append(root.path("leftOnTarget")).append('\n');
    }
    if (comparison != null) {
      b.append(comparison.markdown());
    }
    return b.toString();
  }

  /** One offline HTML page: the summary, the chart inline as SVG, the steps. */
  private void html(Path dir, boolean chart, PrintStream err) throws IOException {
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">");
    h.append("<title>wkcheck capacity</title><style>body{font-family:sans-serif;margin:2em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;")
        .append("text-align:right}.PASS{color:#2ca02c}.FAIL{color:#d62728}.INVALID{color:#777}")
        .append("</style></head><body>");
    h.append("<h1>wkcheck capacity: ")
        .append(esc(root.path("simulation").asString()))
        .append("</h1>");
    h.append("<p><b>").append(esc(root.path("summary").asString())).append("</b></p>");
    h.append("<p>Target ")
        .append(esc(root.path("target").asString()))
        .append("; limited by ")
        .append(esc(root.path("limitedBy").asString()))
        .append("</p>");
    if (chart) {
      String svg = Files.readString(dir.resolve("capacity.svg"));
      h.append(svg.substring(Math.max(0, svg.indexOf("<svg"))));
    }
    h.append("<table><tr>");
    STEP_COLUMNS.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>");
    for (JsonNode n : root.path("steps")) {
      List<String> cells = stepCells(n, CapacityReport::esc);
      h.append("<tr>");
      for (int i = 0; i < cells.size(); i++) {
        String column = STEP_COLUMNS.get(i);
        String attributes =
            column.equals("verdict")
                ? " class=\"" + cells.get(i) + "\""
                : column.equals("why") ? " style=\"text-align:left\"" : "";
        h.append("<td").append(attributes).append('>').append(cells.get(i)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table></body></html>\n");
    List<OfflineHtml.Finding> findings = OfflineHtml.scanHtml(h.toString(), "capacity.html");
    if (!findings.isEmpty()) {
      err.println(
          "wkcheck capacity: capacity.html not written, it would contact other hosts: " + findings);
      return;
    }
    Files.writeString(dir.resolve("capacity.html"), h);
  }

  /** The columns of the step table, in capacity.md and capacity.html alike. */
  private static final List<String> STEP_COLUMNS =
      List.of(
          "#",
          "phase",
          "planned /s",
          "achieved /s",
          "req/s",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "p99.9 ms",
          "max ms",
          "err %",
          "in flight /s",
          "gen cores",
          "verdict",
          "why");

  /** One step's row of the step table; {@code escape} is applied to the text cells. */
  private static List<String> stepCells(JsonNode n, UnaryOperator<String> escape) {
    List<String> why = new ArrayList<>();
    n.path("reasons").forEach(x -> why.add(escape.apply(x.asString())));
    return List.of(
        Integer.toString(n.path("index").asInt()),
        escape.apply(n.path("phase").asString()),
        String.format(Locale.ROOT, "%.1f", n.path("plannedRate").asDouble()),
        String.format(Locale.ROOT, "%.1f", n.path("achievedRate").asDouble()),
        String.format(Locale.ROOT, "%.1f", n.path("requestsPerSecond").asDouble()),
        Long.toString(n.path("p50Ms").asLong()),
        Long.toString(n.path("p95Ms").asLong()),
        Long.toString(n.path("p99Ms").asLong()),
        Long.toString(n.path("p999Ms").asLong()),
        Long.toString(n.path("maxMs").asLong()),
        String.format(Locale.ROOT, "%.2f", n.path("errorPercent").asDouble()),
        String.format(Locale.ROOT, "%.1f", n.path("inFlightTrendPerSecond").asDouble()),
        String.format(Locale.ROOT, "%.2f", n.path("generatorCores").asDouble()),
        n.path("verdict").asString(),
        String.join("<br>", why));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String correctnessReason(CapacityRun.Outcome outcome) {
    return outcome.steps().stream()
        .filter(st -> st.result().limits().contains("correctness"))
        .flatMap(st -> st.result().reasons().stream())
        .findFirst()
        .orElse("see the steps");
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
