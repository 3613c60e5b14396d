package org.wkcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.fixtures.Leftovers;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code ./wkcheck cleanup --run-id ID}: removes what an interrupted conformance run left. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    description = {
      "Removes from the target what a run of conformance, load or capacity created and did not"
          + " remove (an interrupted run): the objects its journals (created.txt) still list, and"
          + " projects named with the run's prefix wkc_<run id>_. Touches nothing else.",
      "The journals are looked for under <out>/<run id>/ (and its steps), by default in"
          + " reports/conformance, reports/load and reports/capacity. --target is required: the"
          + " embedded reference server keeps nothing between runs.",
      "Exit: 0 if nothing of the run is left; 1 if something could not be removed, or no journal"
          + " was found (annotations the run uploaded cannot be found by name, so the target may"
          + " not be clean); 2 on bad usage; 3 when the pre-flight failed (target down, token"
          + " refused)."
    })
final class CleanupCommand implements Callable<Integer> {
  /** Where conformance, load and capacity write their runs by default. */
  static final List<Path> DEFAULT_OUTS =
      List.of(Path.of("reports/conformance"), Path.of("reports/load"), Path.of("reports/capacity"));

  @Option(names = "--run-id", required = true, paramLabel = "ID")
  String runId;

  @Option(names = "--out", paramLabel = "DIR")
  Path out;

  @Mixin TargetOptions targetOptions;

  @Override
  public Integer call() throws IOException {
    targetOptions.check();
    if (targetOptions.target == null) {
      throw new Usage("needs --target: the embedded reference server keeps nothing between runs");
    }
    if (!runId.matches("[A-Za-z0-9_-]+")) {
      throw new Usage("--run-id " + runId + " is not a run id");
    }
    // the token of the user who ran the suite
    Target target = targetOptions.reachWithoutWorld(runId).target();
    Api api = new Api(target);
    List<Path> roots = out == null ? DEFAULT_OUTS : List.of(out);
    List<Path> journals = journals(roots);
    List<String> failed = new ArrayList<>();
    List<String> journalled = new ArrayList<>();
    for (Path journal : journals) {
      System.out.println("Journal: " + journal);
      journalled.addAll(Journal.remaining(journal).getOrDefault("project", List.of()));
      // removes what it lists and notes each removal there, so a second run finds nothing
      failed.addAll(Leftovers.remove(api, journal, System.out::println));
    }
    if (journals.isEmpty()) {
      System.out.println(
          "No journal of run "
              + runId
              + " under "
              + roots
              + "; looking for projects named "
              + target.namePrefix()
              + "* only");
    }
    boolean listed = true;
    List<String> projects = new ArrayList<>();
    try {
      JsonNode list =
          org.wkcheck.conformance.checks.Checks.json(api.as(Role.ADMIN).get("/projects"));
      for (JsonNode p : list) {
        String name = p.path("name").asString("");
        if (name.startsWith(target.namePrefix()) && !journalled.contains(name)) {
          projects.add(name);
        }
      }
    } catch (AssertionError e) {
      System.err.println("wkcheck cleanup: cannot list the projects: " + e.getMessage());
      listed = false;
    }
    failed.addAll(Leftovers.remove(new Fixtures(api), projects, List.of(), System.out::println));
    if (!listed) {
      // projects of the run that the journal does not name may still be there
      failed.add("(projects named " + target.namePrefix() + "*: the list could not be read)");
    }
    failed.forEach(f -> System.out.println("could not remove " + f));
    if (!failed.isEmpty()) {
      return 1;
    }
    if (journals.isEmpty()) {
      System.out.println(
          "Removed what carries the run's name; explorational annotations the run uploaded cannot"
              + " be found without its journal, so the target may still hold some (give --out"
              + " the folder of the run's reports).");
      return 1;
    }
    System.out.println("Nothing of run " + runId + " is left.");
    return 0;
  }

  /** The journals of this run under the roots: in its folder and in its steps' folders. */
  private List<Path> journals(List<Path> roots) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      Path dir = root.resolve(runId);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.walk(dir, 3)) {
        files
            .filter(f -> f.getFileName().toString().equals(Journal.FILE) && Files.isRegularFile(f))
            .sorted()
            .forEach(found::add);
      }
    }
    return found;
  }

  /**
   * The cleanup's {@code --target} has no default (the mixin's says the embedded server, which
   * cleanup cannot use): the option is required here, and its help, the key wkcheck.cleanup.target
   * of help.properties, says so.
   */
  static void requireTarget(CommandLine.Model.CommandSpec cleanup) {
    CommandLine.Model.OptionSpec target = cleanup.findOption("--target");
    cleanup.remove(target);
    cleanup.addOption(CommandLine.Model.OptionSpec.builder(target).required(true).build());
  }
}
