package org.wkcheck.hostile;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.testing.ConformanceAsserts.assertBuildInfoFailsWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;
import org.wkcheck.cli.Main;
import org.wkcheck.conformance.ConformanceRunner;
import org.wkcheck.conformance.suite.AuthConformance;
import org.wkcheck.conformance.suite.BuildInfoConformance;
import org.wkcheck.conformance.suite.TasksConformance;
import org.wkcheck.http.Limits;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;

/**
 * The suite pointed at targets an attacker controls: a redirect to another port gets no request
 * (and so no token) there, and is reported as the 3xx it is; a drip, an endless body, a gzip bomb,
 * a huge body or a huge header line end each exchange at its deadline or its size bound with a
 * failure that says which; a token the target echoes never reaches a report or the console.
 */
public class HostileConformanceTest {
  private static final List<Class<?>> CLASSES =
      List.of(BuildInfoConformance.class, AuthConformance.class, TasksConformance.class);

  private static Map<Role, String> tokens() {
    Map<Role, String> t = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      t.put(r, "secret-" + r.name().toLowerCase(java.util.Locale.ROOT) + "-0123456789abcdef");
    }
    return t;
  }

  private static ConformanceRunner.Run run(
      String url, Duration timeout, long maxBody, Path out, PrintStream progress) throws Exception {
    Target t =
        TargetResolver.remote(
            url, null, tokens(), TargetWorld.defaults(), new Limits(timeout, maxBody), "hostile");
    return ConformanceRunner.run(
        new ConformanceRunner.Options(t, out, out != null, progress, CLASSES));
  }

  /** A redirect to another port: nothing reaches that port, and the report shows the 307. */
  @Test(timeOut = 120_000)
  public void aRedirectToAnotherPortIsNotFollowed() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-hostile");
    try (HostileServer other = HostileServer.start(ex -> ex.sendResponseHeaders(200, -1));
        HostileServer target = HostileServer.start(HostileServer.redirectTo(other.url()))) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(5), 1 << 20, out, null);
      assertTrue(target.seen().size() > 5, "the suite made its requests: " + target.seen().size());
      assertTrue(
          target.seen().stream().anyMatch(s -> tokens().containsValue(s.token())),
          "requests to the target carried the tokens");
      assertEquals(other.seen(), List.of(), "requests that reached the other port");
      assertBuildInfoFailsWith(run.report(), "307");
      assertTrue(
          run.report()
              .requirement("buildinfo.read.returns-version-info")
              .message()
              .contains("Location: " + other.url()),
          "the failure names where the redirect pointed");
      String md = Files.readString(run.reportDir().resolve("report.md"));
      assertTrue(md.contains("not followed"), "report.md shows the redirect as the answer");
    }
  }

  /**
   * The clean-up against a redirecting target sends nothing to the other port either: its
   * pre-flight stops at the redirected buildinfo (exit 3).
   */
  @Test(timeOut = 60_000)
  public void theCleanUpFollowsNoRedirect() throws Exception {
    Path dir = Files.createTempDirectory("wkcheck-hostile-cleanup");
    Path tokenFile = dir.resolve("tokens");
    Files.writeString(tokenFile, "WK_TOKEN=" + tokens().get(Role.ADMIN) + "\n");
    Path run = dir.resolve("runs").resolve("R1");
    Files.createDirectories(run);
    Files.writeString(
        run.resolve("created.txt"), "project wkc_R1_p\nannotation 0123456789abcdef01234567\n");
    try (HostileServer other = HostileServer.start(ex -> ex.sendResponseHeaders(200, -1));
        HostileServer target = HostileServer.start(HostileServer.redirectTo(other.url()))) {
      int exit =
          Main.run(
              "cleanup",
              "--run-id",
              "R1",
              "--out",
              dir.resolve("runs").toString(),
              "--target",
              target.url(),
              "--token-file",
              tokenFile.toString(),
              "--timeout",
              "5");
      // a target that redirects buildinfo is no webKnossos server the clean-up sends deletes to
      assertEquals(exit, 3, "the pre-flight refuses the target");
      assertFalse(target.seen().isEmpty(), "the clean-up tried the target");
      assertEquals(other.seen(), List.of(), "requests that reached the other port");
    }
  }

  /** An answer dripping a byte a second fails at the deadline; the run ends in bounded time. */
  @Test(timeOut = 120_000)
  public void aDripEndsAtTheDeadline() throws Exception {
    try (HostileServer target = HostileServer.start(HostileServer.drip(500))) {
      long start = System.nanoTime();
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(2), 1 << 20, null, null);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertBuildInfoFailsWith(run.report(), "no complete answer within 2 s");
      // three stalls in a row trip the guard; after that requests fail without waiting
      assertTrue(seconds < 45, "took " + seconds + " s");
      assertTrue(
          target.seen().size() < 12,
          "a stalled target is probed, not waited for again and again: " + target.seen().size());
    }
  }

  /** An endless body stops at the size bound. */
  @Test(timeOut = 120_000)
  public void anEndlessBodyStopsAtTheBound() throws Exception {
    try (HostileServer target = HostileServer.start(HostileServer.endless())) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(10), 1 << 20, null, null);
      assertBuildInfoFailsWith(run.report(), "larger than 1 MiB");
    }
  }

  /** A gzip bomb stops at the size bound of the decoded body. */
  @Test(timeOut = 120_000)
  public void aGzipBombStopsAtTheDecodedBound() throws Exception {
    byte[] bomb = HostileServer.gzipOfSpaces(64L << 20);
    assertTrue(bomb.length < 1 << 20, "the bomb is small: " + bomb.length);
    try (HostileServer target = HostileServer.start(HostileServer.gzipBomb(bomb))) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(10), 1 << 20, null, null);
      assertBuildInfoFailsWith(run.report(), "larger than 1 MiB once decoded");
    }
  }

  /** A body announced as 2 GiB is refused before it is read. */
  @Test(timeOut = 120_000)
  public void aHugeAnnouncedBodyIsRefused() throws Exception {
    try (HostileServer target = HostileServer.start(HostileServer.bigBody(2L << 30))) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(10), 1 << 20, null, null);
      assertBuildInfoFailsWith(run.report(), "larger than 1 MiB");
    }
  }

  /** A header line of 1 MiB ends the exchange. */
  @Test(timeOut = 120_000)
  public void aHugeHeaderIsRefused() throws Exception {
    try (HostileServer target = HostileServer.start(HostileServer.hugeHeader(1 << 20))) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(10), 1 << 20, null, null);
      assertBuildInfoFailsWith(run.report(), "oversized answer head");
    }
  }

  /** A token the target sends back appears in no report file and not on the console. */
  @Test(timeOut = 120_000)
  public void anEchoedTokenIsRedactedEverywhere() throws Exception {
    Path out = Files.createTempDirectory("wkcheck-hostile-echo");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (HostileServer target = HostileServer.start(HostileServer.echoToken());
        PrintStream progress = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      ConformanceRunner.Run run = run(target.url(), Duration.ofSeconds(5), 1 << 20, out, progress);
      assertTrue(
          target.seen().stream().anyMatch(s -> tokens().get(Role.ADMIN).equals(s.token())),
          "the target got the token and could echo it");
      List<Path> files;
      try (Stream<Path> s = Files.walk(out)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      assertTrue(files.size() > 5, "the run wrote its reports: " + files);
      boolean sawVariable = false;
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        for (String token : tokens().values()) {
          assertFalse(text.contains(token), "a token in " + out.relativize(f));
        }
        sawVariable |= text.contains("$WK_TOKEN");
      }
      assertTrue(sawVariable, "the echoed token shows as the name of its variable");
      String printed = console.toString(StandardCharsets.UTF_8);
      for (String token : tokens().values()) {
        assertFalse(printed.contains(token), "a token on the console");
      }
      assertEquals(run.report().exitCode(), 1);
    }
  }
}
