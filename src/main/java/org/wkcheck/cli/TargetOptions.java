package org.wkcheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wkcheck.http.Limits;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.target.Precondition;
import org.wkcheck.target.Preflight;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Option;

/** The options naming a target server and its tokens, shared by the commands that talk to one. */
final class TargetOptions {
  @Option(names = "--target", paramLabel = "URL")
  String target;

  @Option(names = "--api-version", paramLabel = "N")
  Integer apiVersion;

  @Option(names = "--token-file", paramLabel = "FILE")
  Path tokenFile;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS")
  int timeoutSeconds;

  @Option(
      names = "--max-body",
      defaultValue = "64MiB",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "Largest answer body accepted, also after decoding gzip or deflate; a larger answer is"
              + " cut off and fails its check (default: ${DEFAULT-VALUE}; units k, M, G, binary).")
  long maxBody;

  /** {@code --max-body} in bytes. */
  long maxBody() {
    return maxBody;
  }

  /** Throws {@link Usage} when these options cannot be used. */
  void check() {
    String p = problem();
    if (p != null) {
      throw new Usage(p);
    }
  }

  /**
   * Reaches the target these options name (starting the embedded server without {@code --target})
   * and runs the {@link Preflight} on it; bad options, an unreadable token file or a missing token
   * are {@link Usage}, a target that cannot be used is a {@link Preflight.Failed} (exit 3).
   */
  TargetResolver.Reached reach(TargetWorld world, String runId) {
    return reach(world, runId, ServerOptions.defaults());
  }

  /** {@link #reach(TargetWorld, String)} with the embedded server started with {@code embedded}. */
  TargetResolver.Reached reach(TargetWorld world, String runId, ServerOptions embedded) {
    return reach(world, runId, embedded, true);
  }

  /**
   * The remote target only, its pre-flight without a world: it answers and takes the tokens (for
   * {@code cleanup}, which needs no world).
   */
  TargetResolver.Reached reachWithoutWorld(String runId) {
    return reach(TargetWorld.defaults(), runId, ServerOptions.defaults(), false);
  }

  private TargetResolver.Reached reach(
      TargetWorld world, String runId, ServerOptions embedded, boolean withWorld) {
    check();
    if (target != null && !embedded.equals(ServerOptions.defaults())) {
      throw new Usage("--capacity holds the embedded server only; it cannot go with --target");
    }
    TargetResolver.Reached reached;
    try {
      reached = TargetResolver.reach(request(world, runId).withEmbedded(embedded));
    } catch (IOException e) {
      throw new Usage("cannot read --token-file: " + e.getMessage());
    } catch (Precondition e) {
      throw new Usage(e.getMessage());
    }
    try {
      Preflight.check(reached.target(), withWorld);
    } catch (Preflight.Failed e) {
      reached.close();
      throw e;
    }
    return reached;
  }

  /** A usage problem with these options, or null. */
  private String problem() {
    if (apiVersion != null && apiVersion < 0) {
      return "--api-version must not be negative";
    }
    if (timeoutSeconds <= 0) {
      return "--timeout must be positive";
    }
    if (target != null && !target.startsWith("http://") && !target.startsWith("https://")) {
      return "--target must be an http:// or https:// URL, not " + target;
    }
    return null;
  }

  /** These options as arguments of a command line (what a rerun needs; never a token). */
  List<String> arguments() {
    List<String> args = new ArrayList<>();
    if (target != null) {
      args.addAll(List.of("--target", target));
    }
    if (apiVersion != null) {
      args.addAll(List.of("--api-version", apiVersion.toString()));
    }
    if (tokenFile != null) {
      args.addAll(List.of("--token-file", tokenFile.toString()));
    }
    if (timeoutSeconds != 10) {
      args.addAll(List.of("--timeout", Integer.toString(timeoutSeconds)));
    }
    return args;
  }

  /**
   * A {@code ./wkcheck} command line against the same target: the command's words, then these
   * options, each quoted for a POSIX shell where it needs to be (never a token: only its file).
   */
  String commandLine(List<String> words) {
    List<String> all = new ArrayList<>(List.of("./wkcheck"));
    all.addAll(words);
    all.addAll(arguments());
    return String.join(" ", all.stream().map(TargetOptions::shellWord).toList());
  }

  /** The command that removes what the run {@code runId} (reports in {@code out}) left. */
  String cleanupCommand(String runId, Path out) {
    return commandLine(List.of("cleanup", "--run-id", runId, "--out", out.toString()));
  }

  /** {@code word}, quoted for a POSIX shell where it needs to be. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  String baseUrl() {
    return target.replaceAll("/+$", "");
  }

  /** What one exchange may cost: {@code --timeout} for the whole of it, {@code --max-body}. */
  Limits limits() {
    return new Limits(Duration.ofSeconds(timeoutSeconds), maxBody);
  }

  /**
   * The target these options name: the embedded reference server without {@code --target}, else the
   * remote one with the tokens of the environment and {@code --token-file}.
   *
   * @throws IOException when the token file cannot be read
   */
  TargetResolver.Request request(TargetWorld world, String runId) throws IOException {
    return new TargetResolver.Request(
        target == null ? null : baseUrl(),
        ServerOptions.defaults(),
        apiVersion,
        target == null ? Map.of() : TargetResolver.tokens(System::getenv, tokenFile),
        world,
        limits(),
        runId);
  }
}
