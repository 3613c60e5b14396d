package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.wkcheck.server.world.SeedWorld.TASK_TYPE_1;
import static org.wkcheck.server.world.SeedWorld.TASK_TYPE_2;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testng.annotations.Test;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlWriter;
import tools.jackson.databind.JsonNode;

/**
 * Compound annotations (CompoundTask, CompoundProject, CompoundTaskType) on a server without the
 * compound cache, so every request merges the finished task annotations afresh.
 */
public class CompoundAnnotationsNoCacheTest extends AnnotationTestSupport {

  @Override
  protected ServerOptions options() {
    return ServerOptions.defaults().withCompoundCacheTtl(Duration.ZERO);
  }

  private String taskWithTrees(String project, String taskType, int instances, int trees) {
    Nml.Tree[] t = new Nml.Tree[trees];
    for (int i = 0; i < trees; i++) {
      t[i] = chain(i + 1, unique("t"), 1 + 10 * i, 2 + i);
    }
    return createTaskFromNml(project, taskType, instances, l4Nml(t)).path("id").asString();
  }

  /**
   * A project with two tasks (1 and 2 base trees), all of whose task annotations user_A finished.
   */
  private record FinishedProject(String projectId, Set<String> finished) {}

  /**
   * user_A requests and finishes {@code count} task annotations; adds their tasks to {@code taken}
   * and returns the ids of the finished annotations.
   */
  private Set<String> takeAndFinish(int count, Set<String> taken) {
    Set<String> finished = new HashSet<>();
    for (int i = 0; i < count; i++) {
      JsonNode a = requestTaskAnnotation('A');
      taken.add(a.path("task").path("id").asString());
      finished.add(finish('A', "Task", a.path("id").asString()).path("id").asString());
    }
    return finished;
  }

  private FinishedProject finishedProject() {
    JsonNode project = freshProjectJson();
    String name = project.path("name").asString();
    Set<String> tasks =
        Set.of(taskWithTrees(name, TASK_TYPE_1, 2, 1), taskWithTrees(name, TASK_TYPE_1, 2, 2));
    Set<String> taken = new HashSet<>();
    Set<String> finished = takeAndFinish(2, taken);
    assertEquals(taken, tasks, "user_A did not get the project's tasks");
    requestTaskAnnotation('B'); // active: not part of the compound
    return new FinishedProject(project.path("id").asString(), finished);
  }

