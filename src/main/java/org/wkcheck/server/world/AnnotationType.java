package org.wkcheck.server.world;

import java.util.Optional;

/** The {@code typ} of an annotation, as it appears in URLs and JSON (case-sensitive). */
public enum AnnotationType {
  Task,
  Explorational,
  TracingBase,
  CompoundTask,
  CompoundProject,
  CompoundTaskType;

  public boolean isCompound() {
    return this == CompoundTask || this == CompoundProject || this == CompoundTaskType;
  }

  /** The type named exactly {@code s}, if any. */
  public static Optional<AnnotationType> parse(String s) {
    for (AnnotationType t : values()) {
      if (t.name().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
