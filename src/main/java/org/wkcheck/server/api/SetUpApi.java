package org.wkcheck.server.api;

import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.wkcheck.nml.Nml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationSettings;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;

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
 *   <li>{@code POST /taskTypes} and {@code DELETE /taskTypes/:id} (facts file section 16) make a
 *       task type and remove it with its tasks. The documented routes only use task types, so
 *       without them a client could not get a task type whose compound annotation holds only what
 *       it finished itself (the world's task type is shared, and its compound may be cached).
 * </ul>
 *
 * The conformance suite uses them only on what it creates.
 */
record SetUpApi(World world, Views views) implements Routes {
  @Override
  public void register(Router r) {
    r.addSetUpRoute(HandlerType.DELETE, "/annotations/{typ}/{id}", Auth.REQUIRED, this::remove);
    r.addSetUpRoute(HandlerType.POST, "/user/tasks/request", Auth.REQUIRED, this::requestTask);
    r.addSetUpRoute(HandlerType.POST, "/taskTypes", Auth.REQUIRED, this::createTaskType);
    r.addSetUpRoute(HandlerType.DELETE, "/taskTypes/{id}", Auth.REQUIRED, this::deleteTaskType);
  }

  /**
   * Makes a task type of a team the caller manages, as webKnossos does: {@code summary} and {@code
   * teamId} are required; the settings are the defaults, with any {@code settings.allowedModes}
   * given; {@code tracingType} is skeleton unless given.
   */
  private void createTaskType(Call call) {
    User me = call.user();
    JsonNode b = call.jsonBody();
    String summary = b.path("summary").asString("").trim();
    if (summary.isEmpty()) {
      throw ApiException.badRequest("The task type needs a summary");
    }
    String tracingType = b.path("tracingType").asString("skeleton");
    if (!List.of("skeleton", "volume", "hybrid").contains(tracingType)) {
      throw ApiException.badRequest("Unknown tracingType '" + tracingType + "'");
    }
    String teamId = b.path("teamId").asString("");
    call.ok(
        world.write(
            () -> {
              Team team =
                  Access.found(
                      world.team(teamId),
                      t -> t.organization().equals(me.organization),
                      "Team could not be found");
              if (!Access.canManage(me, team)) {
                throw ApiException.forbidden("You are not allowed to manage team " + team.name());
              }
              TaskType t =
                  new TaskType(
                      Ids.newObjectId(),
                      me.organization,
                      team,
                      summary,
                      b.path("description").asString(""),
                      AnnotationSettings.DEFAULTS,
                      tracingType,
                      world.now());
              world.add(t);
              return views.taskType(t);
            }));
  }

  /** Removes a task type the caller manages, with its tasks and their annotations. */
  private void deleteTaskType(Call call) {
    User me = call.user();
    String id = call.path("id");
    call.ok(
        world.write(
            () -> {
              TaskType t = TaskApi.taskType(world, me, id);
              if (!Access.canManage(me, t.team())) {
                throw ApiException.forbidden("You are not allowed to delete this task type");
              }
              world.remove(t);
              return Json.success("Task type was removed");
            }));
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
