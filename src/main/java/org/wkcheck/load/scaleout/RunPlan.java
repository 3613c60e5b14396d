package org.wkcheck.load.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.Share;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a scaled-out run is ({@code run.json} in the run's folder, written by the prepare step): the
 * simulation, the run's id, the injectors, whether the target is the embedded server, and the run's
 * total settings. The merge reads it to judge the run as a whole.
 *
 * @param settings the total settings as {@code wkcheck.*} properties (without the folder and the
 *     set-up, which are the reader's)
 */
public record RunPlan(
    String simulation,
    String runId,
    int injectors,
    boolean poisson,
    boolean embeddedServer,
    Map<String, String> settings) {

  /** The file in the run's folder. */
  public static final String FILE = "run.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The plan of a run of {@code injectors} with these total settings. */
  public static RunPlan of(
      String simulation, LoadSettings total, int injectors, boolean poisson, boolean embedded) {
    Map<String, String> p = new LinkedHashMap<>(total.toProperties());
    p.remove(LoadSettings.PREFIX + "runDir");
    p.remove(LoadSettings.PREFIX + "setup");
    return new RunPlan(simulation, total.runId(), injectors, poisson, embedded, p);
  }

  /** The run's total settings, with its folder. */
  public LoadSettings total(Path runDir) {
    Map<String, String> p = new LinkedHashMap<>(settings);
    p.put(LoadSettings.PREFIX + "runDir", runDir.toString());
    return LoadSettings.fromProperties(p::get);
  }

  /** Injector {@code i}'s share of the run in {@code runDir}. */
  public Share share(int i, Long startAt, Path runDir) {
    return new Share(i, injectors, startAt, runDir.toAbsolutePath(), poisson);
  }

  public void write(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve(FILE), JSON.writeValueAsString(this));
  }

  /**
   * The plan in a run's folder.
   *
   * @throws IOException when the folder holds none, or not a readable one
   */
  public static RunPlan read(Path runDir) throws IOException {
    Path f = runDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new IOException(
          runDir + " is not the folder of a scaled-out run (it has no " + FILE + ")");
    }
    if (Files.size(f) > 1_000_000) {
      throw new IOException(f + " is larger than a run plan can be");
    }
    try {
      RunPlan p = JSON.readValue(Files.readString(f), RunPlan.class);
      if (p.injectors() < 1 || p.injectors() > 10_000 || p.settings() == null) {
        throw new IOException(f + " names no injectors or no settings");
      }
      return p;
    } catch (tools.jackson.core.JacksonException e) {
      throw new IOException(f + " is not a run plan: " + e.getOriginalMessage(), e);
    }
  }
}
