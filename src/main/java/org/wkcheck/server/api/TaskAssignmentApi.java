package org.wkcheck.server.api;

import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.Optional;
import org.wkcheck.nml.Nml;
import org.wkcheck.server.http.ApiException;
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
 * SET-UP ROUTE, NOT PART OF THE DOCUMENTED CONTRACT. {@code POST /user/tasks/request} is
 * webKnossos' own route (facts file section 16) by which a user gets the next task instance as a
 * new task annotation. The documented routes can create tasks but not hand them out, so without it
 * no client could obtain a task annotation to finish, reopen, reset or merge into compounds. The
 * conformance suite uses it only to set up its own task annotations.
 */
final class TaskAssignmentApi {
  private TaskAssignmentApi() {}

  static void register(Router r, World world) {
    Views views = new Views(world);
    r.addSetUpRoute(
        HandlerType.POST,
        "/user/tasks/request",
        Auth.REQUIRED,
        call -> {
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
                                  s.parameters()
                                      .withEditPose(task.editPosition, task.editRotation)),
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
        });
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
