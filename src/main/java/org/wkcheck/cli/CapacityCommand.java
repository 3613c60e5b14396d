package org.wkcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wkcheck.http.Redactor;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.Share;
import org.wkcheck.load.baseline.Baseline;
import org.wkcheck.load.baseline.Comparison;
import org.wkcheck.load.capacity.CapacityReport;
import org.wkcheck.load.capacity.CapacityRun;
import org.wkcheck.target.Role;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./wkcheck capacity}: the highest arrival rate at which a target meets its objectives. */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the highest arrival rate (open model) at which the target meets its objectives:"
          + " a warm-up, then steps that double the rate while they pass, then bisect between the"
          + " highest passing and the lowest failing rate to --resolution, repeat near the"
          + " boundary and confirm. A step passes only if, on its own measurements, the SLOs hold,"
          + " errors and correctness checks hold, the journeys complete as fast as they arrive and"
          + " the number in flight does not grow; it is invalid when the load generator sent less"
          + " than 99 %% of the planned arrivals (the generator, not the target, was the limit).",
      "Rails as load: loopback unless --allow-remote-load, the search never exceeds --max-rps, every"
          + " step is bounded in time, and --budget bounds the whole search.",
      "Reports: <out>/<run id>/ and <out>/latest/ (capacity.json, capacity.md, capacity.png and"
          + " .svg, capacity.html, spectrum-*.hgrm, steps/).",
      "Exit: 0 when a capacity was found (or the rate cap / the budget was reached with a passing"
          + " rate), 1 when none was (nothing passed, a correctness check broke, or the generator"
          + " was the limit) or it regressed beyond --fail-on-regression, 2 on bad usage, 3 when the"
          + " pre-flight failed."
    })
final class CapacityCommand implements Callable<Integer> {
  @Mixin LoadOptions load;

  @Option(names = "--start-rate", defaultValue = "10", paramLabel = "R")
  double startRate;

  @Option(names = "--max-rate", paramLabel = "R")
  Double maxRate;

  @Option(names = "--resolution", defaultValue = "5", paramLabel = "PCT")
  double resolution;

  @Option(names = "--step", defaultValue = "10", paramLabel = "S")
  int step;

  @Option(names = "--settle", defaultValue = "5", paramLabel = "S")
  int settle;

  @Option(names = "--warm-up", defaultValue = "10", paramLabel = "S")
  int warmUp;

  @Option(names = "--repeats", defaultValue = "3", paramLabel = "K")
  int repeats;

  @Option(names = "--confirm", defaultValue = "20", paramLabel = "S")
  int confirm;

  @Option(names = "--budget", defaultValue = "30", paramLabel = "MIN")
  double budget;

  @Option(names = "--injectors", defaultValue = "1", paramLabel = "N")
  int injectors;

  @Mixin ReportsOption reports;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String simulationClass = load.simulationClass();
    load.target.check();
    double top = maxRate == null ? load.maxRps : maxRate;
    if (!(startRate > 0) || top < startRate) {
      throw new Usage("need 0 < --start-rate <= --max-rate (and --max-rps)");
    }
    if (top > load.maxRps) {
      throw new Usage(
          "--max-rate " + top + " exceeds the rate cap of " + load.maxRps + "; raise --max-rps");
    }
    if (!(resolution > 0) || repeats < 1 || step < 1 || settle < 1 || warmUp < 1 || confirm < 1) {
      throw new Usage(
          "--resolution must be positive, --repeats, --step, --settle, --warm-up and --confirm at"
              + " least 1");
    }
    if (!(budget > 0)) {
      throw new Usage("--budget must be positive");
    }
    Baseline baseline = load.baseline.read(Baseline.Kind.CAPACITY, load.simulation);
    TargetWorld world = load.world.read();
    String runId = "C" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = reports.run(runId);
    List<String> problems =
        load.settings(load.probeUrl(), top, null, 0, step, runDir, runId).problems();
    if (!problems.isEmpty()) {
      throw new Usage(String.join("; ", problems));
    }
    if (injectors < 1 || injectors > 1000) {
      throw new Usage("--injectors must be between 1 and 1000, not " + injectors);
    }
    String shares =
        Share.problem(
            load.settings(load.probeUrl(), startRate, null, 0, step, runDir, runId), injectors);
    if (injectors > 1 && shares != null) {
      throw new Usage(shares + " (the first step's)");
    }
    try (TargetResolver.Reached reached =
        load.target.reach(world, runId, load.knownCapacity.embedded())) {
      boolean embedded = reached.server() != null;
      String target = reached.target().baseUrl().replace("localhost", "127.0.0.1");
      LoadSettings base = load.settings(target, startRate, null, 0, step, runDir, runId);
      String token = reached.target().token(Role.ADMIN).orElseThrow();
      Redactor redactor = new Redactor(Map.of(token, LoadSettings.TOKEN_VARIABLE));
      PrintStream con = redactor.wrap(System.out);
      Files.createDirectories(runDir);
      con.printf(
          Locale.ROOT,
          "wkcheck capacity: %s against %s%s%s, run %s: from %.1f journeys/s up to %.1f, to %.1f %%;"
              + " objectives p95 < %d ms, p99 < %d ms, errors <= %.2f %%%n",
          load.simulation,
          target,
          base.apiPrefix(),
          embedded ? " (embedded reference server)" : "",
          runId,
          startRate,
          top,
          resolution,
          base.p95Ms(),
          base.p99Ms(),
          base.maxErrorPercent());
      CapacityRun.Options o =
          new CapacityRun.Options(
              load.simulation,
              simulationClass,
              base,
              new CapacityRun.Plan(
                  startRate,
                  top,
                  resolution,
                  step,
                  settle,
                  warmUp,
                  repeats,
                  confirm,
                  Duration.ofSeconds(Math.round(budget * 60)),
                  injectors),
              load.heap,
              load.world.absolute(),
              embedded);
      // Ctrl-C or SIGTERM during the search
      Thread onStop = load.addStopHook(base, token, world, runDir, reports.folder, embedded);
      CapacityRun.Outcome outcome;
      try {
        outcome = CapacityRun.run(o, token, world, runDir, con);
      } finally {
        LoadOptions.removeHook(onStop);
      }
      CapacityReport report =
          CapacityReport.of(load.simulation, target, embedded, runId, o, outcome);
      Comparison comparison = null;
      if (baseline != null) {
        comparison = baseline.compare(report.json(), load.baseline.failOnRegression);
        report.against(comparison);
      }
      report.write(runDir, System.err);
      redactor.sweep(runDir);
      Path latest = reports.latest();
      org.wkcheck.report.LatestFolder.replaceWith(runDir, latest);
      con.println(report.json().path("summary").asString());
      if (!outcome.left().isEmpty()) {
        con.println(
            "Left on the target: "
                + String.join(", ", outcome.left())
                + " ("
                + load.target.cleanupCommand(runId, reports.folder)
                + " retries)");
      }
      if (comparison != null) {
        comparison.lines().forEach(con::println);
        comparison.regressions().forEach(r -> con.println("  - " + r));
      }
      con.println("Report: " + latest.resolve("capacity.md"));
      String end = report.json().path("end").asString();
      boolean found =
          report.json().path("capacity").path("journeysPerSecond").asDouble() > 0
              && (end.equals("FOUND") || end.equals("RATE_CAP") || end.equals("BUDGET"));
      return found && !report.regressed() ? 0 : 1;
    }
  }
}
