package org.wkcheck.load.record;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * One second of a load run as the load generator saw it (a line of {@code intervals.jsonl}, next to
 * the latency log): journeys that arrived (started, or dropped because too many were in flight),
 * requests answered and failed, journeys in flight at its end, and the CPU and garbage-collection
 * pauses of the generator.
 *
 * @param end when the interval ended (epoch milliseconds)
 * @param seconds its length
 * @param arrivals journeys the injection started in it (dropped ones included)
 * @param dropped journeys dropped because {@code MAX_IN_FLIGHT} were in flight
 * @param completed journeys that ended in it
 * @param inFlight journeys in flight at its end
 * @param answered requests that ended in it (answered or failed)
 * @param errors requests that failed in it
 * @param cpuCores the generator's CPU time in it per second (1.0 = one core busy)
 * @param gcMillis the generator's garbage-collection pauses in it, or -1 where the JVM does not say
 */
public record Interval(
    long end,
    double seconds,
    long arrivals,
    long dropped,
    long completed,
    long inFlight,
    long answered,
    long errors,
    double cpuCores,
    long gcMillis) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The file name of a run's intervals. */
  public static final String FILE = "intervals.jsonl";

  /** Appends the interval as one JSON line. */
  public void appendTo(BufferedWriter out) throws IOException {
    out.write(JSON.writeValueAsString(this));
    out.newLine();
    out.flush();
  }

  /** The intervals of a run, oldest first. */
  public static List<Interval> read(Path file) throws IOException {
    List<Interval> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readValue(line, Interval.class));
      }
    }
    return out;
  }
}
