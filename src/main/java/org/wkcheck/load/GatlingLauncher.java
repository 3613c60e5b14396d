package org.wkcheck.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wkcheck.http.Redactor;

/**
 * Runs one simulation in a Gatling JVM of its own (so the load generator's CPU and memory are its
 * own, and Gatling's exit code is its assertions'), with nothing allowed to leave the machine:
 * analytics off, no warm-up URL, and the version check pointed at a closed local port. The token
 * goes in the environment, never on the command line. The console is copied to {@code gatling.log}
 * and, unless quiet, to the caller's output; a run that outlives its bound is killed.
 */
public final class GatlingLauncher {
  /** Gatling's line for an evaluated assertion: {@code <text> : true (actual : 38.0)}. */
  private static final Pattern ASSERTION =
      Pattern.compile("^(.+) : (true|false) \\(actual : (.*)\\)\\s*$");

  /** An assertion as Gatling evaluated it. */
  public record Assertion(String text, boolean passed, String actual) {}

  /**
   * How the Gatling JVM ended.
   *
   * @param reportIndex Gatling's HTML report, made offline ({@link GatlingReport}); null when there
   *     is none
   * @param reportProblem why the HTML report was not kept, or null
   */
  public record Outcome(
      int exitCode,
      boolean killed,
      boolean outOfMemory,
      List<Assertion> assertions,
      Path reportIndex,
      String reportProblem,
      long millis) {}

  private GatlingLauncher() {}

