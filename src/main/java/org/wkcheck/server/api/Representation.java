package org.wkcheck.server.api;

import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Script;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;

/**
 * The JSON representations {@link Views} writes, each of one kind of entity {@code T}: what a
 * {@link ViewDecorator} can tell apart.
 */
public final class Representation<T> {
  public static final Representation<User> USER = new Representation<>("user");

  /** The user embedded in annotations, projects and scripts. */
  public static final Representation<User> USER_COMPACT = new Representation<>("user (compact)");

  public static final Representation<Team> TEAM = new Representation<>("team");
  public static final Representation<Dataset> DATASET = new Representation<>("dataset");

  /** A dataset in {@code GET /datasets}: the resolutions of its layers left empty. */
  public static final Representation<Dataset> DATASET_LISTED =
      new Representation<>("dataset (listed)");

  public static final Representation<TaskType> TASK_TYPE = new Representation<>("task type");
  public static final Representation<Script> SCRIPT = new Representation<>("script");
  public static final Representation<Task> TASK = new Representation<>("task");
  public static final Representation<Project> PROJECT = new Representation<>("project");

  /** A project of {@code GET /projects/assignments} and the increment: with its counts. */
  public static final Representation<Project> PROJECT_WITH_STATUS =
      new Representation<>("project (with status)");

  public static final Representation<Annotation> ANNOTATION = new Representation<>("annotation");

  /** The annotation of the explorational lists. */
  public static final Representation<Annotation> ANNOTATION_COMPACT =
      new Representation<>("annotation (compact)");

  private final String name;

  private Representation(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
