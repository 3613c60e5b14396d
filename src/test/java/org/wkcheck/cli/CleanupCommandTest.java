package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/** {@code ./wkcheck cleanup --run-id}: removes what an interrupted run left, and nothing else. */
public class CleanupCommandTest {

  @Test
  public void removesWhatAnInterruptedRunLeft() throws Exception {
    try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
      Path out = Files.createTempDirectory("wkcheck-cleanup");
      Path runDir = Files.createDirectories(out.resolve("interrupted1"));
      Target t =
          TargetResolver.remote(
              server.baseUrl(),
              null,
              Map.of(Role.ADMIN, SeedWorld.token('A')),
              TargetWorld.defaults(),
              Limits.of(Duration.ofSeconds(5)),
              "interrupted1");
      Fixtures f = new Fixtures(new Api(t), new Journal(runDir.resolve(Journal.FILE)));
      String project = f.project().path("name").asString();
      String annotation = f.upload(false, f.nml(List.of()));
      int seededProjects = server.world().read(() -> server.world().projects().size()) - 1;
      // the run stops here without f.cleanUp()

      Path tokenFile = Files.createTempFile("wkcheck-token", ".txt");
      Files.writeString(tokenFile, SeedWorld.token('A'));
      int exit =
          Main.run(
              "cleanup",
              "--run-id",
              "interrupted1",
              "--target",
              server.baseUrl(),
              "--token-file",
              tokenFile.toString(),
              "--out",
              out.toString());
      Files.delete(tokenFile);
      assertEquals(exit, 0);
      server
          .world()
          .read(
              () -> {
                assertTrue(
                    server.world().projects().stream().noneMatch(p -> p.name.equals(project)));
                assertFalse(
                    server.world().annotation(annotation).isPresent(), "annotation still there");
                assertEquals(
                    server.world().projects().size(), seededProjects, "seeded projects untouched");
                return null;
              });
    }
  }

  /**
   * Without a journal the clean-up cannot find the annotations a run uploaded: it removes what
   * carries the run's name and exits 1, saying the target may not be clean.
   */
  @Test
  public void withoutAJournalTheTargetMayNotBeClean() throws Exception {
    try (org.wkcheck.testing.SeededServer server = org.wkcheck.testing.SeededServer.withFaults()) {
      Path empty = Files.createTempDirectory("no-journal");
      List<String> args =
          new java.util.ArrayList<>(
              List.of("cleanup", "--run-id", "R9", "--out", empty.toString()));
      args.addAll(List.of(server.targetFlags()));
      org.wkcheck.testing.CommandRun run =
          org.wkcheck.testing.CommandRun.main(args.toArray(String[]::new));
      assertEquals(run.exit(), 1, run.out() + run.err());
      assertTrue(run.out().contains("No journal of run R9"), run.out());
      assertTrue(run.out().contains("cannot be found without its journal"), run.out());
    }
  }
}
