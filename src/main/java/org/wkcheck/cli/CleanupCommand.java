package org.wkcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.fixtures.Leftovers;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code ./wkcheck cleanup --run-id ID}: removes what an interrupted conformance run left. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    description = {
      "Removes from the target what a conformance run created and did not remove (an interrupted"
          + " run): the objects noted in <out>/<run id>/created.txt, and projects named with the"
          + " run's prefix wkc_<run id>_. Touches nothing else.",
      "Exit: 0 if nothing of the run is left, 1 if something could not be removed, 2 on bad usage,"
          + " 3 when the pre-flight failed (target down, token refused)."
    })
final class CleanupCommand implements Callable<Integer> {
  @Option(
      names = "--run-id",
      required = true,
      paramLabel = "ID",
      description = "The run to clean up after.")
  String runId;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "reports/conformance",
      description = "Where that run's reports are (default: ${DEFAULT-VALUE}).")
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
    Fixtures fixtures = new Fixtures(api);
    List<String> projects = new ArrayList<>();
    List<String> annotations = new ArrayList<>();
    Path journal = out.resolve(runId).resolve(Journal.FILE);
    if (Files.isRegularFile(journal)) {
      Map<String, List<String>> left = Journal.remaining(journal);
      projects.addAll(left.getOrDefault("project", List.of()));
      annotations.addAll(left.getOrDefault("annotation", List.of()));
    } else {
      System.out.println(
          "No journal at " + journal + "; looking for projects named " + target.namePrefix() + "*");
    }
    boolean listed = true;
    try {
      JsonNode list =
          org.wkcheck.conformance.checks.Checks.json(api.as(Role.ADMIN).get("/projects"));
      for (JsonNode p : list) {
        String name = p.path("name").asString("");
        if (name.startsWith(target.namePrefix()) && !projects.contains(name)) {
          projects.add(name);
        }
      }
    } catch (AssertionError e) {
      System.err.println("wkcheck cleanup: cannot list the projects: " + e.getMessage());
      listed = false;
    }
    List<String> failed = Leftovers.remove(fixtures, projects, annotations, System.out::println);
    if (!listed) {
      // projects of the run that the journal does not name may still be there
      failed.add("(projects named " + target.namePrefix() + "*: the list could not be read)");
    }
    if (projects.isEmpty() && annotations.isEmpty() && listed) {
      System.out.println("Nothing of run " + runId + " is left.");
    }
    failed.forEach(f -> System.out.println("could not remove " + f));
    return failed.isEmpty() ? 0 : 1;
  }
}
