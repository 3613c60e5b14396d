package org.wkcheck.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./wkcheck serve}: the reference server until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the embedded reference server (every documented route, in memory, on the seeded world"
          + " of webKnossos' test database) until stopped with Ctrl-C.",
      "Tokens of the seeded users are those of webKnossos' test database."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "9000")
  int port;

  @Option(names = "--host", defaultValue = ServerOptions.LOOPBACK)
  String host;

  @Option(names = "--fault", paramLabel = "NAME")
  java.util.List<String> faults;

  @Option(names = "--token-file", paramLabel = "FILE")
  java.nio.file.Path tokenFile;

  @picocli.CommandLine.Mixin KnownCapacityOptions knownCapacity;

  @Override
  public Integer call() throws InterruptedException {
    java.util.Set<org.wkcheck.server.faults.Fault> active =
        java.util.EnumSet.noneOf(org.wkcheck.server.faults.Fault.class);
    active.addAll(Usage.faults(faults));
    if (port < 0 || port > 65535) {
      throw new Usage("--port must be between 0 and 65535, not " + port);
    }
    ServerOptions options =
        knownCapacity.embedded().withHost(host).withPort(port).withFaults(active);
    ReferenceServer server;
    try {
      server = ReferenceServer.start(options);
    } catch (RuntimeException e) {
      System.err.println(
          "wkcheck serve: cannot listen on " + host + ":" + port + ": " + rootMessage(e));
      return 1;
    }
    if (tokenFile != null) {
      try {
        writeTokens(tokenFile);
      } catch (java.io.IOException e) {
        server.close();
        throw new Usage("cannot write --token-file " + tokenFile + ": " + rootMessage(e));
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println(
        "wkcheck reference server listening on "
            + server.baseUrl()
            + "/api ("
            + server.documentedRoutes().size()
            + " documented routes, plus the set-up routes "
            + server.setUpRoutes().stream()
                .map(r -> r.method() + " /api" + r.path().replaceAll("\\{(\\w+)}", ":$1"))
                .collect(java.util.stream.Collectors.joining(", "))
            + ")"
            + (active.isEmpty() ? "" : ", WITH FAULTS " + active)
            + (options.capacity() == null ? "" : ", held to a capacity of " + options.capacity())
            + (tokenFile == null
                ? ""
                : ". The seeded users' tokens are in "
                    + tokenFile
                    + " (--token-file "
                    + tokenFile
                    + " on conformance and load)")
            + ". Ctrl-C stops it.");
    stopped.await();
    return 0;
  }

  /**
   * Writes the seeded users' tokens as {@code VARIABLE=token} lines, one per role of the suite, the
   * format {@code --token-file} reads.
   */
  static void writeTokens(java.nio.file.Path file) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (org.wkcheck.target.Role r : org.wkcheck.target.Role.values()) {
      b.append(r.environmentVariable())
          .append('=')
          .append(org.wkcheck.server.world.SeedWorld.token(r.seededUser()))
          .append('\n');
    }
    org.wkcheck.server.world.SeedWorld.writeSecret(file, b.toString());
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
