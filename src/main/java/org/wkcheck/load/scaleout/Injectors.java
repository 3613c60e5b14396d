package org.wkcheck.load.scaleout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wkcheck.load.GatlingLauncher;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.LoadSetup;
import org.wkcheck.load.Share;
import org.wkcheck.load.SimulationKind;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of a scaled-out run: the prepare step (the plan and the set-up, made once), an injector
 * (share i of N, in a Gatling JVM of its own), and all injectors of a run on this machine at once
 * ({@code ./wkcheck load --injectors N}). A Kubernetes pod runs one of these steps.
 */
public final class Injectors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Set to {@code true} (a system property of the JVM running {@code load --injectors}) to have
   * every injector write its raw response times ({@link LoadRun#RAW_TIMES}) into its folder: the
   * data the tests prove the merge exact against.
   */
  public static final String RECORD_RAW_TIMES = LoadSettings.PREFIX + "recordRawTimes";

  /** The file of raw response times in an injector's folder, when they are recorded. */
  public static final String RAW_TIMES_FILE = "raw-times.tsv";

  private Injectors() {}

  /**
   * The prepare step: writes the run's plan and makes on the target what the simulation needs, with
   * its manifest ({@code setup.json}) and journal in the run's folder.
   *
   * @throws IllegalStateException when the target refuses the set-up
   */
  public static void prepare(
      RunPlan plan, SimulationKind kind, LoadSettings total, String token, TargetWorld world)
      throws IOException {
    Path runDir = total.runDir();
    plan.write(runDir);
    LoadSetup setup = LoadSetup.prepare(total, token, world, kind.needs());
    Path manifest = Share.setupManifest(runDir);
    Path tmp = manifest.resolveSibling(manifest.getFileName() + ".tmp");
    setup.save(tmp);
    // the injectors wait for this file: it appears whole
    Files.move(tmp, manifest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * One injector: share {@code share} of the run, in a Gatling JVM of its own; what it ends with is
   * noted in its folder ({@link Merge#OUTCOME}).
   */
  public static GatlingLauncher.Outcome inject(
      SimulationKind kind,
      LoadSettings total,
      Share share,
      String token,
      String heap,
      PrintStream echo,
      Path worldFile)
      throws IOException, InterruptedException {
    LoadSettings mine = share.of(total);
    Map<String, String> properties = new LinkedHashMap<>(share.toProperties());
    if (Boolean.getBoolean(RECORD_RAW_TIMES)) {
      properties.put(
          LoadRun.RAW_TIMES, share.folder().resolve(RAW_TIMES_FILE).toAbsolutePath().toString());
    }
    Files.createDirectories(share.folder());
    GatlingLauncher.Outcome o =
        GatlingLauncher.run(kind.className(), mine, properties, token, heap, echo, worldFile, true);
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("exitCode", o.exitCode());
    outcome.put("killed", o.killed());
    outcome.put("outOfMemory", o.outOfMemory());
    outcome.put("millis", o.millis());
    outcome.put(
        "gatlingReport",
        o.reportIndex() == null
            ? null
            : share
                .folder()
                .toAbsolutePath()
                .relativize(o.reportIndex().toAbsolutePath())
                .toString());
    Files.writeString(share.folder().resolve(Merge.OUTCOME), JSON.writeValueAsString(outcome));
    return o;
  }

  /**
   * Every injector of the run on this machine at once, each in its own JVM; they agree on their
   * start through the run's folder. Blocks until all have ended.
   */
  public static List<GatlingLauncher.Outcome> runAll(
      RunPlan plan,
      SimulationKind kind,
      LoadSettings total,
      String token,
      String heap,
      PrintStream progress,
      Path worldFile)
      throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(plan.injectors());
    try {
      List<Future<GatlingLauncher.Outcome>> running = new ArrayList<>();
      for (int i = 0; i < plan.injectors(); i++) {
        Share share = plan.share(i, null, total.runDir());
        running.add(
            pool.submit(
                () -> {
                  GatlingLauncher.Outcome o =
                      inject(kind, total, share, token, heap, null, worldFile);
                  progress.printf(
                      Locale.ROOT,
                      "injector %d of %d ended after %.1f s (exit %d)%n",
                      share.index() + 1,
                      share.count(),
                      o.millis() / 1000.0,
                      o.exitCode());
                  return o;
                }));
      }
      List<GatlingLauncher.Outcome> out = new ArrayList<>();
      for (Future<GatlingLauncher.Outcome> f : running) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException("an injector failed to run: " + c, c);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
