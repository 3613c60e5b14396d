package org.wkcheck.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one injector of a scaled-out run says about itself ({@code manifest.json} in its folder):
 * which share it applied, when it was planned to start and did start, what it ran on, and its
 * counters. Written when the load starts and again, with the counters, when it ends.
 *
 * @param runId the run's id (shared by all injectors)
 * @param index the injector, from 0
 * @param count the injectors of the run
 * @param share the part of the load this injector applied
 * @param plannedStart the agreed start (epoch milliseconds)
 * @param actualStart when this injector's wait for the start ended
 * @param firstArrival when its first journey arrived (the load generator's real start), or null
 * @param finishedAt when it ended, or null while it runs
 * @param counters what it counted, or null while it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InjectorManifest(
    String runId,
    int index,
    int count,
    Applied share,
    long plannedStart,
    long actualStart,
    Long firstArrival,
    Long finishedAt,
    String gatlingVersion,
    String wkcheckVersion,
    String host,
    int cpus,
    Counters counters) {

  /** When the injector really started: its first arrival, or the end of its wait. */
  public long started() {
    return firstArrival != null ? firstArrival : actualStart;
  }

  /** The file in an injector's folder. */
  public static final String FILE = "manifest.json";

  /** The file in an injector's folder with the tasks it created: {@code id<TAB>project} lines. */
  public static final String CREATED_TASKS = "created-tasks.tsv";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The part of the total load an injector applied. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Applied(
      Double journeysPerSecond, Integer concurrentUsers, int maxRequestsPerSecond) {}

  /**
   * An injector's counters.
   *
   * @param arrivals journeys the injection started (dropped ones included)
   * @param dropped journeys not started because too many were in flight
   * @param completed journeys that ended
   * @param requests requests that ended (answered or failed)
   * @param errors requests that failed
   * @param errorsByMessage the failed requests by what went wrong ({@code status 500}, {@code no
   *     answer}, ...)
   * @param incrementsSent concurrent increments sent
   * @param incrementsAnswered increments that got an answer
   * @param incrementsApplied increments answered 200
   * @param tasksCreated tasks the load created (listed in {@link #CREATED_TASKS})
   */
  public record Counters(
      long arrivals,
      long dropped,
      long completed,
      long requests,
      long errors,
      java.util.Map<String, Long> errorsByMessage,
      long incrementsSent,
      long incrementsAnswered,
      long incrementsApplied,
      long tasksCreated) {}

  /** This manifest at the end of the run. */
  public InjectorManifest finished(long at, Long arrival, Counters c) {
    return new InjectorManifest(
        runId,
        index,
        count,
        share,
        plannedStart,
        actualStart,
        arrival,
        at,
        gatlingVersion,
        wkcheckVersion,
        host,
        cpus,
        c);
  }

  /** Serialises a manifest once without writing it, so that the first real write runs warm. */
  static void warmUp(InjectorManifest m) {
    JSON.writeValueAsString(m);
  }

  /** The manifest of an injector starting now on this machine. */
  public static InjectorManifest starting(
      String runId, Share s, Applied applied, long plannedStart, long actualStart) {
    return new InjectorManifest(
        runId,
        s.index(),
        s.count(),
        applied,
        plannedStart,
        actualStart,
        null,
        null,
        gatlingRuntimeVersion(),
        String.valueOf(InjectorManifest.class.getPackage().getImplementationVersion()),
        hostName(),
        Runtime.getRuntime().availableProcessors(),
        null);
  }

  public void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path tmp = folder.resolve(FILE + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(this));
    Files.move(
        tmp,
        folder.resolve(FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The manifest in an injector's folder.
   *
   * @throws IOException when it is missing or not a manifest
   */
  public static InjectorManifest read(Path folder) throws IOException {
    Path f = folder.resolve(FILE);
    if (Files.size(f) > 1_000_000) {
      throw new IOException(f + " is larger than a manifest can be");
    }
    try {
      return JSON.readValue(Files.readString(f), InjectorManifest.class);
    } catch (tools.jackson.core.JacksonException e) {
      throw new IOException(f + " is not an injector manifest: " + e.getOriginalMessage(), e);
    }
  }

  private static String gatlingRuntimeVersion() {
    try {
      return Class.forName("io.gatling.javaapi.core.CoreDsl")
          .getPackage()
          .getImplementationVersion();
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }
}
