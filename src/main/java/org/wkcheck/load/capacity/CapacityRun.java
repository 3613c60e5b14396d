package org.wkcheck.load.capacity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wkcheck.load.GatlingLauncher;
import org.wkcheck.load.LoadCleanup;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSetup;
import org.wkcheck.load.Share;
import org.wkcheck.load.SimulationKind;
import org.wkcheck.load.scaleout.Injectors;
import org.wkcheck.load.scaleout.Merge;
import org.wkcheck.load.scaleout.RunPlan;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A capacity search against one target: a warm-up step that also makes what the simulation needs
 * (kept for every step), then one Gatling run per step as the {@link Search} asks, each judged by
 * {@link StepResult}, and at the end the removal of everything the search made.
 */
public final class CapacityRun {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * How to search.
   *
   * @param base the run's settings (target, rate cap, objectives, rails); rate and duration are set
   *     per step
   * @param startRate the first step's rate (journeys/s)
   * @param maxRate the highest rate tried (at most the rate cap)
   * @param resolutionPercent the bracket the search narrows the capacity to
   * @param stepSeconds how long a step is held and measured (after its settle time)
   * @param settleSeconds the ramp at the start of each step, left out of its measurements: a fresh
   *     load generator's first second (JIT, new connections) stalls, and at the full rate near
   *     capacity the backlog of that second takes the whole step to drain
   * @param warmUpSeconds the warm-up at the start rate, not judged
   * @param repeats steps that decide a rate near the boundary
   * @param confirmSeconds the hold of the final step at the found rate
   * @param budget the time after which the search stops with the bracket it has
   * @param injectors the injectors each step is split over (1: one load generator)
   * @param embedded whether the target is the embedded reference server
   */
  public record Options(
      String simulation,
      String simulationClass,
      LoadSettings base,
      Plan plan,
      String heap,
      Path worldFile,
      boolean embedded) {}

  /**
   * How the search steps: from which rate up to which, to what resolution (percent), how long each
   * step holds and settles, the warm-up, the repeats near the boundary, the confirm hold and the
   * budget of the whole search. capacity.json gives it as its settings.
   */
  public record Plan(
      double startRate,
      double maxRate,
      double resolutionPercent,
      int stepSeconds,
      int settleSeconds,
      int warmUpSeconds,
      int repeats,
      int confirmSeconds,
      @JsonIgnore Duration budget,
      int injectors) {
    /** The budget in whole minutes, as the report gives it. */
    @JsonProperty
    public long budgetMinutes() {
      return budget.toMinutes();
    }
  }

  /** A step as run: its index, phase, folder and result. */
  public record Step(int index, String phase, Path dir, StepResult result) {}

  /** What the search found. */
  public record Outcome(
      Search search, List<Step> steps, String warmUpProblem, List<String> left, long millis) {}

  private CapacityRun() {}

  /**
   * Runs the search; one line per step goes to {@code progress}.
   *
   * @param runDir where the steps' folders go
   */
  public static Outcome run(
      Options o, String token, TargetWorld world, Path runDir, PrintStream progress)
      throws IOException, InterruptedException {
    long start = System.currentTimeMillis();
    Files.createDirectories(runDir.resolve("steps"));
    StepResult.Objectives objectives =
        new StepResult.Objectives(o.base().p95Ms(), o.base().p99Ms(), o.base().maxErrorPercent());
    Search search =
        new Search(
            o.plan().startRate(),
            o.plan().maxRate(),
            o.plan().resolutionPercent(),
            o.plan().repeats());
    List<Step> steps = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();

    // the warm-up: the server's JIT and caches, and the set-up every step shares
    Path warmDir = runDir.resolve("steps").resolve("00-warm-up");
    dirs.add(warmDir);
    progress.printf(
        Locale.ROOT,
        "warm-up: %.1f journeys/s for %d s, and the set-up on the target%n",
        o.plan().startRate(),
        o.plan().warmUpSeconds());
    LoadSettings warm =
        o.base()
            .forStep(
                o.plan().startRate(),
                0,
                o.plan().warmUpSeconds(),
                LoadSettings.KEEP_SETUP,
                warmDir,
                o.base().runId() + "-00");
    GatlingLauncher.run(
        o.simulationClass(), warm, Map.of(), token, o.heap(), null, o.worldFile(), false);
    Path manifest = warmDir.resolve(LoadSettings.SETUP_MANIFEST);
    String warmUpProblem = null;
    if (!Files.isRegularFile(manifest)) {
      warmUpProblem = setupProblem(warmDir);
    } else {
      int index = 1;
      while (search.next().isPresent()) {
        if (System.currentTimeMillis() - start > o.plan().budget().toMillis()) {
          search.stop();
          progress.println("the time budget is spent: stopping with the bracket so far");
          break;
        }
        double rate = search.next().getAsDouble();
        String phase = search.phase();
        int hold = phase.equals("confirm") ? o.plan().confirmSeconds() : o.plan().stepSeconds();
        Path dir =
            runDir
                .resolve("steps")
                .resolve(String.format(Locale.ROOT, "%02d-%s-%.1f", index, phase, rate));
        dirs.add(dir);
        // The measured window starts settle seconds after the start of the generator's second in
        // which the first journey arrived, up to a second before the injection itself: the ramp
        // ends a second early (and the hold lasts a second longer) so no part of the window is
        // ramp. A window that took in part of the ramp measured fewer arrivals than planned: a
        // 4 s step looked 1.5 % short, and was called the generator's limit.
        LoadSettings step =
            o.base()
                .forStep(
                    rate,
                    o.plan().settleSeconds() - 1,
                    hold + 1,
                    manifest.toAbsolutePath().toString(),
                    dir,
                    String.format(Locale.ROOT, "%s-%02d", o.base().runId(), index));
        GatlingLauncher.Outcome g =
            o.plan().injectors() > 1
                ? scaledOut(o, step, manifest, token, world)
                : GatlingLauncher.run(
                    o.simulationClass(),
                    step,
                    Map.of(),
                    token,
                    o.heap(),
                    null,
                    o.worldFile(),
                    false);
        StepResult r;
        try {
          r = StepResult.judge(dir, rate, o.plan().settleSeconds(), objectives, o.base().maxRps());
        } catch (IOException e) {
          r = StepResult.invalid(rate, "the step left no measurements (" + e.getMessage() + ")");
        }
        if (g.outOfMemory() && r.verdict() != Verdict.FAIL) {
          r = StepResult.invalid(rate, "the load generator ran out of memory (raise --heap)");
        }
        search.record(r.verdict());
        steps.add(new Step(index, phase, dir, r));
        progress.println(line(index, phase, r));
        if (r.limits().contains("correctness")) {
          // wrong answers under load end the search: no rate of a wrong server is its capacity
          search.halt(Search.End.CORRECTNESS);
        }
        index++;
      }
    }
    List<String> left = new ArrayList<>();
    for (Path d : dirs) {
      for (Path f : withInjectors(d)) {
        left.addAll(
            LoadCleanup.leftovers(
                o.base(), token, world, f, m -> progress.println("capacity: " + m)));
      }
    }
    return new Outcome(search, steps, warmUpProblem, left, System.currentTimeMillis() - start);
  }

