package org.wkcheck.server.world;

public enum AnnotationState {
  Active,
  Finished,
  Cancelled
}
