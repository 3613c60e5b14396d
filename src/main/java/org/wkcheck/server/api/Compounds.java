package org.wkcheck.server.api;

import java.util.ArrayList;
import java.util.List;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * Compound annotations: a task, project or task type ({@code :typ} CompoundTask, CompoundProject,
 * CompoundTaskType) stands for the merge of its finished task annotations, made on request and kept
 * in the {@link CompoundCache} for a while. Must be called holding the world lock.
 */
record Compounds(World world, Effects effects, CompoundCache cache) {
  /** A compound annotation as {@code viewer} sees it: the merge of {@code e}. */
  static Annotation annotation(AnnotationType typ, String id, User viewer, CompoundCache.Entry e) {
    Annotation a =
        new Annotation(id, typ, null, e.dataset(), e.team(), viewer, e.mergedAt(), e.merged());
    a.modified = e.mergedAt();
    return a;
  }

  /**
   * The merge of the finished task annotations of a task, project or task type, from the cache when
   * it is there. 404 when the target is unknown or not readable, or nothing is finished yet.
   */
  CompoundCache.Entry merged(AnnotationType typ, String id, User viewer) {
    if (viewer == null) {
      throw ApiException.notFound(
          "Annotation could not be found (compound annotations need a login)");
    }
    Members members = members(typ, id, viewer);
    return cache.get(typ.name() + "/" + id, world.now(), () -> merge(typ, members));
  }

  /** What a compound stands for: tasks whose annotations it merges, its team and its name. */
  private record Members(List<Task> tasks, Team team, String name) {}

  /** The task, project or task type {@code id} if {@code viewer} may see its compound. */
  private Members members(AnnotationType typ, String id, User viewer) {
    return switch (typ) {
      case CompoundTask -> {
        Task t =
            Access.found(world.task(id), x -> Access.canRead(viewer, x), "Task could not be found");
        yield new Members(List.of(t), t.project.team, t.id);
      }
      case CompoundProject -> {
        Project p =
            Access.found(
                world.projectById(id),
                x -> Access.canManage(viewer, x),
                "Project could not be found");
        yield new Members(List.copyOf(world.tasksOf(p)), p.team, p.name);
      }
      case CompoundTaskType -> {
        TaskType tt =
            Access.found(
                world.taskType(id),
                x ->
                    x.organization().equals(viewer.organization)
                        && (viewer.isAdmin || viewer.isMemberOf(x.team().id())),
                "Task type could not be found");
        yield new Members(
            world.tasks().stream().filter(t -> t.taskType.equals(tt)).toList(),
            tt.team(),
            tt.summary());
      }
      default -> throw new IllegalArgumentException(typ.name());
    };
  }

  private CompoundCache.Entry merge(AnnotationType typ, Members members) {
    List<Annotation> finished = new ArrayList<>();
    for (Task t : members.tasks()) {
      for (Annotation a : world.annotationsOf(t)) {
        if (a.typ == AnnotationType.Task && a.state == AnnotationState.Finished) {
          finished.add(snapshot(a));
        }
      }
    }
    List<Annotation> sources = effects.compoundSources(finished);
    if (sources.isEmpty()) {
      throw ApiException.notFound(
          "Annotation could not be found: no finished annotations for this " + typ.name());
    }
    Dataset ds = sources.get(0).dataset;
    if (sources.stream().anyMatch(a -> !a.dataset.equals(ds))) {
      // webKnossos wraps every failure of a compound merge into 404
      throw ApiException.notFound("Cannot create compound annotation spanning multiple datasets");
    }
    List<AnnotationContent> contents = sources.stream().map(a -> a.content).toList();
    return new CompoundCache.Entry(
        world.now(), ContentMerge.merge(contents, ds), ds, members.team(), sources, members.name());
  }

  /** A copy that later changes to the annotation do not reach (the content is immutable). */
  private static Annotation snapshot(Annotation a) {
    Annotation s =
        new Annotation(a.id, a.typ, a.task, a.dataset, a.team, a.owner, a.created, a.content);
    s.name = a.name;
    s.description = a.description;
    s.visibility = a.visibility;
    s.tags = a.tags;
    s.state = a.state;
    s.modified = a.modified;
    s.othersMayEdit = a.othersMayEdit;
    s.tracingTime = a.tracingTime;
    return s;
  }
}
