package org.wkcheck.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.wkcheck.contract.ContractFiles;
import org.wkcheck.contract.SchemaSet;
import org.wkcheck.contract.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the suite may use on the target: an organization, one of its datasets (active), a team of it
 * the main user manages and the roles' users belong to, and a task type of that team. Optional
 * extras make more requirements testable: a hybrid annotation (ZIP download), a cancelled task
 * annotation with its task. The defaults fit the reference server and a webKnossos development
 * server loaded with its test database.
 */
public record TargetWorld(
    String organization,
    String dataset,
    String team,
    String taskType,
    String volumeAnnotation,
    String cancelledTaskAnnotation,
    String cancelledTaskAnnotationTask,
    String publicAnnotation) {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The seeded world of webKnossos' test database, as the reference server has it. */
  public static TargetWorld defaults() {
    return new TargetWorld(
        "Organization_X",
        "l4_sample",
        "570b9f4b2a7c0e3b008da6ec",
        "570b9f4c2a7c0e4c008da6ee",
        "5eed0c0de000000000000001",
        "5eed0c0de000000000000002",
        "681367a82faeb37a008a5354",
        "88135c192faeb34c0081c05d");
  }

  /** The largest world file read. */
  private static final long MAX_FILE = 1 << 20;

  /** The form of a world file, below {@code schemas/}. */
  public static final String SCHEMA = "meta/target-world.json";

  /**
   * A world file: JSON with any of the fields of this record; missing fields keep their defaults,
   * {@code null} switches an optional extra off.
   *
   * @throws IOException when the file cannot be read or is not a JSON object
   * @throws Preflight.Failed when it does not fit {@link #SCHEMA} (an unknown key, a wrong type)
   */
  public static TargetWorld read(Path file) throws IOException {
    TargetWorld d = defaults();
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE) {
        throw new IOException(
            file + " is not a regular file of at most 1 MiB (a world file is a few lines)");
      }
      tools.jackson.databind.JsonNode n = JSON.readTree(Files.readAllBytes(file));
      if (n == null || !n.isObject()) {
        throw new IOException(file + " is not a JSON object");
      }
      List<Violation> problems =
          new SchemaSet(ContractFiles.classpath(), false).validate(SCHEMA, n);
      if (!problems.isEmpty()) {
        throw new Preflight.Failed(
            "the --world file "
                + file
                + " does not fit schemas/"
                + SCHEMA
                + ": "
                + problems.stream()
                    .map(
                        v ->
                            Preflight.printable(
                                (v.pointer().isEmpty() ? "" : v.pointer() + ": ")
                                    + v.message().strip()))
                    .collect(Collectors.joining("; ")));
      }
      return new TargetWorld(
          text(n, "organization", d.organization),
          text(n, "dataset", d.dataset),
          text(n, "team", d.team),
          text(n, "taskType", d.taskType),
          text(n, "volumeAnnotation", d.volumeAnnotation),
          text(n, "cancelledTaskAnnotation", d.cancelledTaskAnnotation),
          text(n, "cancelledTaskAnnotationTask", d.cancelledTaskAnnotationTask),
          text(n, "publicAnnotation", d.publicAnnotation));
    } catch (JacksonException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(tools.jackson.databind.JsonNode n, String field, String dflt) {
    if (!n.has(field)) {
      return dflt;
    }
    return n.get(field).isNull() ? null : n.get(field).asString();
  }
}
