package org.wkcheck.server.world;

import java.util.List;

/** Task type settings, which are also the settings of annotations of that type. */
public record AnnotationSettings(
    List<String> allowedModes,
    String preferredMode,
    boolean branchPointsAllowed,
    boolean somaClickingAllowed,
    boolean volumeInterpolationAllowed,
    boolean mergerMode,
    Integer resolutionMin,
    Integer resolutionMax) {

  /** The settings of annotations without a task type (explorational ones). */
  public static final AnnotationSettings DEFAULTS =
      new AnnotationSettings(
          List.of("orthogonal", "oblique", "flight"), null, true, true, true, false, null, null);

  public AnnotationSettings {
    allowedModes = List.copyOf(allowedModes);
  }
}
