package org.wkcheck.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wkcheck.faults.FaultsRunner.Result;
import org.wkcheck.faults.FaultsRunner.Verdict;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The self-test's table, sensitivity and verdicts: {@code report.json} and {@code report.md}.
 *
 * @param detected faults whose requirements all failed
 * @param exactly faults that failed exactly their requirements and their declared collateral
 * @param withUndeclaredFailures detected faults that failed more than they declare
 * @param withoutCollateral detected faults some of whose declared collateral did not fail
 */
public record FaultsReport(
    List<Result> runs,
    int faults,
    int detected,
    int exactly,
    int withUndeclaredFailures,
    int withoutCollateral,
    boolean cleanRunPassed,
    long millis) {

  private static final String CLEAN = "(clean)";

  public static FaultsReport of(List<Result> runs, long millis) {
    List<Result> faults = runs.stream().filter(r -> !r.fault().equals(CLEAN)).toList();
    List<Result> detected = faults.stream().filter(r -> r.verdict().detected()).toList();
    boolean clean =
        runs.stream()
            .filter(r -> r.fault().equals(CLEAN))
            .allMatch(r -> r.verdict() == Verdict.CLEAN);
    return new FaultsReport(
        runs,
        faults.size(),
        detected.size(),
        count(detected, r -> r.verdict() == Verdict.DETECTED_EXACTLY),
        count(detected, r -> !r.undeclared().isEmpty()),
        count(detected, r -> !r.collateralNotFailed().isEmpty()),
        clean,
        millis);
  }

  private static int count(List<Result> runs, java.util.function.Predicate<Result> which) {
    return (int) runs.stream().filter(which).count();
  }

  /** 0 iff the clean run has no failures and every fault is detected. */
  public int exitCode() {
    return cleanRunPassed && detected == faults ? 0 : 1;
  }

  public String sensitivity() {
    return detected + " / " + faults;
  }

  /** "46 / 46 (46 detected exactly, 0 with undeclared failures, 0 without their collateral)". */
  public String summary() {
    return sensitivity()
        + " ("
        + exactly
        + " detected exactly, "
        + withUndeclaredFailures
        + " with undeclared failures, "
        + withoutCollateral
        + " without their collateral)";
  }

  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            "%-40s %-40s %s%n", "fault", "verdict", "breaks + collateral -> failed (differences)"));
    for (Result r : runs) {
      t.append(
          String.format(
              "%-40s %-40s %d + %d -> %d%s%n",
              r.fault(),
              r.verdict().words(),
              r.expected().size(),
              r.collateral().size(),
              r.failed().size(),
              differences(r, "; see report.md")));
    }
    return t.toString();
  }

  /** What differs from the declaration, counted, or nothing when nothing does. */
  private static String differences(Result r, String more) {
    List<String> missed = r.expected().stream().filter(e -> !r.failed().contains(e)).toList();
    StringBuilder d = new StringBuilder();
    if (!missed.isEmpty()) {
      d.append(missed.size()).append(" declared not failed, ");
    }
    if (!r.undeclared().isEmpty()) {
      d.append(r.undeclared().size()).append(" undeclared, ");
    }
    if (!r.collateralNotFailed().isEmpty()) {
      d.append(r.collateralNotFailed().size()).append(" collateral not failed, ");
    }
    return d.isEmpty() ? "" : " (" + d.substring(0, d.length() - 2) + more + ")";
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.writeString(dir.resolve("report.json"), json.writeValueAsString(this));
    StringBuilder md = new StringBuilder("# wkcheck fault-injection self-test\n\n");
    md.append("- Sensitivity: **").append(summary()).append("**\n");
    md.append("- Clean run: ").append(cleanRunPassed ? "no failures" : "**FAILED**").append('\n');
    md.append("- Took ").append(millis / 1000).append(" s\n\n");
    md.append(
        "| fault | what it breaks | breaks | collateral | verdict | undeclared failures |"
            + " collateral not failed |\n|---|---|---|---|---|---|---|\n");
    for (Result r : runs) {
      md.append("| `")
          .append(r.fault())
          .append("` | ")
          .append(r.description())
          .append(" | ")
          .append(r.expected().stream().map(e -> "`" + e + "`").toList())
          .append(" | ")
          .append(r.collateral().size())
          .append(" | ")
          .append(
              r.verdict() == Verdict.DETECTED_EXACTLY || r.verdict() == Verdict.CLEAN
                  ? r.verdict().words()
                  : "**" + r.verdict().words() + "**")
          .append(" | ")
          .append(String.join(", ", r.undeclared()))
          .append(" | ")
          .append(String.join(", ", r.collateralNotFailed()))
          .append(" |\n");
    }
    Files.writeString(dir.resolve("report.md"), md.toString());
  }
}
