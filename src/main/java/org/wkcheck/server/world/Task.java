package org.wkcheck.server.world;

import org.wkcheck.nml.Nml.Vec3d;

/**
 * A task: instances of it are handed out to users as task annotations, each starting from the
 * task's base annotation. Guarded by the {@link World} lock.
 */
public final class Task {
  public final String id;
  public final Project project;
  public final TaskType taskType;
  public final Script script;
  public final Dataset dataset;
  public final String neededExperienceDomain;
  public final int neededExperienceValue;
  public final int[] boundingBox;
  public Vec3d editPosition;
  public final Vec3d editRotation;
  public final String creationInfo;
  public final String description;
  public final long created;
  public long totalInstances;
  public long openInstances;
  public Long tracingTime;

  public Task(
      String id,
      Project project,
      TaskType taskType,
      Script script,
      Dataset dataset,
      String neededExperienceDomain,
      int neededExperienceValue,
      long totalInstances,
      long openInstances,
      int[] boundingBox,
      Vec3d editPosition,
      Vec3d editRotation,
      String creationInfo,
      String description,
      long created) {
    this.id = id;
    this.project = project;
    this.taskType = taskType;
    this.script = script;
    this.dataset = dataset;
    this.neededExperienceDomain = neededExperienceDomain;
    this.neededExperienceValue = neededExperienceValue;
    this.totalInstances = totalInstances;
    this.openInstances = openInstances;
    this.boundingBox = boundingBox;
    this.editPosition = editPosition;
    this.editRotation = editRotation;
    this.creationInfo = creationInfo;
    this.description = description;
    this.created = created;
  }
}
