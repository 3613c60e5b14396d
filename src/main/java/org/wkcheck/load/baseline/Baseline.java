package org.wkcheck.load.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An earlier run's headline figures, read from its {@code capacity.json} (a capacity run) or {@code
 * summary.json} (a load run), to compare a new run of the same kind and simulation with.
 *
 * @param file the report read
 * @param kind the kind of run that wrote it
 * @param report the report
 */
public record Baseline(Path file, Kind kind, JsonNode report) {
  /** A report larger than this is not one wkcheck wrote. */
  static final long MAX_REPORT_BYTES = 32L << 20;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The kind of run, by the report it wrote. */
  public enum Kind {
    CAPACITY("capacity.json", "a capacity run"),
    LOAD("summary.json", "a load run");

    final String file;
    final String noun;

    Kind(String file, String noun) {
      this.file = file;
      this.noun = noun;
    }
  }

  /**
   * One figure of a run.
   *
   * @param gated whether {@code --fail-on-regression} judges it (capacity, p95, p99)
   * @param higherIsBetter throughput and capacity; latencies are better lower
   * @param value the figure in a report, or null when the report does not have it
   */
  public record Figure(
      String key,
      String label,
      String unit,
      boolean gated,
      boolean higherIsBetter,
      Function<JsonNode, Double> value) {}

  /** The figures each kind of run is compared on, in the order reports show them. */
  static final Map<Kind, List<Figure>> FIGURES =
      Map.of(
          Kind.CAPACITY,
          List.of(
              figure("/capacity/requestsPerSecond", "capacity", "requests/s", true, true),
              figure("/capacity/journeysPerSecond", "capacity", "journeys/s", true, true),
              new Figure(
                  "atCapacity.p95Ms",
                  "p95 at capacity",
                  "ms",
                  true,
                  false,
                  r -> atCapacity(r, "p95Ms")),
              new Figure(
                  "atCapacity.p99Ms",
                  "p99 at capacity",
                  "ms",
                  true,
                  false,
                  r -> atCapacity(r, "p99Ms"))),
          Kind.LOAD,
          List.of(
              figure("/requests/all/requestsPerSecond", "throughput", "requests/s", false, true),
              figure("/requests/all/p50Ms", "p50", "ms", false, false),
              figure("/requests/all/meanMs", "mean", "ms", false, false),
              figure("/requests/all/p95Ms", "p95", "ms", true, false),
              figure("/requests/all/p99Ms", "p99", "ms", true, false),
              figure("/requests/all/maxMs", "max", "ms", false, false),
              figure("/requests/all/errorPercent", "errors", "%", false, false)));

  /** A figure that stands at a JSON pointer of the report. */
  private static Figure figure(
      String pointer, String label, String unit, boolean gated, boolean higherIsBetter) {
    String key = pointer.substring(1).replace('/', '.');
    return new Figure(
        key,
        label,
        unit,
        gated,
        higherIsBetter,
        r -> r.at(pointer).isNumber() ? r.at(pointer).asDouble() : null);
  }

  /**
   * Reads the baseline for a run of {@code kind} of {@code simulation}: {@code dir} is a run's
   * folder, its {@code latest} folder, or the reports folder that holds {@code latest}.
   *
   * @throws BaselineException with the reason when there is no such report there, it is not one
   *     wkcheck wrote, or it is of another kind or simulation
   */
  public static Baseline read(Path dir, Kind kind, String simulation) throws BaselineException {
    List<Path> tried = new ArrayList<>();
    for (Path folder : List.of(dir, dir.resolve("latest"))) {
      for (Kind k : Kind.values()) {
        Path f = folder.resolve(k.file);
        tried.add(f);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (k != kind) {
          throw new BaselineException(
              dir + " holds " + k.noun + " (" + k.file + "); compare with " + kind.noun);
        }
        JsonNode r = parse(f);
        String sim = r.path("simulation").asString("");
        if (!sim.equals(simulation)) {
          throw new BaselineException(
              f + " is a run of simulation '" + sim + "', not of '" + simulation + "'");
        }
        return new Baseline(f, kind, r);
      }
    }
    throw new BaselineException(
        "no earlier run's report in " + dir + " (looked for " + tried + ")");
  }

  private static JsonNode parse(Path f) throws BaselineException {
    try {
      long size = Files.size(f);
      if (size > MAX_REPORT_BYTES) {
        throw new BaselineException(
            f + " has " + size + " bytes, more than a report has (" + MAX_REPORT_BYTES + ")");
      }
      JsonNode r = JSON.readTree(Files.readString(f));
      if (!r.isObject()) {
        throw new BaselineException(f + " is not a JSON object");
      }
      return r;
    } catch (IOException | JacksonException e) {
      throw new BaselineException("cannot read " + f + ": " + e.getMessage());
    }
  }

  /** The baseline's run id. */
  public String runId() {
    return report.path("runId").asString("");
  }

  /**
   * Compares a new report of the same kind with this baseline.
   *
   * @param failOnRegressionPercent null: report only; else the change in % beyond which a gated
   *     figure is a regression
   */
  public Comparison compare(JsonNode current, Double failOnRegressionPercent) {
    List<Comparison.Change> changes = new ArrayList<>();
    for (Figure f : FIGURES.get(kind)) {
      Double before = f.value().apply(report);
      Double now = f.value().apply(current);
      if (before != null || now != null) {
        changes.add(Comparison.Change.of(f, before, now, failOnRegressionPercent));
      }
    }
    return new Comparison(this, changes, failOnRegressionPercent, notes(current));
  }

  /** What differs in how the two runs were made, so that a reader weighs the changes. */
  private List<String> notes(JsonNode current) {
    List<String> notes = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    if (kind == Kind.LOAD) {
      settings.put("load", "/load");
    } else {
      settings.put("objectives", "/settings/slo");
      settings.put("resolution", "/settings/resolutionPercent");
    }
    if (!(report.path("embeddedServer").asBoolean()
        && current.path("embeddedServer").asBoolean())) {
      settings.put("target", "/target"); // the embedded server's port is new on every run
    }
    settings.forEach(
        (name, pointer) -> {
          JsonNode a = report.at(pointer);
          JsonNode b = current.at(pointer);
          if (!Objects.equals(a, b)) {
            notes.add(name + " differs: baseline " + a + ", this run " + b);
          }
        });
    return notes;
  }

  /**
   * The worst p95 or p99 of the passing steps at the found rate (the confirm step among them), or
   * null when no capacity was found.
   */
  private static Double atCapacity(JsonNode report, String field) {
    double found = report.path("capacity").path("journeysPerSecond").asDouble();
    Double worst = null;
    for (JsonNode st : report.path("steps")) {
      if (found > 0
          && st.path("verdict").asString("").equals("PASS")
          && Math.abs(st.path("plannedRate").asDouble() - found) < 0.05
          && st.path(field).isNumber()) {
        worst =
            worst == null ? st.path(field).asDouble() : Math.max(worst, st.path(field).asDouble());
      }
    }
    return worst;
  }
}
