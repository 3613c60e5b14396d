package org.wkcheck.server.api;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.World;

/**
 * What the routes do to the world and take from it where the document states it: the cascades of
 * deletes, the atomicity of increments, the state transitions, which annotations a merge, an
 * upload, a compound and a listing take. The routes check input and permissions, call these holding
 * the world lock (except {@link #incrementInstances}, which takes it), and answer through {@link
 * Views}. The reference server does as documented ({@link #DOCUMENTED}); the fault layer ({@code
 * server/faults}) decorates single effects ({@link Forwarding}).
 */
public interface Effects {
  Effects DOCUMENTED = new Effects() {};

  /** {@code DELETE /projects/:name} removes the project with its tasks and their annotations. */
  default void deleteProject(World world, Project p) {
    world.remove(p);
  }

  /** {@code DELETE /tasks/:id} removes the task with its annotations. */
  default void deleteTask(World world, Task t) {
    world.remove(t);
  }

  /**
   * {@code PATCH /projects/:name/incrementEachTasksInstances} adds {@code delta} to the open
   * instances of every task of the project in one step, so that concurrent calls add up. {@code
   * project} finds the project (or refuses), {@code answer} renders it afterwards; both run holding
   * the world lock.
   */
  default <T> T incrementInstances(
      World world, Supplier<Project> project, long delta, Function<Project, T> answer) {
    return world.write(
        () -> {
          Project p = project.get();
          for (Task t : world.tasksOf(p)) {
            t.openInstances += delta;
            t.totalInstances += delta;
          }
          return answer.apply(p);
        });
  }

  /** {@code PUT /tasks/:id} applies only {@code openInstances} of the task parameters sent. */
  default void updateTask(Task t, long openInstances, Vec3d editPosition) {
    t.totalInstances += openInstances - t.openInstances;
    t.openInstances = openInstances;
  }

  /** {@code PATCH /projects/:name/pause} and {@code resume}. */
  default void setPaused(Project p, boolean paused) {
    p.paused = paused;
  }

  /** {@code PATCH /annotations/:typ/:id/finish} of an active annotation. */
  default void finish(Annotation a) {
    a.state = AnnotationState.Finished;
  }

  /** {@code PUT /annotations/Task/:id/reset}: the task annotation takes its task's base content. */
  default void reset(Annotation a, Annotation base) {
    a.content = base.content.withFreshTracingIds();
  }

  /**
   * {@code POST /annotations/:typ/:id/duplicate} answers a new copy of {@code source}, which {@code
   * copy} makes and stores.
   */
  default Annotation duplicate(Annotation source, Supplier<Annotation> copy) {
    return copy.get();
  }

  /** {@code POST /annotations/:typ/:id/merge/...} merges the contents of both annotations. */
  default List<AnnotationContent> merged(Annotation first, Annotation second) {
    return List.of(first.content, second.content);
  }

  /** {@code POST /annotations/upload} makes one annotation of every NML uploaded. */
  default <N> List<N> uploaded(List<N> nmls) {
    return nmls;
  }

  /**
   * {@code POST /annotations/upload} of several files keeps the skeleton of file {@code index}
   * (from 0) whole.
   */
  default Nml uploadedSkeleton(int index, Nml skeleton) {
    return skeleton;
  }

  /** A compound annotation merges every finished task annotation of its task, project or type. */
  default List<Annotation> compoundSources(List<Annotation> finished) {
    return finished;
  }

  /** What a download is. */
  enum DownloadForm {
    /** The annotation's NML. */
    NML,
    /** A ZIP of the annotation's NML and its volume data. */
    NML_AND_VOLUMES_ZIP,
    /** A ZIP of the NMLs of the annotations a compound annotation merges. */
    NMLS_ZIP
  }

  /**
   * {@code GET /annotations/:typ/:id/download}: a compound annotation downloads as a ZIP with an
   * NML per annotation it merged; another one as its NML, or, when it has volume layers, as a ZIP
   * of the NML and the volume data.
   */
  default DownloadForm downloadForm(Annotation a) {
    if (a.typ.isCompound()) {
      return DownloadForm.NMLS_ZIP;
    }
    return a.content.hasVolumes() ? DownloadForm.NML_AND_VOLUMES_ZIP : DownloadForm.NML;
  }

  /** {@code GET /tasks/:id/annotations} lists the task annotations that are not cancelled. */
  default boolean listed(Annotation taskAnnotation) {
    return taskAnnotation.state != AnnotationState.Cancelled;
  }

  /** {@code POST /tasks/list} returns at most this many tasks. */
  default long taskListCap() {
    return TaskApi.MAX_LIST_RESULTS;
  }

  /** Effects as another's, for decorators that change one of them. */
  abstract class Forwarding implements Effects {
    protected final Effects inner;

    protected Forwarding(Effects inner) {
      this.inner = inner;
    }

    @Override
    public void deleteProject(World world, Project p) {
      inner.deleteProject(world, p);
    }

    @Override
    public void deleteTask(World world, Task t) {
      inner.deleteTask(world, t);
    }

    @Override
    public <T> T incrementInstances(
        World world, Supplier<Project> project, long delta, Function<Project, T> answer) {
      return inner.incrementInstances(world, project, delta, answer);
    }

    @Override
    public void updateTask(Task t, long openInstances, Vec3d editPosition) {
      inner.updateTask(t, openInstances, editPosition);
    }

    @Override
    public void setPaused(Project p, boolean paused) {
      inner.setPaused(p, paused);
    }

    @Override
    public void finish(Annotation a) {
      inner.finish(a);
    }

    @Override
    public void reset(Annotation a, Annotation base) {
      inner.reset(a, base);
    }

    @Override
    public Annotation duplicate(Annotation source, Supplier<Annotation> copy) {
      return inner.duplicate(source, copy);
    }

    @Override
    public List<AnnotationContent> merged(Annotation first, Annotation second) {
      return inner.merged(first, second);
    }

    @Override
    public <N> List<N> uploaded(List<N> nmls) {
      return inner.uploaded(nmls);
    }

    @Override
    public Nml uploadedSkeleton(int index, Nml skeleton) {
      return inner.uploadedSkeleton(index, skeleton);
    }

    @Override
    public List<Annotation> compoundSources(List<Annotation> finished) {
      return inner.compoundSources(finished);
    }

    @Override
    public DownloadForm downloadForm(Annotation a) {
      return inner.downloadForm(a);
    }

    @Override
    public boolean listed(Annotation taskAnnotation) {
      return inner.listed(taskAnnotation);
    }

    @Override
    public long taskListCap() {
      return inner.taskListCap();
    }
  }
}