  /**
   * A step split over the injectors: the warm-up's set-up with the increments' baseline of now, the
   * shares started together, and their merge into the step's folder (the merged seconds and
   * histograms the step is judged by, the checks on the target, the clean-up). Answers the worst of
   * the injectors' endings.
   */
  private static GatlingLauncher.Outcome scaledOut(
      Options o, LoadSettings step, Path warmManifest, String token, TargetWorld world)
      throws IOException, InterruptedException {
    Path dir = step.runDir();
    Files.createDirectories(dir);
    LoadSetup.restore(step, token, world, warmManifest).save(Share.setupManifest(dir));
    RunPlan plan = RunPlan.of(o.simulation(), step, o.plan().injectors(), false, o.embedded());
    plan.write(dir);
    List<GatlingLauncher.Outcome> all =
        Injectors.runAll(
            plan,
            SimulationKind.named(o.simulation()),
            step,
            token,
            o.heap(),
            new PrintStream(OutputStream.nullOutputStream()),
            o.worldFile());
    Merge.run(dir, new Merge.Reach(token, world), m -> {});
    GatlingLauncher.Outcome worst = all.get(0);
    for (GatlingLauncher.Outcome g : all) {
      if (g.outOfMemory() || g.killed() || g.exitCode() > worst.exitCode()) {
        worst = g;
      }
    }
    return worst;
  }

  /** A step's folder and its injectors' folders. */
  private static List<Path> withInjectors(Path dir) {
    List<Path> out = new ArrayList<>(List.of(dir));
    Path injectors = dir.resolve("injectors");
    if (Files.isDirectory(injectors)) {
      try (var list = Files.list(injectors)) {
        list.filter(Files::isDirectory).sorted().forEach(out::add);
      } catch (IOException e) {
        // the step's own journal is still cleaned
      }
    }
    return out;
  }

  /** Why the warm-up made no set-up, from its correctness file. */
  private static String setupProblem(Path warmDir) {
    try {
      JsonNode c = JSON.readTree(Files.readString(warmDir.resolve("correctness.json")));
      if (c.hasNonNull("setupProblem")) {
        return "the set-up on the target failed: " + c.path("setupProblem").asString();
      }
    } catch (IOException | RuntimeException e) {
      // said below
    }
    return "the warm-up made no set-up (see " + warmDir.resolve("gatling.log") + ")";
  }

  /** The console line of a finished step. */
  static String line(int index, String phase, StepResult r) {
    return String.format(
        Locale.ROOT,
        "step %2d %-7s %8.1f journeys/s planned, %8.1f achieved, %8.1f req/s, p95 %5d ms,"
            + " p99 %5d ms, errors %5.2f %%: %s%s",
        index,
        phase,
        r.plannedRate(),
        r.achievedRate(),
        r.requestsPerSecond(),
        r.p95(),
        r.p99(),
        r.errorPercent(),
        r.verdict(),
        r.reasons().isEmpty() ? "" : " (" + String.join("; ", r.reasons()) + ")");
  }
}
