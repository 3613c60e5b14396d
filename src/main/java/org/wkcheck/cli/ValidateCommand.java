package org.wkcheck.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.ContractException;
import org.wkcheck.contract.ContractFiles;
import org.wkcheck.contract.InputRefused;
import org.wkcheck.contract.Violation;
import org.wkcheck.validate.ExchangeReader;
import org.wkcheck.validate.ExchangeValidator;
import org.wkcheck.validate.ExchangeValidator.Result;
import org.wkcheck.validate.ExchangeValidator.Verdict;
import org.wkcheck.validate.InputLimits;
import org.wkcheck.validate.RecordedExchange;
import org.wkcheck.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./wkcheck validate PATH...}: recorded traffic checked offline against the contract. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks recorded traffic offline against the documented contract: HAR files, exchange files"
          + " {method, path, status, body} (a body_file names an NML or ZIP in the same folder), or"
          + " folders of them. Each exchange is matched to a documented route (any /api/vN prefix)"
          + " and its body is checked against the schema documented for its status.",
      "Input is not trusted: files, bodies, ZIP entries and JSON are read within bounds (see"
          + " --max-body), a body_file must lie in its exchange file's folder, and what breaks a"
          + " bound is skipped with a message naming the bound; the other files are still checked.",
      "Prints every violation with its JSON pointer and schema rule, then one summary line"
          + " 'N conform, M violate, K not documented'.",
      "Exit: 0 if nothing violates, 1 if something does, 2 on bad usage or when any input was"
          + " unreadable or refused (even if something else violates)."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "1..*")
  List<Path> paths;

  @Option(names = "--strict")
  boolean strict;

  @Option(names = "--profile", defaultValue = Contract.DEFAULT_PROFILE)
  String profile;

  @Option(names = "--schemas", paramLabel = "DIR")
  Path schemasFolder;

  @Option(names = "--quiet")
  boolean quiet;

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      converter = SizeConverter.class,
      description =
          "The largest body (a body_file, a decoded HAR body, one ZIP entry) and exchange file;"
              + " HAR files and a ZIP's entries in all may be "
              + InputLimits.HAR_FACTOR
              + " times as large (default: ${DEFAULT-VALUE}; units k, M, G, binary).")
  long maxBody;

  /** What {@code --format} takes. */
  enum Format {
    TEXT,
    JSON,
    JUNIT
  }

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT")
  Format format;

  @Option(names = "--list-undocumented")
  boolean listUndocumented;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    Contract contract;
    try {
      ContractFiles files =
          schemasFolder == null ? ContractFiles.classpath() : ContractFiles.folder(schemasFolder);
      contract = Contract.load(files, profile, strict);
    } catch (ContractException e) {
      throw new Usage(e.getMessage());
    }
    InputLimits limits = new InputLimits(maxBody);
    ValidationReport report = format == Format.TEXT ? null : new ValidationReport();
    Tally tally = new Tally(new ExchangeValidator(contract, limits), out, report);
    try {
      ExchangeReader.read(paths, limits, tally);
    } catch (ContractException ex) {
      throw new Usage("the contract is broken: " + ex.getMessage());
    }
    if (report != null) {
      if (format == Format.JSON) {
        report.writeJson(out);
      } else {
        report.writeJunit(out);
        out.println();
      }
      out.flush();
      return exitCode(tally);
    }
    if (tally.byVersion.size() > 1) {
      out.println("By API version:");
      for (Map.Entry<String, int[]> v : tally.byVersion.entrySet()) {
        out.printf("  %-12s %s%n", v.getKey(), summary(v.getValue()));
      }
    }
    if (tally.skipped > 0) {
      out.println(tally.skipped + " input(s) skipped as unreadable or beyond a bound (see above)");
    }
    if (strict) {
      out.println(tally.notices + " notice(s) of undocumented fields");
    }
    out.println(summary(tally.total));
    return exitCode(tally);
  }

  private static int exitCode(Tally tally) {
    if (tally.skipped > 0) {
      return 2; // the verdict is incomplete: some input was unreadable or refused
    }
    return tally.total[Verdict.VIOLATES.ordinal()] > 0 ? 1 : 0;
  }

  /**
   * Validates each exchange as it is read, prints and counts the verdicts and the skipped input.
   */
  private final class Tally implements ExchangeReader.Sink {
    final ExchangeValidator validator;
    final PrintStream out;
    final Map<String, int[]> byVersion = new TreeMap<>();
    final int[] total = new int[Verdict.values().length];
    int notices;
    int skipped;

    /** Where the verdicts are kept for a json or junit report; null for text. */
    final ValidationReport report;

    Tally(ExchangeValidator validator, PrintStream out, ValidationReport report) {
      this.validator = validator;
      this.out = out;
      this.report = report;
    }

    @Override
    public void exchange(String where, RecordedExchange e) {
      Result r;
      try {
        r = validator.validate(e);
      } catch (InputRefused ex) {
        problem(new ExchangeReader.Problem(where, ex.getMessage()));
        return;
      }
      byVersion
          .computeIfAbsent(e.apiVersionLabel(), k -> new int[Verdict.values().length])[
          r.verdict().ordinal()]++;
      total[r.verdict().ordinal()]++;
      notices += r.notices().size();
      if (report != null) {
        report.add(r);
      } else if (!quiet) {
        print(out, r);
      }
    }

    @Override
    public void problem(ExchangeReader.Problem p) {
      skipped++;
      if (report != null) {
        report.add(p);
      }
      System.err.println("wkcheck validate: skipped " + p.source() + ": " + p.message());
    }
  }

  private static String summary(int[] c) {
    return c[Verdict.CONFORMS.ordinal()]
        + " conform, "
        + c[Verdict.VIOLATES.ordinal()]
        + " violate, "
        + c[Verdict.NOT_DOCUMENTED.ordinal()]
        + " not documented";
  }

  private void print(PrintStream out, Result r) {
    RecordedExchange e = r.exchange();
    String head = e.method() + " " + e.path() + " " + e.status() + "  [" + e.source() + "]";
    switch (r.verdict()) {
      case VIOLATES -> {
        out.println(
            "VIOLATES  "
                + head
                + "  route "
                + r.route()
                + (r.schema() == null ? "" : ", schema " + r.schema()));
        for (Violation v : r.violations()) {
          out.println("    " + v);
        }
      }
      case NOT_DOCUMENTED -> {
        if (listUndocumented) {
          out.println("NOT DOCUMENTED  " + head);
        }
      }
      case CONFORMS -> {
        if (!r.notices().isEmpty()) {
          out.println("NOTICES  " + head + "  route " + r.route());
        }
      }
    }
    if (strict && !r.notices().isEmpty()) {
      for (Violation v : r.notices()) {
        out.println("    notice " + v.pointer() + ": " + v.message());
      }
    }
  }
}
