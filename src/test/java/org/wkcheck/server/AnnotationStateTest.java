package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.server.world.SeedWorld.EXPLORATIONAL_1;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_1;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_2;
import static org.wkcheck.server.world.SeedWorld.TASK_ANNOTATION_3;
import static org.wkcheck.server.world.SeedWorld.TASK_TYPE_1;

import io.restassured.response.Response;
import java.util.Collections;
import java.util.List;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Tree;
import tools.jackson.databind.JsonNode;

/** The annotation state machine (finish, reopen) and resetting task annotations to their base. */
public class AnnotationStateTest extends AnnotationTestSupport {

  private Response reset(char user, String typ, String id) {
    return as(user).put("/annotations/" + typ + "/" + id + "/reset");
  }

  private String state(String typ, String id) {
    return info('A', typ, id).path("state").asString();
  }

  // --- finish and reopen ----------------------------------------------------------------------

  /** Finish MUST turn an Active explorational annotation into Finished and answer it. */
  @Test
  public void finishMakesAnActiveAnnotationFinished() {
    String id = uploadSingle("fin.nml", chain(1, "t", 1, 2));
    assertEquals(state("Explorational", id), "Active");
    JsonNode body = finish('A', "Explorational", id);
    assertEquals(body.path("id").asString(), id, body.toString());
    assertEquals(body.path("state").asString(), "Finished", body.toString());
    assertEquals(state("Explorational", id), "Finished");
  }

  /** Finishing a Finished annotation MUST give 400 and leave it Finished. */
  @Test
  public void finishTwiceIs400() {
    String id = uploadSingle("fin2.nml", chain(1, "t", 1, 2));
    finish('A', "Explorational", id);
    assertError(patch('A', "Explorational", id, "finish"), 400);
    assertEquals(state("Explorational", id), "Finished");
  }

  /** Reopen MUST turn a Finished annotation back into Active and answer it. */
  @Test
  public void reopenMakesAFinishedAnnotationActive() {
    String id = uploadSingle("reo.nml", chain(1, "t", 1, 2));
    finish('A', "Explorational", id);
    JsonNode body = ok(patch('A', "Explorational", id, "reopen"));
    assertEquals(body.path("id").asString(), id, body.toString());
    assertEquals(body.path("state").asString(), "Active", body.toString());
    assertEquals(state("Explorational", id), "Active");
    // and the cycle can be run again
    finish('A', "Explorational", id);
    assertEquals(state("Explorational", id), "Finished");
  }

  /** Reopening an Active annotation MUST give 400 and leave it Active. */
  @Test
  public void reopenOfAnActiveAnnotationIs400() {
    String id = uploadSingle("reo2.nml", chain(1, "t", 1, 2));
    assertError(patch('A', "Explorational", id, "reopen"), 400);
    assertEquals(state("Explorational", id), "Active");
  }

  /**
   * Finishing and reopening a task annotation MUST move the task's status counts between active and
   * finished, and a failed transition MUST NOT move them.
   */
  @Test
  public void taskStatusFollowsFinishAndReopen() {
    String project = freshProject();
    JsonNode task = createTask(project, 3);
    String taskId = task.path("id").asString();
    assertEquals(status(taskJsonOf(taskId)), List.of(3, 0, 0));
    String annotation = take('A', taskId).path("id").asString();
    assertEquals(status(taskJsonOf(taskId)), List.of(2, 1, 0));
    JsonNode finished = finish('A', "Task", annotation);
    assertEquals(finished.path("state").asString(), "Finished");
    assertEquals(status(taskJsonOf(taskId)), List.of(2, 0, 1));
    assertError(patch('A', "Task", annotation, "finish"), 400);
    assertEquals(status(taskJsonOf(taskId)), List.of(2, 0, 1));
    ok(patch('A', "Task", annotation, "reopen"));
    assertEquals(status(taskJsonOf(taskId)), List.of(2, 1, 0));
    assertError(patch('A', "Task", annotation, "reopen"), 400);
    assertEquals(status(taskJsonOf(taskId)), List.of(2, 1, 0));
  }

  /** The task embedded in a finish answer MUST already show the new counts. */
  @Test
  public void finishAnswerCarriesTheUpdatedTask() {
    String project = freshProject();
    String taskId = createTask(project, 1).path("id").asString();
    String annotation = take('A', taskId).path("id").asString();
    JsonNode body = finish('A', "Task", annotation);
    assertEquals(status(body.path("task")), List.of(0, 0, 1), body.path("task").toString());
  }

  /** Finish and reopen MUST take only Task or Explorational as :typ (else 400). */
  @Test
  public void finishAndReopenOfOtherTypsAre400() {
    for (String action : List.of("finish", "reopen")) {
      assertError(patch('A', "CompoundTask", TASK_ANNOTATION_2, action), 400);
      assertError(patch('A', "Bogus", EXPLORATIONAL_1, action), 400);
      assertError(patch('A', "Explorational", "123", action), 400);
    }
  }

