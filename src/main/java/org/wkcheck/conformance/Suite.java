package org.wkcheck.conformance;

import java.util.List;
import org.wkcheck.conformance.suite.AnnotationContentConformance;
import org.wkcheck.conformance.suite.AnnotationCopiesConformance;
import org.wkcheck.conformance.suite.AnnotationEditConformance;
import org.wkcheck.conformance.suite.AnnotationFilesConformance;
import org.wkcheck.conformance.suite.AnnotationInfoConformance;
import org.wkcheck.conformance.suite.AnnotationStateConformance;
import org.wkcheck.conformance.suite.AuthConformance;
import org.wkcheck.conformance.suite.BadInputConformance;
import org.wkcheck.conformance.suite.BuildInfoConformance;
import org.wkcheck.conformance.suite.CompoundAnnotationsConformance;
import org.wkcheck.conformance.suite.DatasetsConformance;
import org.wkcheck.conformance.suite.ProjectTasksConformance;
import org.wkcheck.conformance.suite.ProjectsConformance;
import org.wkcheck.conformance.suite.TaskCreationConformance;
import org.wkcheck.conformance.suite.TaskListConformance;
import org.wkcheck.conformance.suite.TasksConformance;
import org.wkcheck.conformance.suite.TeamsConformance;
import org.wkcheck.conformance.suite.UserAnnotationsConformance;
import org.wkcheck.conformance.suite.UserAnnotationsLimitConformance;
import org.wkcheck.conformance.suite.UsersConformance;
import org.wkcheck.conformance.suite.VersioningConformance;

/**
 * The conformance test classes, in the order they run: one or more per route group, then the
 * cross-cutting ones (authentication, versions, bad input).
 */
public final class Suite {
  public static final List<Class<?>> CLASSES =
      List.of(
          BuildInfoConformance.class,
          UsersConformance.class,
          UserAnnotationsConformance.class,
          UserAnnotationsLimitConformance.class,
          TeamsConformance.class,
          DatasetsConformance.class,
          AnnotationInfoConformance.class,
          AnnotationEditConformance.class,
          AnnotationStateConformance.class,
          AnnotationCopiesConformance.class,
          AnnotationFilesConformance.class,
          CompoundAnnotationsConformance.class,
          AnnotationContentConformance.class,
          TaskCreationConformance.class,
          TaskListConformance.class,
          TasksConformance.class,
          ProjectsConformance.class,
          ProjectTasksConformance.class,
          AuthConformance.class,
          VersioningConformance.class,
          BadInputConformance.class);

  private Suite() {}
}
