package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.server.world.SeedWorld.TASK_1;
import static org.wkcheck.server.world.SeedWorld.TASK_TYPE_1;

import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;
import tools.jackson.databind.JsonNode;

/**
 * Compound annotations on a server with the default cache: a merge is kept for a few minutes, so a
 * repeated request within that time does not see newly finished annotations; and the error cases.
 */
public class CompoundAnnotationsTest extends AnnotationTestSupport {

  /** A fresh task whose base holds one tree; returns its id. */
  private String taskWithOneTree(String project, int instances) {
    return createTaskFromNml(project, TASK_TYPE_1, instances, l4Nml(chain(1, unique("t"), 1, 3)))
        .path("id")
        .asString();
  }

  /**
   * Within the cache time a repeated compound info MUST NOT include a newly finished annotation,
   * and the download MUST use the same cached merge.
   */
  @Test
  public void repeatedCompoundRequestsWithinTheCacheTimeKeepTheFirstMerge() {
    String project = freshProject();
    String taskId = taskWithOneTree(project, 2);
    String byA = take('A', taskId).path("id").asString();
    String byB = take('B', taskId).path("id").asString();
    finish('A', "Task", byA);
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 1);
    finish('B', "Task", byB);
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 1, "cached merge was redone");
    Map<String, byte[]> zip = downloadZip('A', "CompoundTask", taskId);
    assertEquals(annotationIdsOfNmls(zip), List.of(byA), "download not from the cached merge");
  }

  /** A compound of a task or project without finished task annotations MUST give 404. */
  @Test
  public void compoundWithoutFinishedAnnotationsIs404() {
    JsonNode project = freshProjectJson();
    String taskId = taskWithOneTree(project.path("name").asString(), 1);
    take('A', taskId); // active, not finished
    assertError(as('A').get("/annotations/CompoundTask/" + taskId + "/info"), 404);
    assertError(
        as('A').get("/annotations/CompoundProject/" + project.path("id").asString() + "/info"),
        404);
    assertError(as('A').get("/annotations/CompoundTask/" + TASK_1 + "/info"), 404);
  }

  /** Unknown compound targets MUST give 404, malformed ids 400. */
  @Test
  public void unknownOrMalformedCompoundTargets() {
    String unknown = "0123456789abcdef01234567";
    for (String typ : List.of("CompoundTask", "CompoundProject", "CompoundTaskType")) {
      assertError(as('A').get("/annotations/" + typ + "/" + unknown + "/info"), 404);
      assertError(as('A').get("/annotations/" + typ + "/nope/info"), 400);
    }
  }

  /**
   * Compound info MUST NOT be answered to callers who may not see the task or project (anonymous,
   * another organization, another team): 4xx with the envelope.
   */
  @Test
  public void compoundInfoNeedsAccess() {
    JsonNode project = freshProjectJson();
    String projectId = project.path("id").asString();
    String taskId = taskWithOneTree(project.path("name").asString(), 1);
    finish('A', "Task", take('A', taskId).path("id").asString());
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 1);
    assertClientError(
        anonymous().get("/annotations/CompoundTask/" + taskId + "/info"), 401, 403, 404);
    assertClientError(as('E').get("/annotations/CompoundTask/" + taskId + "/info"), 403, 404);
    assertClientError(as('D').get("/annotations/CompoundTask/" + taskId + "/info"), 403, 404);
    assertClientError(
        anonymous().get("/annotations/CompoundProject/" + projectId + "/info"), 401, 403, 404);
    assertClientError(as('E').get("/annotations/CompoundProject/" + projectId + "/info"), 403, 404);
    assertClientError(as('D').get("/annotations/CompoundProject/" + projectId + "/info"), 403, 404);
  }

  /**
   * The restrictions of a compound info MUST NOT allow update or finish: compound annotations are
   * not stored, and edit and finish refuse them.
   */
  @Test
  public void compoundRestrictionsForbidUpdateAndFinish() {
    String taskId = taskWithOneTree(freshProject(), 1);
    finish('A', "Task", take('A', taskId).path("id").asString());
    JsonNode r = info('A', "CompoundTask", taskId).path("restrictions");
    assertTrue(r.path("allowAccess").asBoolean(), r.toString());
    assertTrue(r.path("allowDownload").asBoolean(), r.toString());
    assertError(
        as('A')
            .contentType("application/json")
            .body("{\"name\":\"x\"}")
            .patch("/annotations/CompoundTask/" + taskId + "/edit"),
        400);
    assertError(patch('A', "CompoundTask", taskId, "finish"), 400);
    assertTrue(r.path("allowUpdate").isBoolean() && !r.path("allowUpdate").asBoolean(), r + "");
    assertTrue(r.path("allowFinish").isBoolean() && !r.path("allowFinish").asBoolean(), r + "");
  }

  /**
   * A team member who may see a CompoundTask but not download it (user_C) MUST get allowDownload
   * false in its restrictions, matching the refused download.
   */
  @Test
  public void compoundAllowDownloadMatchesTheDownloadRoute() {
    String taskId = taskWithOneTree(freshProject(), 1);
    finish('A', "Task", take('A', taskId).path("id").asString());
    JsonNode r = info('C', "CompoundTask", taskId).path("restrictions");
    int downloadStatus = download('C', "CompoundTask", taskId).statusCode();
    assertTrue(downloadStatus >= 400, "user_C may download: " + downloadStatus);
    assertTrue(r.path("allowDownload").isBoolean(), r.toString());
    assertFalse(
        r.path("allowDownload").asBoolean(),
        "allowDownload " + r + " but the download answers " + downloadStatus);
    assertFalse(r.path("allowUpdate").asBoolean(), r.toString());
  }

  /**
   * CompoundTaskType MUST NOT be answered to a user who cannot read the task type (user_D is in no
   * team of ek_0563_BipolarCells' team_X1 and not an admin): 4xx with the envelope.
   */
  @Test
  public void compoundTaskTypeNeedsReadAccessToTheTaskType() {
    String taskId = taskWithOneTree(freshProject(), 1);
    finish('A', "Task", take('A', taskId).path("id").asString());
    assertTrue(compoundTreeCount('A', "CompoundTaskType", TASK_TYPE_1) >= 1);
    assertError(as('D').get("/tasks/" + taskId), 404);
    assertClientError(
        as('D').get("/annotations/CompoundTaskType/" + TASK_TYPE_1 + "/info"), 403, 404);
    assertClientError(
        as('E').get("/annotations/CompoundTaskType/" + TASK_TYPE_1 + "/info"), 403, 404);
  }

  /** Compound downloads MUST be refused to callers who do not manage the team (4xx). */
  @Test
  public void compoundDownloadNeedsManagementRights() {
    String taskId = taskWithOneTree(freshProject(), 1);
    finish('A', "Task", take('A', taskId).path("id").asString());
    downloadZip('B', "CompoundTask", taskId);
    assertClientError(download('C', "CompoundTask", taskId), 403, 404);
    assertClientError(
        anonymous().get("/annotations/CompoundTask/" + taskId + "/download"), 401, 403, 404);
    assertClientError(download('E', "CompoundTask", taskId), 403, 404);
  }
}
