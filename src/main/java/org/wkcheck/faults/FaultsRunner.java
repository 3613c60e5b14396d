package org.wkcheck.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.wkcheck.conformance.ConformanceRunner;
import org.wkcheck.conformance.Suite;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/**
 * The suite's self-test: the conformance suite against the reference server once clean and once per
 * named fault, each on a fresh server, comparing the requirements that failed with those the fault
 * declares: the ones it breaks and its collateral.
 */
public final class FaultsRunner {
  private FaultsRunner() {}

  /**
   * How a fault fared: the requirements it breaks ({@code expected}) and its declared collateral,
   * the ones that failed, and the verdict.
   */
  public record Result(
      String fault,
      String description,
      List<String> expected,
      List<String> collateral,
      List<String> failed,
      Verdict verdict,
      long millis) {

    /** Failed requirements the fault declares neither as broken nor as collateral. */
    public List<String> undeclared() {
      return failed.stream().filter(f -> !expected.contains(f) && !collateral.contains(f)).toList();
    }

    /** Declared collateral that did not fail. */
    public List<String> collateralNotFailed() {
      return collateral.stream().filter(c -> !failed.contains(c)).toList();
    }
  }

  public enum Verdict {
    DETECTED_EXACTLY("detected exactly"),
    DETECTED_WITH_UNDECLARED_FAILURES("detected, with undeclared failures"),
    DETECTED_WITHOUT_COLLATERAL("detected, declared collateral did not fail"),
    DETECTED_WITH_UNDECLARED_FAILURES_WITHOUT_COLLATERAL(
        "detected, with undeclared failures, declared collateral did not fail"),
    MISSED("missed"),
    CLEAN("clean"),
    CLEAN_RUN_FAILED("clean run failed");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }

    public boolean detected() {
      return name().startsWith("DETECTED");
    }

    /**
     * The verdict on a fault that declares {@code breaks} and {@code collateral} when {@code
     * failed} failed: missed unless every requirement it breaks failed; exactly when nothing else
     * than these and its collateral failed, and all its collateral did.
     */
    public static Verdict of(List<String> breaks, List<String> collateral, Set<String> failed) {
      if (!failed.containsAll(breaks)) {
        return MISSED;
      }
      boolean undeclared =
          failed.stream().anyMatch(f -> !breaks.contains(f) && !collateral.contains(f));
      boolean collateralMissing = !failed.containsAll(collateral);
      if (undeclared) {
        return collateralMissing
            ? DETECTED_WITH_UNDECLARED_FAILURES_WITHOUT_COLLATERAL
            : DETECTED_WITH_UNDECLARED_FAILURES;
      }
      return collateralMissing ? DETECTED_WITHOUT_COLLATERAL : DETECTED_EXACTLY;
    }
  }

  /**
   * Runs the clean server first (null in {@code faults} stands for it), then each fault, {@code
   * parallel} at a time; {@code progress} gets a line per finished run.
   */
  public static List<Result> run(List<Fault> faults, int parallel, PrintStream progress)
      throws Exception {
    return run(faults, parallel, progress, true);
  }

  /** As {@link #run(List, int, PrintStream)}, with or without the clean run. */
  public static List<Result> run(
      List<Fault> faults, int parallel, PrintStream progress, boolean clean) throws Exception {
    List<Fault> runs = new ArrayList<>();
    if (clean) {
      runs.add(null);
    }
    runs.addAll(faults);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Fault f : runs) {
        futures.add(
            pool.submit(
                () -> {
                  Result r = runOne(f);
                  if (progress != null) {
                    synchronized (progress) {
                      progress.printf(
                          "  %-40s %-30s %5.1f s%n",
                          r.fault(), r.verdict().words(), r.millis() / 1000.0);
                    }
                  }
                  return r;
                }));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One run of the whole suite against a fresh reference server with the fault (null: clean). */
  static Result runOne(Fault fault) throws Exception {
    long start = System.currentTimeMillis();
    Set<Fault> faults = fault == null ? EnumSet.noneOf(Fault.class) : EnumSet.of(fault);
    String runId = "fault-" + (fault == null ? "clean" : fault.id());
    try (TargetResolver.Reached reached =
        TargetResolver.reach(
            TargetResolver.Request.embedded(
                    TargetWorld.defaults(), Limits.of(Duration.ofSeconds(10)), runId)
                .withEmbedded(ServerOptions.defaults().withFaults(faults)))) {
      Target target = reached.target();
      ConformanceReport report =
          ConformanceRunner.run(
                  new ConformanceRunner.Options(target, null, false, null, Suite.CLASSES))
              .report();
      Set<String> failed = new TreeSet<>();
      report.requirements().stream()
          .filter(q -> q.status() == ConformanceReport.Status.FAILED)
          .forEach(q -> failed.add(q.id()));
      long millis = System.currentTimeMillis() - start;
      if (fault == null) {
        return new Result(
            "(clean)",
            "the reference server without faults",
            List.of(),
            List.of(),
            List.copyOf(failed),
            failed.isEmpty() ? Verdict.CLEAN : Verdict.CLEAN_RUN_FAILED,
            millis);
      }
      List<String> collateral = fault.collateral().requirements();
      return new Result(
          fault.id(),
          fault.description(),
          fault.breaks(),
          collateral,
          List.copyOf(failed),
          Verdict.of(fault.breaks(), collateral, failed),
          millis);
    }
  }
}
