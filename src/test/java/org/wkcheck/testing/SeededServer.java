package org.wkcheck.testing;

import static org.testng.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.wkcheck.cli.Main;
import org.wkcheck.server.ReferenceServer;
import org.wkcheck.server.ServerOptions;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.server.world.World;

/**
 * A reference server with faults switched on, reached as a remote target would be (its URL and the
 * admin's token in a file), that can tell whether a run left anything of its own behind.
 */
public final class SeededServer implements AutoCloseable {
  private final ReferenceServer server;
  private final Path tokenFile;
  private final Counts before;

  /** How many projects, tasks and task types the server holds. */
  private record Counts(int projects, int tasks, int taskTypes) {
    static Counts of(World w) {
      return w.read(() -> new Counts(w.projects().size(), w.tasks().size(), w.taskTypes().size()));
    }
  }

  private SeededServer(ReferenceServer server, Path tokenFile) {
    this.server = server;
    this.tokenFile = tokenFile;
    this.before = Counts.of(server.world());
  }

  public static SeededServer withFaults(Fault... faults) throws IOException {
    ReferenceServer server =
        ReferenceServer.start(ServerOptions.defaults().withFaults(Set.of(faults)));
    Path tokenFile = Files.createTempFile("wkcheck-token", ".txt");
    Files.writeString(tokenFile, SeedWorld.token('A'));
    return new SeededServer(server, tokenFile);
  }

  /** The server's root URL. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The file holding the admin's token. */
  public Path tokenFile() {
    return tokenFile;
  }

  /** {@code --target URL --token-file FILE}. */
  public String[] targetFlags() {
    return new String[] {"--target", server.baseUrl(), "--token-file", tokenFile.toString()};
  }

  /** Runs {@code ./wkcheck} in this JVM with the arguments and then {@link #targetFlags}. */
  public CommandRun run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 4);
    System.arraycopy(targetFlags(), 0, all, args.length, 4);
    return CommandRun.main(all);
  }

  /**
   * Runs {@code ./wkcheck} in this JVM with the arguments and then {@link #targetFlags}, printing
   * what it prints; its exit code.
   */
  public int exitCode(List<String> args) {
    return Main.run(Stream.concat(args.stream(), Stream.of(targetFlags())).toArray(String[]::new));
  }

  /** The run removed every project, task and task type it made. */
  public void assertNothingLeft() {
    assertEquals(Counts.of(server.world()), before);
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(tokenFile);
  }
}
