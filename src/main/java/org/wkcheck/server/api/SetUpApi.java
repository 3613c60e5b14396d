package org.wkcheck.server.api;

import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.Optional;
import org.wkcheck.nml.Nml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * SET-UP ROUTES, NOT PART OF THE DOCUMENTED CONTRACT: two of webKnossos' own routes that clients
 * need around the documented ones.
 *
 * <ul>
 *   <li>{@code POST /user/tasks/request} (facts file section 16) hands the caller the next task
 *       instance as a new task annotation. The documented routes create tasks but do not hand them
 *       out, so without it no client could get a task annotation to finish, reopen, reset or merge
 *       into compounds.
 *   <li>{@code DELETE /annotations/:typ/:id} cancels a task annotation (its instance becomes open
 *       again) or deletes an explorational one. The documented routes cannot remove annotations, so
 *       without it a client could not clean up what it uploaded.
 * </ul>
 *
 * The conformance suite uses them only on what it creates.
 */
record SetUpApi(World world, Views views) implements Routes {
  @Override
  public void register(Router r) {
    r.addSetUpRoute(HandlerType.DELETE, "/annotations/{typ}/{id}", Auth.REQUIRED, this::remove);
    r.addSetUpRoute(HandlerType.POST, "/user/tasks/request", Auth.REQUIRED, this::requestTask);
  }

  /** Hands the caller the next task instance as a new task annotation. */
  private void requestTask(Call call) {
    User me = call.user();
    call.ok(
        world.write(
            () -> {
              Task task =
                  next(world, me)
                      .orElseThrow(
                          () ->
                              ApiException.badRequest(
                                  "There is no task available for you right now"));
              Annotation base = world.baseOf(task).orElseThrow();
              AnnotationContent content = base.content.withFreshTracingIds();
              if (content.hasSkeleton()) {
                Nml s = content.skeleton();
                content =
                    new AnnotationContent(
                        s.withParameters(
                            s.parameters().withEditPose(task.editPosition, task.editRotation)),
                        content.skeletonTracingId(),
                        content.volumes());
              }
              Annotation a =
                  new Annotation(
                      Ids.newObjectId(),
                      AnnotationType.Task,
                      task,
                      task.dataset,
                      task.project.team,
                      me,
                      world.now(),
                      content);
              world.add(a);
              task.openInstances -= 1;
              me.lastTaskTypeId = task.taskType.id();
              return views.annotation(a, me);
            }));
  }

  /** Cancels a task annotation (its instance is open again) or deletes an explorational one. */
  private void remove(Call call) {
    String typ = call.path("typ");
    String id = call.objectId("id");
    call.ok(
        world.write(
            () -> {
              Annotation a =
                  Access.found(
                      world.annotation(id),
                      x ->
                          x.typ.name().equals(typ)
                              && (x.typ == AnnotationType.Task
                                  || x.typ == AnnotationType.Explorational)
                              && Access.canRead(call.user(), x),
                      "Annotation could not be found");
              if (!Access.canUpdate(call.user(), a)) {
                throw ApiException.forbidden("You are not allowed to remove this annotation");
              }
              if (a.typ == AnnotationType.Task) {
                if (a.state != AnnotationState.Cancelled) {
                  a.state = AnnotationState.Cancelled;
                  a.task.openInstances += 1;
                }
                return Json.success("Annotation was cancelled");
              }
              world.remove(a);
              return Json.success("Annotation was deleted");
            }));
  }

  /**
   * The task to hand out next: of a project that is not paused, of a team the user belongs to, with
   * an open instance, needing no more experience than the user has, not already worked on by the
   * user; highest project priority first, then oldest task.
   */
  private static Optional<Task> next(World world, User me) {
    return world.tasks().stream()
        .filter(t -> t.project.organization.equals(me.organization))
        .filter(t -> !t.project.paused)
        .filter(t -> me.isMemberOf(t.project.team.id()))
        .filter(t -> t.openInstances > 0)
        .filter(t -> me.experience(t.neededExperienceDomain) >= t.neededExperienceValue)
        .filter(
            t ->
                world.annotationsOf(t).stream()
                    .noneMatch(
                        a ->
                            a.typ == AnnotationType.Task
                                && a.owner.id.equals(me.id)
                                && a.state != AnnotationState.Cancelled))
        .min(
            Comparator.comparingLong((Task t) -> -t.project.priority)
                .thenComparingLong(t -> t.created)
                .thenComparing(t -> t.id));
  }
}
