package org.wkcheck.load.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run against its baseline: the change of every figure, and which gated ones regressed.
 *
 * @param threshold null when the run only reports changes; else {@code --fail-on-regression}
 */
public record Comparison(
    Baseline baseline, List<Change> changes, Double threshold, List<String> notes) {

  /**
   * Latencies are whole milliseconds: a change of one millisecond is the measurement's resolution,
   * never a regression, however large in % (2 ms to 3 ms is +50 %).
   */
  static final double LATENCY_RESOLUTION_MS = 1;

  /**
   * One figure before and after.
   *
   * @param percent the change in % of the baseline, null when the baseline is zero or missing
   */
  public record Change(
      Baseline.Figure figure, Double baseline, Double current, Double percent, boolean regression) {

    static Change of(Baseline.Figure f, Double before, Double now, Double threshold) {
      Double percent =
          before == null || now == null || before == 0 ? null : (now - before) / before * 100;
      boolean worse;
      if (before == null || now == null) {
        // a capacity found before and none now is the largest drop there is
        worse = f.higherIsBetter() && before != null && before > 0 && now == null;
      } else if (f.higherIsBetter()) {
        worse = threshold != null && before > 0 && now < before * (1 - threshold / 100);
      } else {
        worse =
            threshold != null
                && now > before * (1 + threshold / 100)
                && now - before > LATENCY_RESOLUTION_MS;
      }
      return new Change(f, before, now, percent, f.gated() && threshold != null && worse);
    }

    /** "p95: 12 → 15 ms (+25.0 %)". */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "%s: %s → %s %s (%s)",
          figure.label(),
          number(baseline),
          number(current),
          figure.unit(),
          change());
    }

    /** "+25.0 %", "unchanged", or "–" where a percentage has no meaning (from zero, or missing). */
    String change() {
      if (baseline != null && baseline.equals(current)) {
        return "unchanged";
      }
      return percent == null ? "–" : String.format(Locale.ROOT, "%+.1f %%", percent);
    }
  }

  /** Whether a gated figure moved the wrong way by more than the threshold. */
  public boolean regressed() {
    return changes.stream().anyMatch(Change::regression);
  }

  /** One line per regression, for the run's reasons. */
  public List<String> regressions() {
    List<String> out = new ArrayList<>();
    for (Change c : changes) {
      if (c.regression()) {
        out.add(
            String.format(
                Locale.ROOT,
                "regression against baseline %s: %s, beyond --fail-on-regression %s %%",
                baseline.runId(),
                c.describe(),
                number(threshold)));
      }
    }
    return out;
  }

  /** The {@code baseline} object of the run's JSON report. */
  public ObjectNode json() {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    b.put("file", baseline.file().toString());
    b.put("runId", baseline.runId());
    if (threshold == null) {
      b.putNull("failOnRegressionPercent");
    } else {
      b.put("failOnRegressionPercent", threshold);
    }
    b.put("regressed", regressed());
    var figures = b.putArray("figures");
    for (Change c : changes) {
      ObjectNode f = figures.addObject();
      f.put("figure", c.figure().key());
      f.put("label", c.figure().label());
      f.put("unit", c.figure().unit());
      putNumber(f, "baseline", c.baseline());
      putNumber(f, "current", c.current());
      putNumber(f, "changePercent", c.percent() == null ? null : round(c.percent()));
      f.put("gated", c.figure().gated());
      f.put("regression", c.regression());
    }
    notes.forEach(b.putArray("notes")::add);
    return b;
  }

  /** The "Against the baseline" section of the run's Markdown report. */
  public String markdown() {
    StringBuilder m = new StringBuilder("\n## Against the baseline\n\n");
    m.append("Baseline: run ")
        .append(baseline.runId())
        .append(" (`")
        .append(baseline.file())
        .append("`)");
    m.append(
        threshold == null
            ? "; changes reported, none judged (no --fail-on-regression).\n\n"
            : String.format(
                Locale.ROOT,
                "; a capacity drop or a p95/p99 rise of more than %s %% fails the run: **%s**.%n%n",
                number(threshold),
                regressed() ? "regressed" : "no regression"));
    for (String n : notes) {
      m.append("- Note: ").append(n.replace("|", "\\|")).append('\n');
    }
    if (!notes.isEmpty()) {
      m.append('\n');
    }
    m.append("| figure | baseline | this run | change | judged | verdict |\n");
    m.append("|---|---|---|---|---|---|\n");
    for (Change c : changes) {
      m.append(
          String.format(
              Locale.ROOT,
              "| %s, %s | %s | %s | %s | %s | %s |%n",
              c.figure().label(),
              c.figure().unit(),
              number(c.baseline()),
              number(c.current()),
              c.change(),
              c.figure().gated() ? "yes" : "no",
              c.regression()
                  ? "**regression**"
                  : c.figure().gated() && threshold != null ? "ok" : ""));
    }
    return m.toString();
  }

  /** Console lines: one per figure, and the verdict. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("Against baseline " + baseline.runId() + " (" + baseline.file() + "):");
    for (Change c : changes) {
      out.add("  " + c.describe() + (c.regression() ? "  REGRESSION" : ""));
    }
    notes.forEach(n -> out.add("  note: " + n));
    return out;
  }

  private static void putNumber(ObjectNode o, String name, Double v) {
    if (v == null) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  private static String number(Double v) {
    if (v == null) {
      return "–";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString(v.longValue())
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
