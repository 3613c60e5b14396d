package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.notServerError;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
import org.wkcheck.nml.Nml;
import tools.jackson.databind.JsonNode;

/**
 * The state of an annotation: {@code PATCH /annotations/:typ/:id/finish}, {@code .../reopen} and
 * {@code PUT /annotations/Task/:id/reset}, observed through the caller's lists ({@code GET
 * /user/tasks}, {@code GET /user/annotations} with {@code isFinished}).
 */
public class AnnotationStateConformance extends AnnotationSupport {
  private static final String USER_TASKS = "/user/tasks";
  private static final String USER_ANNOTATIONS = "/user/annotations";

  /**
   * PATCH /annotations/:typ/:id/finish MUST accept Task and Explorational with an annotation id of
   * that kind and answer 200 with the finished annotation (same id).
   */
  @Test
  @Requirement({
    "annotations.finish.returns-annotation",
    "annotations.finish.typ-task-or-explorational"
  })
  public void finishAnswersTheFinishedAnnotation() {
    String task = taskAnnotation().annotationId();
    JsonNode a = ok(api.as(Role.USER).patch(at(TASK, task, "finish")), ANNOTATION);
    equal(a.path("id").asString(), task, "Finish answers the finished annotation (id)");
    String explorational = upload(nmlWithTrees(1));
    JsonNode b =
        ok(api.as(Role.USER).patch(at(EXPLORATIONAL, explorational, "finish")), ANNOTATION);
    equal(b.path("id").asString(), explorational, "Finish answers the finished annotation (id)");
  }

  /**
   * After PATCH /annotations/Task/:id/finish the task annotation MUST be finished: listed by GET
   * /user/tasks?isFinished=true and not by isFinished=false (the reverse of before).
   */
  @Test
  @Requirement("annotations.finish.task-finished")
  public void finishMakesATaskAnnotationFinished() {
    String id = taskAnnotation().annotationId();
    listedAs(USER_TASKS, id, false);
    api.as(Role.USER).patch(at(TASK, id, "finish"));
    listedAs(USER_TASKS, id, true);
  }

  /**
   * After PATCH /annotations/Explorational/:id/finish the explorative annotation MUST be archived:
   * listed by GET /user/annotations?isFinished=true and not by isFinished=false (the reverse of
   * before).
   */
  @Test
  @Requirement("annotations.finish.explorational-archived")
  public void finishArchivesAnExplorational() {
    String id = upload(nmlWithTrees(1));
    listedAs(USER_ANNOTATIONS, id, false);
    api.as(Role.USER).patch(at(EXPLORATIONAL, id, "finish"));
    listedAs(USER_ANNOTATIONS, id, true);
  }

  /**
   * PATCH .../finish with a compound :typ (CompoundTask, CompoundProject) MUST be refused with a
   * 4xx and MUST NOT change any data: the task's annotation stays unfinished.
   */
  @Test
  @Requirement("annotations.finish.compound-typ-refused")
  public void finishOfACompoundTypIsRefused() {
    TaskWork w = taskWork(1);
    TaskItem t = w.get(0);
    Response task = api.as(Role.USER).patch(at("CompoundTask", t.taskId(), "finish"));
    notServerError(task);
    refused(task);
    Response project = api.as(Role.USER).patch(at("CompoundProject", w.projectId(), "finish"));
    notServerError(project);
    refused(project);
    listedAs(USER_TASKS, t.annotationId(), false);
  }

  /**
   * PATCH /annotations/:typ/:id/reopen MUST accept Task and Explorational with the id of a finished
   * annotation of that kind and answer 200 with the reopened annotation (same id).
   */
  @Test
  @Requirement({
    "annotations.reopen.returns-annotation",
    "annotations.reopen.typ-task-or-explorational"
  })
  public void reopenAnswersTheReopenedAnnotation() {
    String task = taskAnnotation().annotationId();
    finish(TASK, task);
    JsonNode a = ok(api.as(Role.USER).patch(at(TASK, task, "reopen")), ANNOTATION);
    equal(a.path("id").asString(), task, "Reopen answers the reopened annotation (id)");
    String explorational = upload(nmlWithTrees(1));
    finish(EXPLORATIONAL, explorational);
    JsonNode b =
        ok(api.as(Role.USER).patch(at(EXPLORATIONAL, explorational, "reopen")), ANNOTATION);
    equal(b.path("id").asString(), explorational, "Reopen answers the reopened annotation (id)");
  }

