package org.wkcheck.server.world;

public enum Visibility {
  Private,
  Internal,
  Public
}
