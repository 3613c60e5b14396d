package org.wkcheck.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.world.SeedWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./wkcheck conformance}. Until the conformance suite exists this runs a smoke check: a
 * dozen read requests that every conforming server answers with 200 and JSON of the right kind, and
 * one that it must refuse with 401. It says so on its first line; it is not the suite.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a server against the documented webKnossos REST API. Without --target it starts the"
          + " embedded reference server and checks that.",
      "For now this is a SMOKE CHECK of a few read routes and of authentication; the full"
          + " requirement-by-requirement suite replaces it.",
      "The token comes from the environment variable WK_TOKEN or from --token-file, never from the"
          + " command line; the embedded server needs none."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Option(
      names = "--target",
      paramLabel = "URL",
      description =
          "Root URL of the server to check, e.g. http://localhost:9000 (default: embedded).")
  String target;

  @Option(
      names = "--api-version",
      paramLabel = "N",
      description = "Call the routes under /api/vN instead of /api.")
  Integer apiVersion;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the token from this file (first line) instead of WK_TOKEN.")
  java.nio.file.Path tokenFile;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Timeout of each request (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Check(
      String method, String path, String body, boolean authenticated, int status, String kind) {}

  @Override
  public Integer call() {
    PrintStream out = System.out;
    if (apiVersion != null && apiVersion < 0) {
      System.err.println("wkcheck conformance: --api-version must not be negative");
      return 2;
    }
    if (timeoutSeconds <= 0) {
      System.err.println("wkcheck conformance: --timeout must be positive");
      return 2;
    }
    String token = System.getenv("WK_TOKEN");
    if (tokenFile != null) {
      try {
        token =
            java.nio.file.Files.readAllLines(tokenFile).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse(null);
      } catch (java.io.IOException e) {
        System.err.println("wkcheck conformance: cannot read --token-file " + tokenFile + ": " + e);
        return 2;
      }
    }
    ReferenceServer embedded = null;
    String base;
    if (target == null) {
      embedded = ReferenceServer.start(ServerOptions.defaults());
      base = embedded.baseUrl();
      token = SeedWorld.token('A');
    } else {
      base = target.replaceAll("/+$", "");
      if (!base.startsWith("http://") && !base.startsWith("https://")) {
        System.err.println(
            "wkcheck conformance: --target must be an http:// or https:// URL, not " + target);
        return 2;
      }
      if (token == null || token.isBlank()) {
        System.err.println(
            "wkcheck conformance: set WK_TOKEN (or give --token-file) with the token of a user of "
                + base);
        return 2;
      }
    }
    try {
      String prefix = base + (apiVersion == null ? "/api" : "/api/v" + apiVersion);
      out.println(
          "wkcheck conformance: SMOKE CHECK (not the full suite) of "
              + prefix
              + (embedded != null ? " (embedded reference server)" : ""));
      List<Check> checks =
          List.of(
              new Check("GET", "/buildinfo", null, false, 200, "object"),
              new Check("GET", "/user", null, false, 401, "object"),
              new Check("GET", "/user", null, true, 200, "object"),
              new Check("GET", "/users", null, true, 200, "array"),
              new Check("GET", "/user/tasks", null, true, 200, "array"),
              new Check("GET", "/user/annotations", null, true, 200, "array"),
              new Check("GET", "/teams", null, true, 200, "array"),
              new Check("GET", "/datasets", null, true, 200, "array"),
              new Check("GET", "/projects", null, true, 200, "array"),
              new Check("GET", "/projects/assignments", null, true, 200, "array"),
              new Check("POST", "/tasks/list", "{}", true, 200, "array"));
      HttpClient http =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
      int failed = 0;
      String unreachable = reachable(http, prefix);
      if (unreachable != null) {
        out.println("  FAIL  cannot reach " + base + ": " + unreachable);
        out.println("0 passed, " + checks.size() + " not run (smoke check; exit 1)");
        return 1;
      }
      for (Check c : checks) {
        String problem = run(http, prefix, token, c);
        String label = c.method + " " + c.path + (c.authenticated ? "" : " (no token)");
        if (problem == null) {
          out.println("  ok    " + label + " -> " + c.status);
        } else {
          failed++;
          out.println("  FAIL  " + label + ": " + problem);
        }
      }
      out.println(
          (checks.size() - failed)
              + " passed, "
              + failed
              + " failed (smoke check; exit "
              + (failed == 0 ? 0 : 1)
              + ")");
      return failed == 0 ? 0 : 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** Null when the server answers at all, else why not. */
  private String reachable(HttpClient http, String prefix) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(prefix + "/buildinfo"))
              .timeout(Duration.ofSeconds(timeoutSeconds))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return null;
    } catch (java.net.http.HttpTimeoutException e) {
      return "no answer within " + timeoutSeconds + " s";
    } catch (java.io.IOException e) {
      return describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static String describe(java.io.IOException e) {
    boolean refused = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return "unknown host";
      }
      refused |= t instanceof java.net.ConnectException;
    }
    return refused
        ? "connection refused (is a server listening there?)"
        : ServeCommand.rootMessage(e);
  }

  /** Null when the check holds, else what went wrong. */
  private String run(HttpClient http, String prefix, String token, Check c) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(prefix + c.path))
            .timeout(Duration.ofSeconds(timeoutSeconds));
    if (c.authenticated) {
      req.header("X-Auth-Token", token);
    }
    if (c.body != null) {
      req.header("Content-Type", "application/json");
      req.method(c.method, HttpRequest.BodyPublishers.ofString(c.body));
    } else {
      req.method(c.method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      return "no answer within " + timeoutSeconds + " s";
    } catch (java.io.IOException e) {
      return "request failed: " + describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    List<String> problems = new ArrayList<>();
    if (res.statusCode() != c.status) {
      problems.add("status " + res.statusCode() + ", expected " + c.status);
    }
    try {
      JsonNode body = JSON.readTree(res.body());
      boolean kindOk = "array".equals(c.kind) ? body.isArray() : body.isObject();
      if (!kindOk) {
        problems.add("body is not a JSON " + c.kind);
      }
    } catch (JacksonException e) {
      problems.add("body is not JSON");
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }
}
