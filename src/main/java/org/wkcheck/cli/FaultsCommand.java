package org.wkcheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wkcheck.faults.FaultsReport;
import org.wkcheck.faults.FaultsRunner;
import org.wkcheck.server.faults.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./wkcheck faults}: proves the suite catches defects. */
@Command(
    name = "faults",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the conformance suite against the reference server once clean and once per named"
          + " fault (each a single small departure from the document, on a fresh server), and"
          + " reports for each fault whether the suite failed exactly the requirements it breaks"
          + " and its declared collateral.",
      "Writes <out>/latest/report.json and report.md.",
      "Exit: 0 iff the clean run has no failures and every fault is detected."
    })
final class FaultsCommand implements Callable<Integer> {
  @Option(names = "--fault", paramLabel = "NAME")
  List<String> only;

  @Option(names = "--list")
  boolean list;

  @Option(names = "--parallel", defaultValue = "2", paramLabel = "N")
  int parallel;

  @Mixin ReportsOption reports;

  @Override
  public Integer call() throws Exception {
    if (list) {
      for (Fault f : Fault.values()) {
        System.out.printf(
            "%-40s %s%n%-40s   must break: %s%n", f.id(), f.description(), "", f.breaks());
        if (!f.collateral().requirements().isEmpty()) {
          System.out.printf(
              "%-40s   and %d more, as collateral: %s%n",
              "", f.collateral().requirements().size(), f.collateral().why());
        }
      }
      return 0;
    }
    if (parallel < 1) {
      throw new Usage("--parallel must be at least 1");
    }
    List<Fault> faults = only == null ? Fault.forTheSuite() : Usage.faults(only);
    if (only == null) {
      for (Fault f : Fault.values()) {
        if (f.underLoadOnly()) {
          System.out.println(
              "wkcheck faults: "
                  + f.id()
                  + " shows under load only; the load tests catch it (./wkcheck serve --fault "
                  + f.id()
                  + ", then ./wkcheck load --target)");
        }
      }
    }
    System.out.println(
        "wkcheck faults: the suite once clean and once per fault ("
            + faults.size()
            + "), "
            + parallel
            + " at a time; each run takes about half a minute");
    long start = System.currentTimeMillis();
    List<FaultsRunner.Result> results = FaultsRunner.run(faults, parallel, System.out);
    FaultsReport report = FaultsReport.of(results, System.currentTimeMillis() - start);
    Path dir = reports.latest();
    report.write(dir);
    System.out.println();
    System.out.print(report.table());
    System.out.printf(
        "%nSensitivity %s; clean run %s; %.0f s. Report: %s%n",
        report.summary(),
        report.cleanRunPassed() ? "green" : "FAILED",
        report.millis() / 1000.0,
        dir.resolve("report.md"));
    return report.exitCode();
  }
}