  /**
   * Runs the simulation class with the settings; blocks until it ends or its bound passes.
   *
   * @param properties more system properties for the simulation (an injector's share), or none
   * @param heap the Gatling JVM's maximum heap, e.g. {@code 1g}
   * @param echo where to copy Gatling's console, or null
   * @param worldFile the world file the run uses, or null for the default world
   * @param htmlReport whether Gatling writes its HTML report (the steps of a capacity search need
   *     none, and save its seconds)
   */
  public static Outcome run(
      String simulationClass,
      LoadSettings settings,
      Map<String, String> properties,
      String token,
      String heap,
      PrintStream echo,
      Path worldFile,
      boolean htmlReport)
      throws IOException, InterruptedException {
    Path runDir = settings.runDir().toAbsolutePath();
    Path results = runDir.resolve("gatling");
    Files.createDirectories(results);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+UseParallelGC");
    // a target that answers too much ends this JVM (reported), never the machine's memory
    cmd.add("-XX:MaxDirectMemorySize=" + heap);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    // as gatling-maven-plugin starts Gatling
    cmd.add("-XX:MaxInlineLevel=20");
    cmd.add("-XX:MaxTrivialSize=12");
    cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    // nothing leaves the machine (see ../shared/reference/stack-notes.md)
    cmd.add("-Dgatling.data.enableAnalytics=false");
    cmd.add("-Dgatling.http.warmUpUrl=");
    cmd.add("-Dhttps.proxyHost=127.0.0.1");
    cmd.add("-Dhttps.proxyPort=9");
    cmd.add("-Dhttp.nonProxyHosts=localhost|127.*|[::1]");
    // Gatling's version check writes Java preferences: kept beside the runs, not in a run's report
    cmd.add("-Djava.util.prefs.userRoot=" + runDir.getParent().resolve(".java-prefs"));
    cmd.add("-Dgatling.data.console.writePeriod=5");
    // the report's response-time bands at the objectives, not Gatling's 800 and 1200 ms
    cmd.add(
        "-Dgatling.charting.indicators.lowerBound=" + Math.min(settings.p95Ms(), settings.p99Ms()));
    cmd.add(
        "-Dgatling.charting.indicators.higherBound="
            + Math.max(settings.p95Ms(), settings.p99Ms()));
    // the deadline of each whole request
    cmd.add("-Dgatling.http.requestTimeout=" + settings.timeoutSeconds() * 1000L);
    for (Map.Entry<String, String> p : settings.toProperties().entrySet()) {
      cmd.add("-D" + p.getKey() + "=" + p.getValue());
    }
    for (Map.Entry<String, String> p : properties.entrySet()) {
      cmd.add("-D" + p.getKey() + "=" + p.getValue());
    }
    if (worldFile != null) {
      cmd.add("-D" + LoadSettings.PREFIX + "world=" + worldFile);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.gatling.app.Gatling");
    cmd.add("--simulation");
    cmd.add(simulationClass);
    cmd.add("--results-folder");
    cmd.add(results.toString());
    if (!htmlReport) {
      cmd.add("--no-reports");
    }
    cmd.add("--run-description");
    cmd.add("wkcheck load, run " + settings.runId());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put(LoadSettings.TOKEN_VARIABLE, token);
    long start = System.currentTimeMillis();
    Process process = pb.start();
    RUNNING.add(process);
    try {
      // an injector may first wait for the set-up and then for the other injectors
      long waits = properties.isEmpty() ? 0 : 2 * StartLine.WAIT_MS / 1000;
      return await(process, settings, token, echo, runDir, results, start, waits);
    } finally {
      RUNNING.remove(process);
    }
  }

  /** The Gatling JVMs this JVM started that still run. */
  private static final java.util.Set<Process> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Stops every Gatling JVM this JVM started and still runs, and waits for them (a stopped run must
   * leave no load behind); for the shutdown hooks of {@code load} and {@code capacity}.
   */
  public static void stopAll() {
    List<Process> running = new ArrayList<>(RUNNING);
    running.forEach(Process::destroy);
    for (Process p : running) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  private static Outcome await(
      Process process,
      LoadSettings settings,
      String token,
      PrintStream echo,
      Path runDir,
      Path results,
      long start,
      long waitSeconds)
      throws IOException, InterruptedException {
    List<Assertion> assertions = new ArrayList<>();
    boolean[] outOfMemory = {false};
    Thread pump =
        new Thread(
            () ->
                copy(
                    process,
                    runDir.resolve("gatling.log"),
                    echo,
                    new Redactor(Map.of(token, LoadSettings.TOKEN_VARIABLE)),
                    assertions,
                    outOfMemory),
            "gatling-console");
    pump.setDaemon(true);
    pump.start();
    // set-up, the load, the checks after it, the clean-up and the report
    long bound = settings.maxSeconds() + 300L + waitSeconds;
    boolean killed = false;
    if (!process.waitFor(bound, TimeUnit.SECONDS)) {
      killed = true;
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
      }
    }
    pump.join(10_000);
    Path index = null;
    try (var dirs = Files.list(results)) {
      index =
          dirs.map(d -> d.resolve("index.html"))
              .filter(Files::isRegularFile)
              .max(java.util.Comparator.comparing(Path::toString))
              .orElse(null);
    }
    String reportProblem = null;
    if (index != null) {
      try {
        reportProblem = makeOffline(index.getParent(), runDir.resolve("gatling.log"));
      } catch (IOException | RuntimeException e) { // the run's results stand; only the page goes
        reportProblem = "Gatling's HTML report was removed: it could not be checked: " + e;
        try {
          GatlingReport.delete(index.getParent());
        } catch (IOException gone) {
          reportProblem += " (nor removed: " + gone.getMessage() + ")";
        }
      }
      if (reportProblem != null) {
        index = null;
      } else {
        GatlingReport.widenNames(index.getParent());
      }
    }
    int exit = killed ? -1 : process.exitValue();
    synchronized (assertions) {
      return new Outcome(
          exit,
          killed,
          outOfMemory[0],
          List.copyOf(assertions),
          index,
          reportProblem,
          System.currentTimeMillis() - start);
    }
  }

  /**
   * Makes Gatling's HTML report offline, noting in the log what was changed; a report that would
   * still contact another host is removed.
   *
   * @return why the report was removed, or null when it is kept
   */
  private static String makeOffline(Path reportDir, Path log) throws IOException {
    GatlingReport.Result r = GatlingReport.makeOffline(reportDir);
    StringBuilder note = new StringBuilder();
    r.changed()
        .forEach(
            c -> note.append("wkcheck: made the HTML report offline: ").append(c).append('\n'));
    String problem = null;
    if (!r.clean()) {
      GatlingReport.delete(reportDir);
      problem =
          "Gatling's HTML report was removed: it would contact other hosts: "
              + r.remaining().stream().map(Object::toString).collect(Collectors.joining("; "));
      note.append("wkcheck: ").append(problem).append('\n');
    }
    Files.writeString(
        log, note, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return problem;
  }

  private static void copy(
      Process process,
      Path log,
      PrintStream echo,
      Redactor redactor,
      List<Assertion> assertions,
      boolean[] outOfMemory) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        line = redactor.redact(line);
        if (line.contains("java.lang.OutOfMemoryError")) {
          synchronized (assertions) {
            outOfMemory[0] = true;
          }
        }
        out.write(line);
        out.write('\n');
        if (echo != null) {
          echo.println(line);
        }
        Matcher m = ASSERTION.matcher(line);
        if (m.matches()) {
          synchronized (assertions) {
            assertions.add(
                new Assertion(m.group(1).trim(), Boolean.parseBoolean(m.group(2)), m.group(3)));
          }
        }
      }
    } catch (IOException e) {
      if (echo != null) {
        echo.println("wkcheck load: lost Gatling's console: " + e.getMessage());
      }
    }
  }
}
