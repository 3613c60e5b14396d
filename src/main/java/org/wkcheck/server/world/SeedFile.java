package org.wkcheck.server.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed file, {@code src/main/resources/seed/world.json}, as Jackson reads it: one record per
 * kind of object, named as in the file. {@code schemas/seed/world.json} describes every field; an
 * unknown key or a missing required one is refused here too. References between objects are names
 * (ids for tasks); {@link SeedWorld} resolves them. The data store, the tracing store and task type
 * settings are read straight into {@link DataStore}, {@link TracingStore} and {@link
 * AnnotationSettings}, whose shapes they have.
 */
record SeedFile(
    @JsonProperty("$schema") String schema,
    String about,
    DataStore dataStore,
    TracingStore tracingStore,
    List<Organization> organizations,
    List<Team> teams,
    List<User> users,
    List<Dataset> datasets,
    List<TaskType> taskTypes,
    List<Script> scripts,
    List<Project> projects,
    List<Task> tasks,
    List<Annotation> annotations) {

  /** Where the seed file is on the classpath. */
  static final String RESOURCE = "seed/world.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  record Organization(
      String id, String wkcheckAddition, String name, String displayName, String logoUrl) {}

  record Team(
      String id,
      String wkcheckAddition,
      String organization,
      String name,
      boolean isOrganizationTeam,
      Instant created) {}

  record User(
      String id,
      String wkcheckAddition,
      String organization,
      String email,
      String firstName,
      String lastName,
      boolean isAdmin,
      boolean isOrganizationOwner,
      boolean isDatasetManager,
      boolean isSuperUser,
      String selectedTheme,
      Instant created,
      Instant lastActivity,
      List<Membership> teams,
      Map<String, Integer> experiences,
      String token) {}

  record Membership(String name, boolean isTeamManager) {}

  record Dataset(
      String id,
      String wkcheckAddition,
      String organization,
      String name,
      boolean isPublic,
      boolean isUsable,
      String status,
      double[] scale,
      String folderId,
      List<String> allowedTeams,
      Instant created,
      List<DataLayer> layers) {}

  record DataLayer(
      String name,
      String category,
      String elementClass,
      BoundingBox boundingBox,
      List<int[]> resolutions,
      Long largestSegmentId) {}

  record BoundingBox(int[] topLeft, int width, int height, int depth) {}

  record TaskType(
      String id,
      String wkcheckAddition,
      String organization,
      String team,
      String summary,
      String description,
      String tracingType,
      AnnotationSettings settings,
      Instant created) {}

  record Script(
      String id, String wkcheckAddition, String owner, String name, String gist, Instant created) {}

  record Project(
      String id,
      String wkcheckAddition,
      String organization,
      String name,
      String team,
      String owner,
      long priority,
      boolean paused,
      long expectedTime,
      boolean isBlacklistedFromReport,
      Instant created) {}

  record Task(
      String id,
      String wkcheckAddition,
      String project,
      String taskType,
      String dataset,
      Experience neededExperience,
      long totalInstances,
      long openInstances,
      double[] editPosition,
      double[] editRotation,
      Instant created) {}

  record Experience(String domain, int value) {}

  record Annotation(
      String id,
      String wkcheckAddition,
      AnnotationType typ,
      String task,
      String dataset,
      String team,
      String owner,
      Instant created,
      Instant modified,
      String name,
      Visibility visibility,
      AnnotationState state,
      Boolean othersMayEdit,
      Skeleton skeleton,
      List<Volume> volumes) {}

  /** A skeleton layer; its trees are {@link Trees generated}, or there are none. */
  record Skeleton(String tracingId, Trees generated, String wkcheckAddition) {}

  /** Trees generated from a seed: one random-walk chain of nodes per entry. */
  record Trees(long seed, List<Chain> chains) {}

  record Chain(String name, int nodes) {}

  record Volume(String tracingId, String wkcheckAddition, Element element, Data data) {}

  /** The volume layer's {@code <volume>} element in NML. */
  record Element(
      int id,
      String name,
      String location,
      String format,
      String fallbackLayer,
      long largestSegmentId) {}

  record Data(Bytes generated) {}

  /** A ZIP archive of one entry of random bytes, each below {@code distinctValues}. */
  record Bytes(long seed, String entry, int bytes, int distinctValues) {}

  /** The seed file inside the harness, read once. */
  static SeedFile bundled() {
    return Bundled.SEED;
  }

  private static final class Bundled {
    static final SeedFile SEED = read(RESOURCE, resourceText());

    private static String resourceText() {
      try (InputStream in = SeedFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the seed file " + RESOURCE + " is not on the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the seed file " + RESOURCE, e);
      }
    }
  }

  /**
   * Reads a seed file's text; a bad one is refused naming the place (a JSON pointer) and, where the
   * parser knows it, the line.
   */
  static SeedFile read(String source, String text) {
    try {
      return JSON.readValue(text, SeedFile.class);
    } catch (JacksonException e) {
      StringBuilder pointer = new StringBuilder();
      for (JacksonException.Reference r : e.getPath()) {
        pointer.append('/').append(r.getIndex() >= 0 ? r.getIndex() : r.getPropertyName());
      }
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(
          "bad seed file "
              + source
              + " at "
              + (pointer.length() == 0 ? "/" : pointer)
              + (line > 0 ? " (line " + line + ")" : "")
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }
}
