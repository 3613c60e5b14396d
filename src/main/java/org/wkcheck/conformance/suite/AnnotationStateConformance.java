package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.RequirementScope.row;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.keeps;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refusedNever5xx;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.that;

import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.RequirementScope.Row;
import org.wkcheck.nml.Nml;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * The state of an annotation: {@code PATCH /annotations/:typ/:id/finish}, {@code .../reopen} and
 * {@code PUT /annotations/Task/:id/reset}, observed through the caller's lists ({@code GET
 * /user/tasks}, {@code GET /user/annotations} with {@code isFinished}).
 */
public class AnnotationStateConformance extends AnnotationSupport {
  private static final String USER_TASKS = "/user/tasks";
  private static final String USER_ANNOTATIONS = "/user/annotations";

  @DataProvider
  public static Object[][] actions() {
    return rows(row("finish", "annotations.finish"), row("reopen", "annotations.reopen"));
  }

  /**
   * PATCH /annotations/:typ/:id/finish MUST accept Task and Explorational with an annotation id of
   * that kind and answer 200 with the finished annotation (same id); PATCH .../reopen likewise with
   * the id of a finished annotation, answering the reopened one.
   */
  @Test(dataProvider = "actions")
  @Requirement({
    "annotations.finish.returns-annotation",
    "annotations.finish.typ-task-or-explorational",
    "annotations.reopen.returns-annotation",
    "annotations.reopen.typ-task-or-explorational"
  })
  public void actionAnswersTheAnnotation(Row action) {
    for (String typ : List.of(TASK, EXPLORATIONAL)) {
      String id = annotationOf(typ);
      if (action.value().equals("reopen")) {
        finish(typ, id);
      }
      JsonNode a = ok(api.as(Role.ADMIN).patch(at(typ, id, action.value())), ANNOTATION);
      equal(a.path("id").asString(), id, action + " answers the annotation (id)");
    }
  }

  /** Finishing and reopening, with the requirement of each answer. */
  @DataProvider
  public static Object[][] answers() {
    return rows(
        row("finish", "annotations.finish.answer-finished"),
        row("reopen", "annotations.reopen.answer-active"));
  }

  /**
   * The answer of PATCH .../finish MUST show the annotation finished (state Finished), that of
   * PATCH .../reopen reopened (state Active), each otherwise the same annotation as before: id,
   * typ, owner, name, description, dataset, visibility, tags and task as GET .../info showed them
   * before; only the state, the restrictions and the task's instance counts may differ. Checked on
   * the answer itself, for a task and an explorative annotation.
   */
  @Test(dataProvider = "answers")
  @Requirement({"annotations.finish.answer-finished", "annotations.reopen.answer-active"})
  public void actionAnswersTheNewState(Row action) {
    boolean finishing = action.value().equals("finish");
    String state = finishing ? "Finished" : "Active";
    for (String typ : List.of(TASK, EXPLORATIONAL)) {
      String id = annotationOf(typ);
      if (!finishing) {
        finish(typ, id);
      }
      JsonNode before = info(typ, id);
      JsonNode a = ok(api.as(Role.ADMIN).patch(at(typ, id, action.value())), ANNOTATION);
      equal(a.path("state").asString(), state, "The " + action + " answer shows state " + state);
      keeps(
          before,
          a,
          "The " + action + " answer is the same " + typ + " annotation otherwise",
          "state",
          "restrictions",
          "task/status");
    }
  }

  /** Finishing and reopening each kind, with the requirement of each. */
  @DataProvider
  public static Object[][] stateChanges() {
    return new Object[][] {
      {"finish", row(TASK, "annotations.finish.task-finished")},
      {"finish", row(EXPLORATIONAL, "annotations.finish.explorational-archived")},
      {"reopen", row(TASK, "annotations.reopen.task-unfinished")},
      {"reopen", row(EXPLORATIONAL, "annotations.reopen.explorational-unarchived")},
    };
  }

  /**
   * After PATCH /annotations/Task/:id/finish the task annotation MUST be finished, after
   * .../Explorational/:id/finish the explorative annotation archived: listed by GET
   * /user/tasks?isFinished=true (GET /user/annotations?isFinished=true) and not by
   * isFinished=false, the reverse of before. After PATCH .../reopen of a finished one it MUST be
   * unfinished (unarchived): listed by isFinished=false and not by isFinished=true.
   */
  @Test(dataProvider = "stateChanges")
  @Requirement({
    "annotations.finish.task-finished",
    "annotations.finish.explorational-archived",
    "annotations.reopen.task-unfinished",
    "annotations.reopen.explorational-unarchived"
  })
  public void actionChangesTheState(String action, Row typ) {
    String list = typ.value().equals(TASK) ? USER_TASKS : USER_ANNOTATIONS;
    String id = annotationOf(typ.value());
    boolean finishing = action.equals("finish");
    if (finishing) {
      listedAs(list, id, false);
    } else {
      finish(typ.value(), id);
    }
    api.as(Role.ADMIN).patch(at(typ.value(), id, action));
    listedAs(list, id, finishing);
  }

  /**
   * PATCH .../finish and .../reopen with a compound :typ (CompoundTask, CompoundProject) MUST be
   * refused with a 4xx and MUST NOT change any data: the task's annotation stays unfinished (stays
   * finished).
   */
  @Test(dataProvider = "actions")
  @Requirement({
    "annotations.finish.compound-typ-refused",
    "annotations.reopen.compound-typ-refused"
  })
  public void actionOnACompoundTypIsRefused(Row action) {
    TaskWork w = taskWork(1);
    TaskItem t = w.get(0);
    boolean reopening = action.value().equals("reopen");
    if (reopening) {
      finish(TASK, t.annotationId());
    }
    for (Ref compound : compounds(w)) {
      refusedNever5xx(api.as(Role.ADMIN).patch(at(compound.typ(), compound.id(), action.value())));
    }
    listedAs(USER_TASKS, t.annotationId(), reopening);
  }

  /**
   * PUT /annotations/Task/:id/reset of a task annotation MUST answer 200 with the reset task
   * annotation (same id).
   */
  @Test
  @Requirement("annotations.reset.returns-annotation")
  public void resetAnswersTheTaskAnnotation() {
    String id = taskAnnotation().annotationId();
    JsonNode a = ok(api.as(Role.ADMIN).put("/annotations/Task/" + id + "/reset"), ANNOTATION);
    equal(a.path("id").asString(), id, "Reset answers the reset annotation (id)");
  }

  /**
   * The answer of PUT /annotations/Task/:id/reset MUST be the reset task annotation itself: typ
   * Task, and its id, owner, task, name, description, dataset, state, visibility and tags as GET
   * /annotations/Task/:id/info showed them before; only its content (the annotation layers) may
   * differ.
   */
  @Test
  @Requirement("annotations.reset.answer-task-annotation")
  public void resetAnswersTheSameTaskAnnotation() {
    String id = taskAnnotation().annotationId();
    JsonNode before = info(TASK, id);
    JsonNode a = ok(api.as(Role.ADMIN).put("/annotations/Task/" + id + "/reset"), ANNOTATION);
    equal(a.path("typ").asString(), TASK, "Reset answers a task annotation (typ)");
    keeps(before, a, "Reset answers the same task annotation", "annotationLayers");
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
    refusedNever5xx(api.as(Role.ADMIN).put("/annotations/Task/" + id + "/reset"));
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