  /** Without the cache a newly finished annotation MUST be included in the next compound info. */
  @Test
  public void newlyFinishedAnnotationIsIncludedRightAway() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 2, 1);
    String byA = take('A', taskId).path("id").asString();
    String byB = take('B', taskId).path("id").asString();
    finish('A', "Task", byA);
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 1);
    finish('B', "Task", byB);
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 2);
    Map<String, byte[]> zip = downloadZip('A', "CompoundTask", taskId);
    assertEquals(new HashSet<>(annotationIdsOfNmls(zip)), Set.of(byA, byB));
  }

  /**
   * CompoundTask info MUST merge exactly the finished task annotations of the task, under typ
   * CompoundTask and the task's id.
   */
  @Test
  public void compoundTaskInfoMergesTheFinishedAnnotations() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 3, 2);
    finish('A', "Task", take('A', taskId).path("id").asString());
    finish('B', "Task", take('B', taskId).path("id").asString());
    take('C', taskId); // stays active
    JsonNode a = info('A', "CompoundTask", taskId);
    assertEquals(a.path("typ").asString(), "CompoundTask");
    assertEquals(a.path("id").asString(), taskId);
    assertEquals(a.path("dataSetName").asString(), L4);
    JsonNode stats = skeletonLayer(a).path("stats");
    assertEquals(stats.path("treeCount").asInt(), 4, a.toString());
    assertEquals(stats.path("nodeCount").asInt(), 2 * (2 + 3), a.toString());
  }

  /** A CompoundTask download MUST be a ZIP with one NML per finished task annotation. */
  @Test
  public void compoundTaskDownloadHoldsOneNmlPerFinishedAnnotation() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 3, 1);
    String byA = finish('A', "Task", take('A', taskId).path("id").asString()).path("id").asString();
    String byB = finish('B', "Task", take('B', taskId).path("id").asString()).path("id").asString();
    take('C', taskId);
    Map<String, byte[]> zip = downloadZip('A', "CompoundTask", taskId);
    List<String> ids = annotationIdsOfNmls(zip);
    assertEquals(ids.size(), 2, zip.keySet().toString());
    assertEquals(new HashSet<>(ids), Set.of(byA, byB));
    for (String name : nmlEntries(zip)) {
      assertEquals(parseNml(zip.get(name)).trees().size(), 1, name);
    }
  }

  /** CompoundProject info MUST merge the finished task annotations of all the project's tasks. */
  @Test
  public void compoundProjectInfoMergesAllTasks() {
    FinishedProject p = finishedProject();
    JsonNode a = info('A', "CompoundProject", p.projectId());
    assertEquals(a.path("typ").asString(), "CompoundProject");
    assertEquals(a.path("id").asString(), p.projectId());
    JsonNode stats = skeletonLayer(a).path("stats");
    assertEquals(stats.path("treeCount").asInt(), 3, a.toString());
    assertEquals(stats.path("nodeCount").asInt(), 2 + 2 + 3, a.toString());
  }

  /** A CompoundProject download MUST be a ZIP with one NML per finished task annotation. */
  @Test
  public void compoundProjectDownloadHoldsOneNmlPerFinishedAnnotation() {
    FinishedProject p = finishedProject();
    Map<String, byte[]> zip = downloadZip('A', "CompoundProject", p.projectId());
    List<String> ids = annotationIdsOfNmls(zip);
    assertEquals(ids.size(), 2, zip.keySet().toString());
    assertEquals(new HashSet<>(ids), p.finished());
  }

  /**
   * CompoundTaskType info and download MUST cover the finished task annotations of every task of
   * the task type (one test: the task type is shared by the whole server).
   */
  @Test
  public void compoundTaskTypeCoversAllTasksOfTheType() {
    String project = freshProject();
    String t1 = taskWithTrees(project, TASK_TYPE_2, 1, 1);
    String t2 = taskWithTrees(project, TASK_TYPE_2, 1, 2);
    Set<String> tasks = new HashSet<>();
    Set<String> finished = takeAndFinish(2, tasks);
    assertEquals(tasks, Set.of(t1, t2));
    JsonNode a = info('A', "CompoundTaskType", TASK_TYPE_2);
    assertEquals(a.path("typ").asString(), "CompoundTaskType");
    assertEquals(a.path("id").asString(), TASK_TYPE_2);
    assertEquals(skeletonLayer(a).path("stats").path("treeCount").asInt(), 3, a.toString());
    Map<String, byte[]> zip = downloadZip('A', "CompoundTaskType", TASK_TYPE_2);
    assertEquals(new HashSet<>(annotationIdsOfNmls(zip)), finished, zip.keySet().toString());
    assertEquals(nmlEntries(zip).size(), 2);
  }

  /** Duplicating a compound annotation MUST give an Explorational holding the merged trees. */
  @Test
  public void duplicateOfACompoundIsAnExplorationalWithTheMergedTrees() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 2, 2);
    finish('A', "Task", take('A', taskId).path("id").asString());
    finish('B', "Task", take('B', taskId).path("id").asString());
    JsonNode copy = ok(as('A').post("/annotations/CompoundTask/" + taskId + "/duplicate"));
    String id = copy.path("id").asString();
    assertTrue(!id.equals(taskId), "duplicate kept the task id");
    JsonNode a = info('A', "Explorational", id);
    assertEquals(a.path("typ").asString(), "Explorational");
    assertEquals(skeletonLayer(a).path("stats").path("treeCount").asInt(), 4, a.toString());
  }

  /** Merging a compound annotation with an explorational one MUST hold the trees of both. */
  @Test
  public void mergeOfACompoundWithAnExplorational() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 1, 2);
    finish('A', "Task", take('A', taskId).path("id").asString());
    String expl = uploadSingle("extra.nml", chain(1, "extra", 1, 3));
    JsonNode merged =
        ok(as('A').post("/annotations/CompoundTask/" + taskId + "/merge/Explorational/" + expl));
    JsonNode a = info('A', "Explorational", merged.path("id").asString());
    assertEquals(skeletonLayer(a).path("stats").path("treeCount").asInt(), 3, a.toString());
    assertEquals(skeletonLayer(a).path("stats").path("nodeCount").asInt(), 2 + 3 + 3);
  }

  /**
   * A compound whose finished annotations span several datasets cannot be built; like every
   * compound failure it MUST give 404 with the envelope.
   */
  @Test
  public void compoundSpanningDatasetsIs404() {
    JsonNode project = freshProjectJson();
    String name = project.path("name").asString();
    String onL4 = taskWithTrees(name, TASK_TYPE_1, 1, 1);
    String onConfocal =
        createTaskFromNml(
                name,
                TASK_TYPE_1,
                1,
                NmlWriter.toBytes(
                    nml("confocal-multi_knossos", ORG_X, List.of(chain(1, unique("c"), 1, 2)))))
            .path("id")
            .asString();
    Set<String> tasks = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      JsonNode a = requestTaskAnnotation('A');
      tasks.add(a.path("task").path("id").asString());
      finish('A', "Task", a.path("id").asString());
    }
    assertEquals(tasks, Set.of(onL4, onConfocal));
    assertEquals(compoundTreeCount('A', "CompoundTask", onConfocal), 1);
    assertError(
        as('A').get("/annotations/CompoundProject/" + project.path("id").asString() + "/info"),
        404);
  }

  /** A compound info MUST show a reopened annotation no longer (only finished ones count). */
  @Test
  public void reopenedAnnotationLeavesTheCompound() {
    String taskId = taskWithTrees(freshProject(), TASK_TYPE_1, 2, 1);
    String byA = finish('A', "Task", take('A', taskId).path("id").asString()).path("id").asString();
    finish('B', "Task", take('B', taskId).path("id").asString());
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 2);
    ok(patch('A', "Task", byA, "reopen"));
    assertEquals(compoundTreeCount('A', "CompoundTask", taskId), 1);
  }
}
