package org.wkcheck.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wkcheck.faults.FaultsRunner.Result;
import org.wkcheck.faults.FaultsRunner.Verdict;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The self-test's table, sensitivity and verdicts: {@code report.json} and {@code report.md}. */
public record FaultsReport(
    List<Result> runs,
    int faults,
    int detected,
    int exactly,
    int withExtraFailures,
    boolean cleanRunPassed,
    long millis) {

  public static FaultsReport of(List<Result> runs, long millis) {
    List<Result> faults = runs.stream().filter(r -> !r.fault().equals("(clean)")).toList();
    int exactly =
        (int) faults.stream().filter(r -> r.verdict() == Verdict.DETECTED_EXACTLY).count();
    int extra =
        (int)
            faults.stream()
                .filter(r -> r.verdict() == Verdict.DETECTED_WITH_EXTRA_FAILURES)
                .count();
    boolean clean =
        runs.stream()
            .filter(r -> r.fault().equals("(clean)"))
            .allMatch(r -> r.verdict() == Verdict.CLEAN);
    return new FaultsReport(runs, faults.size(), exactly + extra, exactly, extra, clean, millis);
  }

  /** 0 iff the clean run has no failures and every fault is detected. */
  public int exitCode() {
    return cleanRunPassed && detected == faults ? 0 : 1;
  }

  public String sensitivity() {
    return detected + " / " + faults;
  }

  public String table() {
    StringBuilder t = new StringBuilder();
    t.append(String.format("%-40s %-30s %s%n", "fault", "verdict", "expected -> failed (extra)"));
    for (Result r : runs) {
      List<String> extra = new ArrayList<>(r.failed());
      extra.removeAll(r.expected());
      t.append(
          String.format(
              "%-40s %-30s %s -> %s%s%n",
              r.fault(),
              r.verdict().words(),
              r.expected(),
              r.failed().size() - extra.size() + " of them failed",
              extra.isEmpty() ? "" : " (+" + extra.size() + " more; see report.md)"));
    }
    return t.toString();
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.writeString(dir.resolve("report.json"), json.writeValueAsString(this));
    StringBuilder md = new StringBuilder("# wkcheck fault-injection self-test\n\n");
    md.append("- Sensitivity: **")
        .append(sensitivity())
        .append("** faults detected (")
        .append(exactly)
        .append(" exactly, ")
        .append(withExtraFailures)
        .append(" with extra failures)\n");
    md.append("- Clean run: ").append(cleanRunPassed ? "no failures" : "**FAILED**").append('\n');
    md.append("- Took ").append(millis / 1000).append(" s\n\n");
    md.append(
        "| fault | what it breaks | expected requirements | verdict | extra failures |\n|---|---|---|---|---|\n");
    for (Result r : runs) {
      List<String> extra = new ArrayList<>(r.failed());
      extra.removeAll(r.expected());
      md.append("| `")
          .append(r.fault())
          .append("` | ")
          .append(r.description())
          .append(" | ")
          .append(r.expected().stream().map(e -> "`" + e + "`").toList())
          .append(" | ")
          .append(
              r.verdict() == Verdict.MISSED || r.verdict() == Verdict.CLEAN_RUN_FAILED
                  ? "**" + r.verdict().words() + "**"
                  : r.verdict().words())
          .append(" | ")
          .append(extra.isEmpty() ? "" : String.join(", ", extra))
          .append(" |\n");
    }
    Files.writeString(dir.resolve("report.md"), md.toString());
  }
}