  /**
   * After PATCH /annotations/Task/:id/reopen of a finished task annotation it MUST be unfinished:
   * listed by GET /user/tasks?isFinished=false and not by isFinished=true.
   */
  @Test
  @Requirement("annotations.reopen.task-unfinished")
  public void reopenMakesAFinishedTaskAnnotationUnfinished() {
    String id = taskAnnotation().annotationId();
    finish(TASK, id);
    api.as(Role.USER).patch(at(TASK, id, "reopen"));
    listedAs(USER_TASKS, id, false);
  }

  /**
   * After PATCH /annotations/Explorational/:id/reopen of an archived explorative annotation it MUST
   * be unarchived: listed by GET /user/annotations?isFinished=false and not by isFinished=true.
   */
  @Test
  @Requirement("annotations.reopen.explorational-unarchived")
  public void reopenUnarchivesAnExplorational() {
    String id = upload(nmlWithTrees(1));
    finish(EXPLORATIONAL, id);
    api.as(Role.USER).patch(at(EXPLORATIONAL, id, "reopen"));
    listedAs(USER_ANNOTATIONS, id, false);
  }

  /**
   * PATCH .../reopen with a compound :typ (CompoundTask, CompoundProject) MUST be refused with a
   * 4xx and MUST NOT change any data: the task's finished annotation stays finished.
   */
  @Test
  @Requirement("annotations.reopen.compound-typ-refused")
  public void reopenOfACompoundTypIsRefused() {
    TaskWork w = taskWork(1);
    TaskItem t = w.get(0);
    finish(TASK, t.annotationId());
    Response task = api.as(Role.USER).patch(at("CompoundTask", t.taskId(), "reopen"));
    notServerError(task);
    refused(task);
    Response project = api.as(Role.USER).patch(at("CompoundProject", w.projectId(), "reopen"));
    notServerError(project);
    refused(project);
    listedAs(USER_TASKS, t.annotationId(), true);
  }

  /**
   * PUT /annotations/Task/:id/reset of a task annotation MUST answer 200 with the reset task
   * annotation (same id).
   */
  @Test
  @Requirement("annotations.reset.returns-annotation")
  public void resetAnswersTheTaskAnnotation() {
    String id = taskAnnotation().annotationId();
    JsonNode a = ok(api.as(Role.USER).put("/annotations/Task/" + id + "/reset"), ANNOTATION);
    equal(a.path("id").asString(), id, "Reset answers the reset annotation (id)");
  }

  /**
   * PUT /annotations/Task/:id/reset with the id of an explorative annotation MUST be refused with a
   * 4xx and MUST NOT change it: its info and its trees stay as they were.
   */
  @Test
  @Requirement("annotations.reset.task-only")
  public void resetOfAnExplorationalIsRefused() {
    Nml nml = nmlWithTrees(2);
    String id = upload(nml);
    JsonNode before = info(EXPLORATIONAL, id);
    Response r = api.as(Role.USER).put("/annotations/Task/" + id + "/reset");
    notServerError(r);
    refused(r);
    sameObject(before, info(EXPLORATIONAL, id), "A refused reset leaves the annotation unchanged");
    holdsAll(
        content(EXPLORATIONAL, id), nml.trees(), "A refused reset leaves the content unchanged");
  }

  // --- lists ----------------------------------------------------------------------------------

  /** The annotation is listed with isFinished=finished and not with isFinished=!finished. */
  private void listedAs(String route, String id, boolean finished) {
    that(
        ownIds(route, finished).contains(id),
        "Listed by GET " + route + "?isFinished=" + finished,
        "the list contains " + id,
        "it does not");
    that(
        !ownIds(route, !finished).contains(id),
        "Not listed by GET " + route + "?isFinished=" + !finished,
        "the list does not contain " + id,
        "it does");
  }
}
