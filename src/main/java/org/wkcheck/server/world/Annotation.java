package org.wkcheck.server.world;

import java.util.List;

/** An annotation. Mutable fields are guarded by the {@link World} lock. */
public final class Annotation {
  public final String id;
  public final AnnotationType typ;
  public final Task task;
  public final Dataset dataset;
  public final Team team;
  public final User owner;
  public final long created;
  public String name = "";
  public String description = "";
  public Visibility visibility = Visibility.Internal;
  public List<String> tags = List.of();
  public AnnotationState state = AnnotationState.Active;
  public long modified;
  public boolean othersMayEdit;
  public Long tracingTime;
  public AnnotationContent content;

  public Annotation(
      String id,
      AnnotationType typ,
      Task task,
      Dataset dataset,
      Team team,
      User owner,
      long created,
      AnnotationContent content) {
    this.id = id;
    this.typ = typ;
    this.task = task;
    this.dataset = dataset;
    this.team = team;
    this.owner = owner;
    this.created = created;
    this.modified = created;
    this.content = content;
  }
}
