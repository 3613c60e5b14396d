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
import org.wkcheck.contract.Violation;
import org.wkcheck.validate.Exchange;
import org.wkcheck.validate.ExchangeReader;
import org.wkcheck.validate.ExchangeValidator;
import org.wkcheck.validate.ExchangeValidator.Result;
import org.wkcheck.validate.ExchangeValidator.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./wkcheck validate PATH...}: recorded traffic checked offline against the contract. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks recorded traffic offline against the documented contract: HAR files, exchange files"
          + " {method, path, status, body} (a body_file names an NML next to it), or folders of"
          + " them. Each exchange is matched to a documented route (any /api/vN prefix) and its"
          + " body is checked against the schema documented for its status.",
      "Prints every violation with its JSON pointer and schema rule, then one summary line"
          + " 'N conform, M violate, K not documented'.",
      "Exit: 0 if nothing violates, 1 if something does, 2 on bad usage or unreadable input."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "HAR files, exchange files or folders.")
  List<Path> paths;

  @Option(
      names = "--strict",
      description =
          "Also report response fields the schemas do not name, as notices (never violations).")
  boolean strict;

  @Option(
      names = "--profile",
      defaultValue = Contract.DEFAULT_PROFILE,
      description = "The contract profile under schemas/ (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--schemas",
      paramLabel = "DIR",
      description =
          "Read the contract from this schemas/ folder instead of the harness's own copy.")
  Path schemasFolder;

  @Option(names = "--quiet", description = "Print only the summary.")
  boolean quiet;

  @Option(
      names = "--list-undocumented",
      description = "Also list exchanges that match no documented route.")
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
      System.err.println("wkcheck validate: " + e.getMessage());
      return 2;
    }
    ExchangeReader.Contents contents = ExchangeReader.read(paths);
    for (ExchangeReader.Problem p : contents.problems()) {
      System.err.println("wkcheck validate: skipped " + p.source() + ": " + p.message());
    }
    ExchangeValidator validator = new ExchangeValidator(contract);
    Map<String, int[]> byVersion = new TreeMap<>();
    int[] total = new int[4];
    for (Exchange e : contents.exchanges()) {
      Result r;
      try {
        r = validator.validate(e);
      } catch (ContractException ex) {
        System.err.println("wkcheck validate: the contract is broken: " + ex.getMessage());
        return 2;
      }
      int[] counts = byVersion.computeIfAbsent(e.apiVersionLabel(), k -> new int[4]);
      counts[r.verdict().ordinal()]++;
      total[r.verdict().ordinal()]++;
      if (!r.notices().isEmpty()) {
        total[3] += r.notices().size();
      }
      if (!quiet) {
        print(out, r);
      }
    }
    if (byVersion.size() > 1) {
      out.println("By API version:");
      for (Map.Entry<String, int[]> v : byVersion.entrySet()) {
        out.printf("  %-12s %s%n", v.getKey(), summary(v.getValue()));
      }
    }
    if (!contents.problems().isEmpty()) {
      out.println(contents.problems().size() + " file(s) could not be read (see above)");
    }
    if (strict) {
      out.println(total[3] + " notice(s) of undocumented fields");
    }
    out.println(summary(total));
    if (total[Verdict.VIOLATES.ordinal()] > 0) {
      return 1;
    }
    return contents.problems().isEmpty() ? 0 : 2;
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
    Exchange e = r.exchange();
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
