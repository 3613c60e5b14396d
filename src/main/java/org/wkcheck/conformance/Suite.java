package org.wkcheck.conformance;

import java.util.List;
import org.wkcheck.conformance.suite.BuildInfoConformance;

/**
 * The conformance test classes, in the order they run: one per route group, then cross-cutting
 * ones.
 */
public final class Suite {
  public static final List<Class<?>> CLASSES = List.of(BuildInfoConformance.class);

  private Suite() {}
}
