package org.wkcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.http.Redactor;
import org.wkcheck.load.GatlingLauncher;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSummary;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Command;
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
      "Exit: 0 if every SLO was met and every correctness check held, 1 if not, 2 on bad usage."
    })
final class LoadCommand implements Callable<Integer> {
  /** The simulations by name. */
  static final Map<String, String> SIMULATIONS = new LinkedHashMap<>();

  static {
    String p = "org.wkcheck.simulations.";
    SIMULATIONS.put("task-creation", p + "TaskCreationSimulation");
    SIMULATIONS.put("compound-merge", p + "CompoundMergeSimulation");
    SIMULATIONS.put("downloads", p + "DownloadsSimulation");
    SIMULATIONS.put("mixed", p + "MixedSimulation");
    SIMULATIONS.put("task-read", p + "TaskReadSimulation");
  }

  @picocli.CommandLine.Mixin TargetOptions targetOptions;

  @Option(
      names = "--simulation",
      paramLabel = "NAME",
      description = "task-creation, compound-merge, downloads, mixed or task-read.")
  String simulation;

  @Option(names = "--list", description = "List the simulations and exit.")
  boolean list;

  @picocli.CommandLine.Mixin WorldOption worldOption;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Open model: journeys started per second (default: 10 unless --users).")
  Double rate;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Closed model: concurrent journeys, instead of --rate.")
  Integer users;

