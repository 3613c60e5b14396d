package org.wkcheck.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;

/**
 * Reaches a target: starts the embedded reference server with the seeded world's tokens of every
 * role, or takes a remote server's URL with the tokens given; either way the same {@link Target}.
 * Every command and test gets its target here; nothing else builds one.
 */
public final class TargetResolver {
  private TargetResolver() {}

  /**
   * What a run says about its target.
   *
   * @param url the remote server's root URL, or null for the embedded reference server
   * @param embedded how to start the embedded server (ignored for a remote target)
   * @param tokens the remote server's tokens by role (ignored for the embedded server, which has
   *     the seeded ones)
   */
  public record Request(
      String url,
      ServerOptions embedded,
      Integer apiVersion,
      Map<Role, String> tokens,
      TargetWorld world,
      Limits limits,
      String runId) {

    /** The embedded reference server with default options. */
    public static Request embedded(TargetWorld world, Limits limits, String runId) {
      return new Request(null, ServerOptions.defaults(), null, Map.of(), world, limits, runId);
    }

    public Request withEmbedded(ServerOptions options) {
      return new Request(url, options, apiVersion, tokens, world, limits, runId);
    }
  }

  /**
   * A reached target and the embedded server started for it (null for a remote target); closing it
   * stops that server.
   */
  public record Reached(Target target, ReferenceServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * Starts the embedded server or takes the remote one.
   *
   * @throws Precondition when a remote target has no token of the main role
   */
  public static Reached reach(Request r) {
    if (r.url() == null) {
      ReferenceServer server = ReferenceServer.start(r.embedded());
      try {
        return new Reached(embedded(server.baseUrl(), r), server);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    if (!r.tokens().containsKey(Role.ADMIN)) {
      throw new Precondition(
          "set "
              + Role.ADMIN.environmentVariable()
              + " (or give --token-file) with the token of an admin of "
              + r.url());
    }
    return new Reached(
        remote(r.url(), r.apiVersion(), r.tokens(), r.world(), r.limits(), r.runId()), null);
  }

  /** The target of a reference server already running here (tests, the faults' servers). */
  public static Target embedded(String baseUrl, Request r) {
    return new Target(
        baseUrl, r.apiVersion(), seededTokens(), r.world(), r.limits(), r.runId(), true);
  }

  /** A remote target whose tokens are given (a load run's Gatling JVM, tests). */
  public static Target remote(
      String baseUrl,
      Integer apiVersion,
      Map<Role, String> tokens,
      TargetWorld world,
      Limits limits,
      String runId) {
    return new Target(baseUrl, apiVersion, tokens, world, limits, runId, false);
  }

  /** The seeded world's token of every role (the users of webKnossos' test database). */
  public static Map<Role, String> seededTokens() {
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      tokens.put(r, SeedWorld.token(r.seededUser()));
    }
    return tokens;
  }

  /**
   * The tokens of a remote target: the environment's role variables, then the token file's lines
   * {@code VARIABLE=token} (or one bare line, the main token).
   *
   * @throws IOException when the token file cannot be read or names an unknown variable
   */
  public static Map<Role, String> tokens(Function<String, String> environment, Path tokenFile)
      throws IOException {
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      String t = environment.apply(r.environmentVariable());
      if (t != null && !t.isBlank()) {
        tokens.put(r, t.trim());
      }
    }
    if (tokenFile != null) {
      readTokenFile(tokenFile, tokens);
    }
    return tokens;
  }

  private static void readTokenFile(Path file, Map<Role, String> tokens) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > 64 << 10) {
      throw new IOException(
          file + " is not a regular file of at most 64 KiB (a token file is a few lines)");
    }
    List<String> lines =
        Files.readAllLines(file).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    if (lines.size() == 1 && !lines.get(0).contains("=")) {
      tokens.put(Role.ADMIN, lines.get(0));
      return;
    }
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IOException("a line without VARIABLE=token in " + file);
      }
      String name = line.substring(0, eq).trim();
      Role role = null;
      for (Role r : Role.values()) {
        if (r.environmentVariable().equals(name)) {
          role = r;
        }
      }
      if (role == null) {
        throw new IOException(
            "unknown variable "
                + name
                + " in "
                + file
                + " (WK_TOKEN, WK_TOKEN_MANAGER, WK_TOKEN_MEMBER, WK_TOKEN_OTHER_ORG)");
      }
      tokens.put(role, line.substring(eq + 1).trim());
    }
  }
}