  /** Finish and reopen MUST need a login (401) and fit the stored typ (404 otherwise). */
  @Test
  public void finishNeedsLoginAndTheRightAnnotation() {
    assertError(
        anonymous().patch("/annotations/Explorational/" + EXPLORATIONAL_1 + "/finish"), 401);
    assertError(
        anonymous().patch("/annotations/Explorational/" + EXPLORATIONAL_1 + "/reopen"), 401);
    assertError(patch('A', "Task", EXPLORATIONAL_1, "finish"), 404);
    assertError(patch('A', "Explorational", "0123456789abcdef01234567", "finish"), 404);
    assertEquals(state("Explorational", EXPLORATIONAL_1), "Active");
  }

  /** Users who may not change an annotation MUST NOT finish it (403 or 404), nor reopen it. */
  @Test
  public void othersCannotFinishOrReopen() {
    String id = uploadSingle("guarded.nml", chain(1, "t", 1, 2));
    for (char user : new char[] {'C', 'E'}) {
      Response r = patch(user, "Explorational", id, "finish");
      assertTrue(r.statusCode() == 403 || r.statusCode() == 404, user + ": " + r.statusCode());
      assertError(r, r.statusCode());
    }
    assertEquals(state("Explorational", id), "Active");
    finish('A', "Explorational", id);
    Response r = patch('C', "Explorational", id, "reopen");
    assertTrue(r.statusCode() == 403 || r.statusCode() == 404, "C: " + r.statusCode());
    assertEquals(state("Explorational", id), "Finished");
  }

  // --- reset ----------------------------------------------------------------------------------

  /**
   * Reset MUST replace a task annotation's skeleton by its task's base (here: empty) under new
   * tracing ids.
   */
  @Test
  public void resetRestoresTheEmptyBase() {
    JsonNode before = info('A', "Task", TASK_ANNOTATION_1);
    assertEquals(skeletonLayer(before).path("stats").path("treeCount").asInt(), 1);
    JsonNode body = ok(reset('A', "Task", TASK_ANNOTATION_1));
    assertEquals(body.path("id").asString(), TASK_ANNOTATION_1);
    assertEquals(body.path("typ").asString(), "Task");
    JsonNode after = info('A', "Task", TASK_ANNOTATION_1);
    JsonNode stats = skeletonLayer(after).path("stats");
    assertEquals(stats.path("treeCount").asInt(), 0, after.toString());
    assertEquals(stats.path("nodeCount").asInt(), 0, after.toString());
    assertTrue(
        Collections.disjoint(tracingIds(before), tracingIds(after)), "tracing ids unchanged");
    Nml nml = downloadNml('A', "Task", TASK_ANNOTATION_1);
    assertTrue(nml.trees().isEmpty(), "trees after reset: " + treeNames(nml));
  }

  /** Reset MUST give a skeleton equal to a non-empty base, with fresh tracing ids. */
  @Test
  public void resetRestoresANonEmptyBase() {
    Tree baseTree = chain(1, unique("base"), 1, 4);
    String project = freshProject();
    String taskId =
        createTaskFromNml(project, TASK_TYPE_1, 1, l4Nml(baseTree)).path("id").asString();
    JsonNode annotation = take('B', taskId);
    String id = annotation.path("id").asString();
    JsonNode body = ok(reset('A', "Task", id));
    assertEquals(body.path("id").asString(), id);
    assertTrue(
        Collections.disjoint(tracingIds(annotation), tracingIds(body)), "tracing ids unchanged");
    Nml nml = downloadNml('B', "Task", id);
    assertEquals(nml.trees(), List.of(baseTree));
    assertEquals(body.path("state").asString(), "Active");
  }

  /**
   * Reset is documented as PUT /annotations/Task/:id/reset: for an Explorational annotation there
   * is no such route (404), and nothing changes.
   */
  @Test
  public void resetOfAnExplorationalIsNoRoute() {
    String id = uploadSingle("keep.nml", chain(1, "t", 1, 3));
    assertError(reset('A', "Explorational", id), 404);
    assertEquals(
        skeletonLayer(info('A', "Explorational", id)).path("stats").path("nodeCount").asInt(), 3);
  }

  /** Reset by a user without management rights (user_C) MUST give 403 and change nothing. */
  @Test
  public void resetWithoutManagementRightsIs403() {
    JsonNode before = info('A', "Task", TASK_ANNOTATION_3);
    assertError(reset('C', "Task", TASK_ANNOTATION_3), 403);
    JsonNode after = info('A', "Task", TASK_ANNOTATION_3);
    assertEquals(tracingIds(after), tracingIds(before));
    assertEquals(skeletonLayer(after).path("stats").path("treeCount").asInt(), 1);
  }

  /** Reset MUST need a login (401) and an existing task annotation (404). */
  @Test
  public void resetNeedsLoginAndAnExistingTaskAnnotation() {
    assertError(anonymous().put("/annotations/Task/" + TASK_ANNOTATION_3 + "/reset"), 401);
    assertError(reset('A', "Task", "0123456789abcdef01234567"), 404);
    assertError(reset('A', "Task", EXPLORATIONAL_1), 404);
    assertFalse(info('A', "Task", TASK_ANNOTATION_3).path("annotationLayers").isEmpty());
  }
}
