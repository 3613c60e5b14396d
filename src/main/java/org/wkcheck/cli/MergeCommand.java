package org.wkcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wkcheck.http.Redactor;
import org.wkcheck.load.InjectorManifest;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSummary;
import org.wkcheck.load.Share;
import org.wkcheck.load.StartLine;
import org.wkcheck.load.scaleout.Merge;
import org.wkcheck.load.scaleout.RunPlan;
import org.wkcheck.target.Role;
import org.wkcheck.target.TargetResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./wkcheck merge DIR...}: the injectors of a scaled-out run, merged exactly and judged. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merges the injectors of a load run split over many (./wkcheck load --injectors N, or the"
          + " pods of ./wkcheck kubernetes): their response-time histograms are added per request"
          + " (so the percentiles are those of every response of the run), their counters and"
          + " correctness records summed, and the objectives and correctness checks judged on the"
          + " merged data only.",
      "DIR is the run's folder, or injector folders of one run (<run>/injectors/<i>).",
      "With --target (the run's target), the checks on the target after the run (read-backs,"
          + " increments adding up) are made and what the run made is removed; without it, what"
          + " an earlier merge found is used.",
      "Writes summary.json and summary.md into the run's folder.",
      "Exit: 0 if every objective was met and every check held, 1 if not, 2 on bad usage or"
          + " unreadable folders, 3 when the pre-flight on --target failed."
    })
final class MergeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", arity = "1..*")
  List<Path> dirs;

  @Option(names = "--expect", paramLabel = "N")
  Integer expect;

  @Option(names = "--wait", paramLabel = "SECONDS")
  Integer waitSeconds;

  @Mixin TargetOptions target;

  @Mixin WorldOption world;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path runDir = runFolder();
    RunPlan plan;
    try {
      if (expect != null) {
        // a merge pod may start before the prepare step has written the plan
        StartLine.awaitFile(runDir.resolve(RunPlan.FILE), StartLine.WAIT_MS);
      }
      plan = RunPlan.read(runDir);
    } catch (IOException | IllegalStateException e) {
      throw new Usage(e.getMessage());
    }
    LoadSettings total = plan.total(runDir);
    if (expect != null) {
      if (expect != plan.injectors()) {
        throw new Usage(
            "the run in " + runDir + " has " + plan.injectors() + " injectors, not " + expect);
      }
      long bound =
          waitSeconds != null
              ? waitSeconds
              : total.maxSeconds() + 2 * StartLine.WAIT_MS / 1000 + 300;
      awaitInjectors(runDir, plan.injectors(), bound * 1000);
    }
    target.check();
    TargetResolver.Reached reached = null;
    Merge.Reach reach = null;
    Redactor redactor = new Redactor(Map.of());
    if (target.target != null) {
      if (!target.baseUrl().equals(total.target())) {
        throw new Usage(
            "the run in "
                + runDir
                + " was against "
                + total.target()
                + ", not "
                + target.baseUrl()
                + ": the merge removes what the run made, on the run's target only");
      }
      reached = target.reach(world.read(), plan.runId());
      String token = reached.target().token(Role.ADMIN).orElseThrow();
      reach = new Merge.Reach(token, reached.target().world());
      redactor = new Redactor(Map.of(token, LoadSettings.TOKEN_VARIABLE));
    }
    PrintStream con = redactor.wrap(System.out);
    try {
      con.println(
          "wkcheck merge: run "
              + plan.runId()
              + ", "
              + plan.simulation()
              + " on "
              + plan.injectors()
              + " injectors, in "
              + runDir);
      LoadSummary summary = Merge.run(runDir, reach, m -> con.println("wkcheck merge: " + m));
      redactor.sweep(runDir);
      con.println();
      summary.table().forEach(con::println);
      con.printf(
          "%s: %s (merged from %d injectors)%n",
          plan.simulation(), summary.passed() ? "PASSED" : "FAILED", plan.injectors());
      summary.reasons().forEach(r -> con.println("  - " + r));
      con.println("Summary: " + runDir.resolve("summary.md"));
      return summary.passed() ? 0 : 1;
    } finally {
      if (reached != null) {
        reached.close();
      }
    }
  }

  /** The one run folder the arguments name: the folder itself, or the injectors' run. */
  private Path runFolder() {
    Set<Path> runs = new LinkedHashSet<>();
    for (Path d : dirs) {
      Path abs = d.toAbsolutePath().normalize();
      if (Files.isRegularFile(abs.resolve(RunPlan.FILE))
          || (expect != null && !Files.isRegularFile(abs.resolve(InjectorManifest.FILE)))) {
        runs.add(abs);
      } else if (Files.isRegularFile(abs.resolve(InjectorManifest.FILE))
          && abs.getParent() != null
          && abs.getParent().getFileName().toString().equals("injectors")) {
        runs.add(abs.getParent().getParent());
      } else {
        throw new Usage(d + " is neither the folder of a scaled-out run nor one of its injectors'");
      }
    }
    if (runs.size() != 1) {
      throw new Usage(
          "the folders belong to " + runs.size() + " runs: " + runs + "; merge one run at a time");
    }
    return runs.iterator().next();
  }

  /** Waits until each injector's manifest says it finished, or the bound passes. */
  private static void awaitInjectors(Path runDir, int count, long boundMs)
      throws InterruptedException {
    long until = System.currentTimeMillis() + boundMs;
    int done = 0;
    while (System.currentTimeMillis() < until) {
      done = 0;
      for (int i = 0; i < count; i++) {
        try {
          if (InjectorManifest.read(Share.folder(runDir, i)).finishedAt() != null) {
            done++;
          }
        } catch (IOException e) {
          // not written yet
        }
      }
      if (done == count) {
        return;
      }
      Thread.sleep(1000);
    }
    System.err.println(
        "wkcheck merge: "
            + done
            + " of "
            + count
            + " injectors finished in time; merging what there is");
  }
}