  @Option(
      names = "--ramp",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Ramp up to the rate or concurrency (default: ${DEFAULT-VALUE}).")
  int ramp;

  @Option(
      names = "--duration",
      defaultValue = "20",
      paramLabel = "SECONDS",
      description = "Hold the load after the ramp (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--batch-size",
      defaultValue = "10",
      paramLabel = "N",
      description = "Tasks per POST /tasks (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-rps",
      defaultValue = "" + LoadSettings.DEFAULT_MAX_RPS,
      paramLabel = "N",
      description =
          "Rate cap: requests per second are throttled to this, and a higher --rate is refused"
              + " (default: ${DEFAULT-VALUE}).")
  int maxRps;

  @Option(
      names = "--allow-remote-load",
      description = "Allow a target that is not a loopback address.")
  boolean allowRemoteLoad;

  @Option(
      names = "--slo-p95",
      defaultValue = "200",
      paramLabel = "MS",
      description = "SLO: 95th percentile response time below (default: ${DEFAULT-VALUE}).")
  int p95;

  @Option(
      names = "--slo-p99",
      defaultValue = "500",
      paramLabel = "MS",
      description = "SLO: 99th percentile response time below (default: ${DEFAULT-VALUE}).")
  int p99;

  @Option(
      names = "--slo-errors",
      defaultValue = "1",
      paramLabel = "PERCENT",
      description = "SLO: at most this share of failed requests (default: ${DEFAULT-VALUE}).")
  double maxErrors;

  @Option(
      names = "--stop-errors",
      defaultValue = "50",
      paramLabel = "PERCENT",
      description =
          "Stop early when more than this share of requests fails ... (default: ${DEFAULT-VALUE})")
  double stopErrors;

  @Option(
      names = "--stop-after",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "... in each of this many seconds in a row (default: ${DEFAULT-VALUE}).")
  int stopAfter;

  @Option(
      names = "--sample-every",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Validate the first and then every N-th response of each request against the contract"
              + " (default: ${DEFAULT-VALUE}).")
  int sampleEvery;

  @Option(
      names = "--heap",
      defaultValue = "1g",
      paramLabel = "SIZE",
      description = "Maximum heap of the Gatling JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--out",
      defaultValue = "reports/load",
      paramLabel = "DIR",
      description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", description = "Do not echo Gatling's console, only the summary.")
  boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream stdout = System.out;
    if (list) {
      SIMULATIONS.forEach((k, v) -> stdout.println(k + "  (" + v + ")"));
      return 0;
    }
    if (simulation == null) {
      throw new Usage("give --simulation NAME, one of " + SIMULATIONS.keySet());
    }
    String simulationClass = SIMULATIONS.get(simulation);
    if (simulationClass == null) {
      throw new Usage("no simulation " + simulation + "; there are " + SIMULATIONS.keySet());
    }
    targetOptions.check();
    if (rate != null && users != null) {
      throw new Usage("give either --rate (open model) or --users (closed model), not both");
    }
    if (!heap.matches("\\d+[kKmMgG]?")) {
      throw new Usage("--heap " + heap + " is not a heap size such as 1g or 512m");
    }
    TargetWorld world = worldOption.read();
    String runId = "L" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = out.resolve(runId);
    // The rails are checked before anything starts or is sent.
    LoadSettings settings =
        settings(
            targetOptions.target == null ? "http://127.0.0.1:1" : targetOptions.baseUrl(),
            runDir,
            runId);
    List<String> problems = settings.problems();
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("wkcheck load: " + p));
      return 2;
    }
    TargetResolver.Reached reached = targetOptions.reach(world, runId);
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
          simulation,
          settings.target(),
          settings.apiPrefix(),
          embedded ? " (embedded reference server)" : "",
          runId,
          settings.rate() != null
              ? settings.rate() + " journeys/s"
              : settings.users() + " concurrent users",
          settings.durationSeconds(),
          settings.rampSeconds());
      GatlingLauncher.Outcome outcome =
          GatlingLauncher.run(
              simulationClass, settings, token, heap, quiet ? null : con, worldOption.absolute());
      List<String> left = removeLeftovers(settings, token, world, runDir);
      LoadSummary summary = LoadSummary.of(simulation, settings, embedded, outcome, left);
      summary.write(runDir);
      redactor.sweep(runDir);
      Path latest = out.resolve("latest");
      org.wkcheck.report.LatestFolder.replaceWith(runDir, latest);
      con.println();
      summary.table().forEach(con::println);
      con.printf(
          "%s: %s in %.1f s%n",
          simulation, summary.passed() ? "PASSED" : "FAILED", outcome.millis() / 1000.0);
      summary.reasons().forEach(r -> con.println("  - " + r));
      if (!left.isEmpty()) {
        con.println(
            "Left on the target: "
                + String.join(", ", left)
                + " (./wkcheck cleanup --run-id "
                + runId
                + " --out "
                + out
                + " --target ... retries)");
      }
      con.println("Summary: " + latest.resolve("summary.md"));
      if (outcome.reportIndex() != null) {
        con.println(
            "Gatling report: "
                + latest.resolve(runDir.toAbsolutePath().relativize(outcome.reportIndex())));
      }
      if (outcome.reportProblem() != null) {
        con.println(outcome.reportProblem());
      }
      return summary.passed() ? 0 : 1;
    } finally {
      reached.close();
    }
  }

  private LoadSettings settings(String target, Path runDir, String runId) {
    return new LoadSettings(
        target,
        targetOptions.apiVersion,
        rate == null && users == null ? Double.valueOf(10) : rate,
        users,
        ramp,
        duration,
        batchSize,
        maxRps,
        allowRemoteLoad,
        p95,
        p99,
        maxErrors,
        stopErrors,
        stopAfter,
        sampleEvery,
        targetOptions.timeoutSeconds,
        targetOptions.maxBody(),
        null,
        runDir,
        runId);
  }

  /**
   * What the run noted as created and did not remove (the Gatling JVM died, or its clean-up failed)
   * is removed here; returns what is still left.
   */
  private List<String> removeLeftovers(
      LoadSettings settings, String token, TargetWorld world, Path runDir) {
    Path journal = runDir.resolve(Journal.FILE);
    try {
      if (!Files.isRegularFile(journal)) {
        return List.of();
      }
      Map<String, List<String>> left = Journal.remaining(journal);
      List<String> projects = left.getOrDefault("project", List.of());
      List<String> annotations = left.getOrDefault("annotation", List.of());
      if (projects.isEmpty() && annotations.isEmpty()) {
        return List.of();
      }
      Target target = settings.target(token, world);
      // the clean-up counts against the rate cap like every other request of the run
      Fixtures fixtures =
          new Fixtures(
              new Api(
                  target,
                  org.wkcheck.conformance.http.AllureAttachments.NONE,
                  new org.wkcheck.http.RateCap(settings.maxRps())),
              new Journal(journal));
      return CleanupCommand.remove(
          fixtures, projects, annotations, m -> System.out.println("wkcheck load: " + m));
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>(
          List.of("(cannot read " + journal + ": " + e.getMessage() + "; ./wkcheck cleanup)"));
    }
  }
}
