package org.wkcheck.conformance;

import java.util.List;
import org.wkcheck.conformance.suite.AuthConformance;
import org.wkcheck.conformance.suite.BadInputConformance;
import org.wkcheck.conformance.suite.BuildInfoConformance;
import org.wkcheck.conformance.suite.VersioningConformance;

/**
 * The conformance test classes, in the order they run: one per route group, then cross-cutting
 * ones.
 */
public final class Suite {
  public static final List<Class<?>> CLASSES =
      List.of(
          BuildInfoConformance.class,
          AuthConformance.class,
          VersioningConformance.class,
          BadInputConformance.class);

  private Suite() {}
}
