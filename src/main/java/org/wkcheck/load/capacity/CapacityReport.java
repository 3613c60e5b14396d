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
    ObjectNode set = r.putObject("settings");
    set.put("startRate", o.startRate());
    set.put("maxRate", o.maxRate());
    set.put("maxRps", o.base().maxRps());
    set.put("resolutionPercent", o.resolutionPercent());
    set.put("stepSeconds", o.stepSeconds());
    set.put("settleSeconds", o.settleSeconds());
    set.put("warmUpSeconds", o.warmUpSeconds());
    set.put("repeats", o.repeats());
    set.put("confirmSeconds", o.confirmSeconds());
    set.put("budgetMinutes", o.budget().toMinutes());
    ObjectNode slo = set.putObject("slo");
    slo.put("p95Ms", o.base().p95Ms());
    slo.put("p99Ms", o.base().p99Ms());
    slo.put("errorPercent", o.base().maxErrorPercent());

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
      StepResult x = st.result();
      ObjectNode n = steps.addObject();
      n.put("index", st.index());
      n.put("phase", st.phase());
      n.put("plannedRate", round(x.plannedRate()));
      n.put("achievedRate", round(x.achievedRate()));
      n.put("completionRate", round(x.completionRate()));
      n.put("requestsPerSecond", round(x.requestsPerSecond()));
      n.put("requests", x.requests());
      n.put("p50Ms", x.p50());
      n.put("p95Ms", x.p95());
      n.put("p99Ms", x.p99());
      n.put("p999Ms", x.p999());
      n.put("maxMs", x.max());
      n.put("errorPercent", round(x.errorPercent()));
      n.put("inFlightTrendPerSecond", round(x.inFlightSlope()));
      n.put("droppedJourneys", x.dropped());
      n.put("generatorCores", round(x.generatorCores()));
      n.put("holdSeconds", round(x.holdSeconds()));
      n.put("verdict", x.verdict().name());
      x.reasons().forEach(n.putArray("reasons")::add);
      n.put("folder", "steps/" + st.dir().getFileName());
    }
    outcome.left().forEach(r.putArray("leftOnTarget")::add);
    return new CapacityReport(r, outcome);
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
    String end = r.path("end").asString();
    return switch (end) {
      case "CORRECTNESS" ->
          "no capacity: the target broke a correctness check under load ("
              + correctnessReason(outcome)
              + ")";
      case "NONE_PASSED" ->
          "no capacity: even the lowest rate tried failed (" + r.path("limitedBy").asString() + ")";
      case "GENERATOR" ->
          String.format(
              Locale.ROOT,
              "the load generator was the limit at %s: the target holds at least %.1f journeys/s"
                  + " (%.1f requests/s); run the generator on more machines to find more",
              r.path("limitedBy").asString(),
              c.path("journeysPerSecond").asDouble(),
              c.path("requestsPerSecond").asDouble());
      case "RATE_CAP" ->
          String.format(
              Locale.ROOT,
              "the target holds at least %.1f journeys/s (%.1f requests/s), the highest rate allowed"
                  + " (--max-rps / --max-rate)",
              c.path("journeysPerSecond").asDouble(),
              c.path("requestsPerSecond").asDouble());
      default ->
          String.format(
              Locale.ROOT,
              "%s holds %.1f journeys/s (%.1f requests/s); at %s journeys/s it fails: %s%s",
              simulation,
              c.path("journeysPerSecond").asDouble(),
              c.path("requestsPerSecond").asDouble(),
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
    b.append(
        "| # | phase | planned /s | achieved /s | req/s | p50 | p95 | p99 | p99.9 | max | err % | in flight /s | gen cores | verdict | why |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode n : root.path("steps")) {
      List<String> why = new ArrayList<>();
      n.path("reasons").forEach(x -> why.add(x.asString().replace("|", "\\|")));
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %.2f | %.1f | %.2f | %s | %s |%n",
              n.path("index").asInt(),
              n.path("phase").asString(),
              n.path("plannedRate").asDouble(),
              n.path("achievedRate").asDouble(),
              n.path("requestsPerSecond").asDouble(),
              n.path("p50Ms").asLong(),
              n.path("p95Ms").asLong(),
              n.path("p99Ms").asLong(),
              n.path("p999Ms").asLong(),
              n.path("maxMs").asLong(),
              n.path("errorPercent").asDouble(),
              n.path("inFlightTrendPerSecond").asDouble(),
              n.path("generatorCores").asDouble(),
              n.path("verdict").asString(),
              String.join("<br>", why)));
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
    h.append("<table><tr><th>#</th><th>phase</th><th>planned /s</th><th>achieved /s</th>")
        .append("<th>req/s</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>err %</th>")
        .append("<th>verdict</th><th>why</th></tr>");
    for (JsonNode n : root.path("steps")) {
      List<String> why = new ArrayList<>();
      n.path("reasons").forEach(x -> why.add(esc(x.asString())));
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%d</td><td>%d</td>"
                  + "<td>%d</td><td>%d</td><td>%.2f</td><td class=\"%s\">%s</td><td style=\"text-align:left\">%s</td></tr>",
              n.path("index").asInt(),
              esc(n.path("phase").asString()),
              n.path("plannedRate").asDouble(),
              n.path("achievedRate").asDouble(),
              n.path("requestsPerSecond").asDouble(),
              n.path("p50Ms").asLong(),
              n.path("p95Ms").asLong(),
              n.path("p99Ms").asLong(),
              n.path("maxMs").asLong(),
              n.path("errorPercent").asDouble(),
              n.path("verdict").asString(),
              n.path("verdict").asString(),
              String.join("<br>", why)));
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
