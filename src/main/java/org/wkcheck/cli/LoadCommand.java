package org.wkcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wkcheck.http.Redactor;
import org.wkcheck.load.GatlingLauncher;
import org.wkcheck.load.LoadCleanup;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSummary;
import org.wkcheck.load.Share;
import org.wkcheck.load.SimulationKind;
import org.wkcheck.load.StartLine;
import org.wkcheck.load.baseline.Baseline;
import org.wkcheck.load.baseline.Comparison;
import org.wkcheck.load.scaleout.Injectors;
import org.wkcheck.load.scaleout.Merge;
import org.wkcheck.load.scaleout.RunPlan;
import org.wkcheck.target.Role;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./wkcheck load}: a Gatling simulation against a target, with SLOs and safety rails. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Gatling simulation against a server (without --target: the embedded reference"
          + " server) and judges it by its service level objectives and by correctness under load"
          + " (created ids unique and read back as created, concurrent increments adding up,"
          + " sampled responses valid against the contract).",
      "Safety rails: a target that is not loopback needs --allow-remote-load; requests are capped"
          + " at --max-rps (refused above it unless raised); the run stops itself when the error"
          + " share stays above --stop-errors; every run is bounded in time; what it creates is"
          + " named wkc_<run id>_ and removed afterwards.",
      "Tokens come from WK_TOKEN or --token-file, never from the command line.",
      "Reports: <out>/<run id>/ and <out>/latest/ (summary.json, summary.md, gatling/…/index.html,"
          + " gatling.log).",
      "Exit: 0 if every SLO was met and every correctness check held, 1 if not, 2 on bad usage,"
          + " 3 when the pre-flight failed (target down, token refused, world not usable)."
    })
final class LoadCommand implements Callable<Integer> {

  @Mixin LoadOptions load;

  @Mixin LoadShapeOptions shape;

  @Mixin ScaleOutOptions scale;

  @Mixin ReportsOption reports;

