package org.wkcheck.target;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.testing.CommandRun;

/**
 * A target that cannot be used stops {@code conformance} and {@code load} before anything is
 * judged: one line on the error stream naming the cause, no stack trace, no requirement verdict,
 * exit 3. And the reference server with the seeded tokens passes the pre-flight (the other tests of
 * the commands run through it).
 */
public class PreflightTest {
  private ReferenceServer server;
  private Path dir;

  @BeforeClass
  public void start() throws IOException {
    server = ReferenceServer.start(ServerOptions.defaults());
    dir = Files.createTempDirectory("preflight");
  }

  @AfterClass(alwaysRun = true)
  public void stop() {
    server.close();
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** {@code --world FILE} of a world file with this content. */
  private List<String> world(String name, String json) throws IOException {
    return List.of("--world", file(name + ".json", json).toString());
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @DataProvider
  public Object[][] unusableTargets() throws IOException {
    String admin = "WK_TOKEN=" + SeedWorld.token('A') + "\n";
    Path adminTokens = file("admin.txt", admin);
    String url = server.baseUrl();
    return new Object[][] {
      {
        "a target that is down",
        List.of("--target", "http://127.0.0.1:" + closedPort(), "--token-file", adminTokens + ""),
        "does not answer GET /api/buildinfo"
      },
      {
        "a token the target refuses",
        List.of("--target", url, "--token-file", file("bad.txt", "WK_TOKEN=nope\n") + ""),
        "the token in WK_TOKEN is refused: GET /api/user answered 401"
      },
      {
        "the token of a plain member as the admin's",
        List.of(
            "--target",
            url,
            "--token-file",
            file("member.txt", "WK_TOKEN=" + SeedWorld.token('C')) + ""),
        "who is not an admin"
      },
      {
        "the admin's token as the manager's",
        List.of(
            "--target",
            url,
            "--token-file",
            file("manager.txt", admin + "WK_TOKEN_MANAGER=" + SeedWorld.token('A')) + ""),
        "who is an admin; WK_TOKEN_MANAGER must be the token of a manager"
      },
      {
        "an API version the target does not serve",
        List.of("--target", url, "--token-file", adminTokens + "", "--api-version", "99"),
        "does not serve API version 99"
      },
      {
        "an unknown key in the world file",
        world("typo", "{\"organisation\": \"Organization_X\"}"),
        "property 'organisation' is not defined in the schema"
      },
      {
        "a number where the world file wants a name",
        world("number", "{\"dataset\": 5}"),
        "/dataset"
      },
      {
        "a dataset the target does not have",
        world("dataset", "{\"dataset\": \"no_such_dataset\"}"),
        "the world's dataset no_such_dataset of organization Organization_X is not there"
      },
      {
        "a team the target does not have",
        world("team", "{\"team\": \"5eed0c0de0000000000000ff\"}"),
        "the world's team 5eed0c0de0000000000000ff is not among the teams"
      },
      {
        "an annotation the target does not have",
        world("volume", "{\"volumeAnnotation\": \"5eed0c0de0000000000000ff\"}"),
        "\"volumeAnnotation\": null"
      },
    };
  }

  @Test(dataProvider = "unusableTargets")
  public void conformanceStopsWithExit3(String what, List<String> flags, String cause)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("conformance", "--no-allure", "--out"));
    args.add(Files.createTempDirectory(dir, "out").toString());
    args.addAll(flags);
    assertStopped(what, CommandRun.main(args.toArray(String[]::new)), cause);
  }

  @Test(dataProvider = "unusableTargets")
  public void loadStopsWithExit3(String what, List<String> flags, String cause) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "load", "--simulation", "task-read", "--rate", "1", "--duration", "1", "--out"));
    args.add(Files.createTempDirectory(dir, "out").toString());
    args.addAll(flags);
    assertStopped(what, CommandRun.main(args.toArray(String[]::new)), cause);
  }

  private static void assertStopped(String what, CommandRun run, String cause) {
    assertEquals(run.exit(), 3, what + ": " + run.out() + run.err());
    List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(lines.size(), 1, what + ": one line, no stack trace: " + run.err());
    assertTrue(lines.get(0).contains("pre-flight failed"), what + ": " + lines.get(0));
    assertTrue(
        lines.get(0).contains(cause), what + ": expected «" + cause + "» in " + lines.get(0));
    assertFalse(run.out().contains("PASS") || run.out().contains("FAIL"), what + ": " + run.out());
    for (char user : new char[] {'A', 'B', 'C', 'E'}) {
      assertFalse(run.err().contains(SeedWorld.token(user)), what + ": a token was printed");
    }
  }

  /** Every role's seeded token on the reference server passes, with the default world. */
  @Test
  public void theReferenceServerWithItsSeededTokensPasses() {
    Preflight.check(
        TargetResolver.remote(
            server.baseUrl(),
            null,
            TargetResolver.seededTokens(),
            TargetWorld.defaults(),
            org.wkcheck.http.Limits.of(java.time.Duration.ofSeconds(10)),
            "t"));
  }

  /**
   * Without a world (the clean-up's pre-flight) only the target and the admin's token are checked:
   * a world the target does not have, or a token of a plain member, does not stop it.
   */
  @Test
  public void withoutAWorldOnlyTheTargetAndItsTokenCount() {
    TargetWorld elsewhere =
        new TargetWorld("Other_Org", "no_such_dataset", "x", "y", null, null, null, null);
    Target asMember =
        TargetResolver.remote(
            server.baseUrl(),
            null,
            java.util.Map.of(Role.ADMIN, SeedWorld.token('C')),
            elsewhere,
            org.wkcheck.http.Limits.of(java.time.Duration.ofSeconds(10)),
            "t");
    Preflight.check(asMember, false);
    Preflight.Failed full =
        org.testng.Assert.expectThrows(Preflight.Failed.class, () -> Preflight.check(asMember));
    assertTrue(full.getMessage().contains("is not an admin"), full.getMessage());
  }

  /** A hostile answer is quoted cut short and with its control characters replaced. */
  @Test
  public void quotesAreCutAndPrintable() {
    String quoted = Preflight.printable("\u001b[31mred\u202e" + "x".repeat(500));
    assertFalse(quoted.contains("\u001b") || quoted.contains("\u202e"), quoted);
    assertTrue(quoted.length() < 200, quoted);
    assertTrue(quoted.endsWith("..."), quoted);
  }
}
