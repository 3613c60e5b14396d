package org.wkcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.wkcheck.conformance.Role;
import picocli.CommandLine.Option;

/** The options naming a target server and its tokens, shared by the commands that talk to one. */
final class TargetOptions {
  @Option(
      names = "--target",
      paramLabel = "URL",
      description =
          "Root URL of the server, e.g. http://localhost:9000 (default: the embedded reference server).")
  String target;

  @Option(
      names = "--api-version",
      paramLabel = "N",
      description = "Call the routes under /api/vN instead of /api.")
  Integer apiVersion;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Tokens as lines VARIABLE=token (WK_TOKEN, WK_TOKEN_MANAGER, WK_TOKEN_MEMBER, WK_TOKEN_OTHER_ORG), or one bare token line (WK_TOKEN).")
  Path tokenFile;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "Deadline of each whole exchange with the target, the answer's body included"
              + " (default: ${DEFAULT-VALUE}).")
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

  /** A usage problem with these options, or null. */
  String problem() {
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

  String baseUrl() {
    return target.replaceAll("/+$", "");
  }

  /** The tokens of a given target: the environment, then the token file. */
  Map<Role, String> tokens() throws IOException {
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      String t = System.getenv(r.environmentVariable());
      if (t != null && !t.isBlank()) {
        tokens.put(r, t.trim());
      }
    }
    if (tokenFile != null) {
      readTokenFile(tokenFile, tokens);
    }
    return tokens;
  }

  /** Lines {@code VARIABLE=token}; a file of a single bare line holds the main token. */
  static void readTokenFile(Path file, Map<Role, String> tokens) throws IOException {
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
      tokens.put(Role.USER, lines.get(0));
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