  @Option(names = "--quiet")
  boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream stdout = System.out;
    if (load.list) {
      LoadOptions.listSimulations(stdout);
      return 0;
    }
    SimulationKind kind = load.kind();
    String simulationClass = kind.className();
    load.target.check();
    Baseline baseline = load.baseline.read(Baseline.Kind.LOAD, load.simulation);
    shape.check();
    scale.check();
    TargetWorld world = load.world.read();
    String runId =
        scale.runDir != null
            ? scale.runDir.getFileName().toString()
            : "L" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = scale.runDir != null ? scale.runDir : reports.run(runId);
    // The rails are checked before anything starts or is sent.
    LoadSettings settings = settings(load.probeUrl(), runDir, runId);
    List<String> problems = new java.util.ArrayList<>(settings.problems());
    if (scale.scaledOut() && problems.isEmpty()) {
      String p = Share.problem(settings, scale.count());
      if (p != null) {
        problems.add(p);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("wkcheck load: " + p));
      return 2;
    }
    if (scale.phase == ScaleOutOptions.Phase.inject) {
      return inject(kind, runDir);
    }
    if (scale.phase != null && load.target.target == null) {
      throw new Usage(
          "--phase needs --target: the steps of a run on many machines share one server");
    }
    TargetResolver.Reached reached = load.target.reach(world, runId, load.knownCapacity.embedded());
    boolean embedded = reached.server() != null;
    if (embedded) {
      settings =
          settings(reached.target().baseUrl().replace("localhost", "127.0.0.1"), runDir, runId);
    }
    String token = reached.target().token(Role.ADMIN).orElseThrow();
    // nothing printed or written shows the token, even one the target sent back
    Redactor redactor = new Redactor(Map.of(token, LoadSettings.TOKEN_VARIABLE));
    PrintStream con = redactor.wrap(stdout);
    try {
      Files.createDirectories(runDir);
      con.printf(
          "wkcheck load: %s against %s%s%s, run %s, %s for %d s after a %d s ramp%n",
          load.simulation,
          settings.target(),
          settings.apiPrefix(),
          embedded ? " (embedded reference server)" : "",
          runId,
          settings.rate() != null
              ? settings.rate() + " journeys/s"
              : settings.users() + " concurrent users",
          settings.durationSeconds(),
          settings.rampSeconds());
      // Ctrl-C or SIGTERM during the run
      Thread onStop = load.addStopHook(settings, token, world, runDir, reports.folder, embedded);
      GatlingLauncher.Outcome outcome = null;
      List<String> left;
      LoadSummary summary;
      try {
        if (scale.scaledOut()) {
          RunPlan plan =
              RunPlan.of(
                  load.simulation, settings, scale.count(), scale.arrivals.poisson(), embedded);
          con.println("wkcheck load: preparing the set-up on the target once ...");
          try {
            Injectors.prepare(plan, kind, settings, token, world);
          } catch (IllegalStateException e) {
            con.println("wkcheck load: the set-up on the target failed: " + e.getMessage());
            LoadCleanup.leftovers(
                settings, token, world, runDir, m -> con.println("wkcheck load: " + m));
            return 1;
          }
          if (scale.phase == ScaleOutOptions.Phase.prepare) {
            con.println(
                "wkcheck load: prepared run "
                    + runId
                    + " in "
                    + runDir
                    + " for "
                    + plan.injectors()
                    + " injectors");
            return 0;
          }
          con.printf(
              "wkcheck load: starting %d injectors, each in a JVM of its own; they start together"
                  + " once all are ready%n",
              plan.injectors());
          Injectors.runAll(plan, kind, settings, token, load.heap, con, load.world.absolute());
          con.println(
              "wkcheck load: merging the injectors, checking on the target, cleaning up ...");
          summary =
              Merge.run(
                  runDir, new Merge.Reach(token, world), m -> con.println("wkcheck load: " + m));
          left = summary.leftOnTarget();
        } else {
          outcome =
              GatlingLauncher.run(
                  simulationClass,
                  settings,
                  java.util.Map.of(),
                  token,
                  load.heap,
                  quiet ? null : con,
                  load.world.absolute(),
                  true);
          left =
              LoadCleanup.leftovers(
                  settings, token, world, runDir, m -> System.out.println("wkcheck load: " + m));
          summary = LoadSummary.of(load.simulation, settings, embedded, outcome, left);
        }
      } finally {
        LoadOptions.removeHook(onStop);
      }
      Comparison comparison = null;
      if (baseline != null) {
        comparison = baseline.compare(summary.json(), load.baseline.failOnRegression);
        summary.against(comparison);
      }
      summary.write(runDir);
      redactor.sweep(runDir);
      Path latest = reports.latest();
      org.wkcheck.report.LatestFolder.replaceWith(runDir, latest);
      con.println();
      summary.table().forEach(con::println);
      con.printf(
          "%s: %s in %.1f s%n",
          load.simulation,
          summary.passed() ? "PASSED" : "FAILED",
          summary.json().path("millis").asLong() / 1000.0);
      summary.reasons().forEach(r -> con.println("  - " + r));
      if (comparison != null) {
        comparison.lines().forEach(con::println);
      }
      if (!left.isEmpty()) {
        con.println(
            "Left on the target: "
                + String.join(", ", left)
                + " ("
                + load.target.cleanupCommand(runId, reports.folder)
                + " retries)");
      }
      con.println("Summary: " + latest.resolve("summary.md"));
      if (outcome != null && outcome.reportIndex() != null) {
        con.println(
            "Gatling report: "
                + latest.resolve(runDir.toAbsolutePath().relativize(outcome.reportIndex())));
      }
      if (outcome != null && outcome.reportProblem() != null) {
        con.println(outcome.reportProblem());
      }
      if (outcome == null) {
        con.println("Injectors' Gatling reports: " + latest.resolve("injectors") + "/<i>/gatling/");
      }
      return summary.passed() ? 0 : 1;
    } finally {
      reached.close();
    }
  }

  /**
   * {@code --phase inject}: one injector of a run on many machines, on the set-up and the plan the
   * prepare step left in the run's folder.
   */
  private int inject(SimulationKind kind, Path runDir) throws IOException, InterruptedException {
    String token;
    try {
      token = TargetResolver.tokens(System::getenv, load.target.tokenFile).get(Role.ADMIN);
    } catch (IOException e) {
      throw new Usage("cannot read --token-file: " + e.getMessage());
    }
    if (token == null || token.isBlank()) {
      throw new Usage(
          "--phase inject needs the admin's token in "
              + LoadSettings.TOKEN_VARIABLE
              + " or --token-file");
    }
    int index = scale.index();
    Redactor redactor = new Redactor(Map.of(token.trim(), LoadSettings.TOKEN_VARIABLE));
    PrintStream con = redactor.wrap(System.out);
    con.println(
        "wkcheck load: injector "
            + index
            + " of run "
            + runDir.getFileName()
            + ", waiting for the prepare step ...");
    StartLine.awaitFile(runDir.resolve(RunPlan.FILE), StartLine.WAIT_MS);
    RunPlan plan = RunPlan.read(runDir);
    if (plan.injectors() != scale.count() || !plan.simulation().equals(kind.title())) {
      throw new Usage(
          "the run in "
              + runDir
              + " is "
              + plan.simulation()
              + " on "
              + plan.injectors()
              + " injectors, not "
              + kind.title()
              + " on "
              + scale.count());
    }
    Share share = plan.share(index, scale.startAt, runDir);
    GatlingLauncher.Outcome o =
        Injectors.inject(
            kind,
            plan.total(runDir),
            share,
            token.trim(),
            load.heap,
            quiet ? null : con,
            load.world.absolute());
    redactor.sweep(share.folder());
    con.printf(
        "wkcheck load: injector %d ended (Gatling exit %d); merge with ./wkcheck merge %s%n",
        index, o.exitCode(), runDir);
    return o.exitCode() == 0 && !o.killed() ? 0 : 1;
  }

  private LoadSettings settings(String target, Path runDir, String runId) {
    return load.settings(
        target, shape.rateOrDefault(), shape.users, shape.ramp, shape.duration, runDir, runId);
  }
}
