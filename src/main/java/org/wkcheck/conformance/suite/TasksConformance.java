package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.sameObject;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.suite.TaskProjectSupport.TASK;
import static org.wkcheck.conformance.suite.TaskProjectSupport.TASK_ANNOTATION_LIST;
import static org.wkcheck.conformance.suite.TaskProjectSupport.box;
import static org.wkcheck.conformance.suite.TaskProjectSupport.ids;

import io.restassured.response.Response;
import java.util.List;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.checks.Stable;
import org.wkcheck.conformance.suite.TaskProjectSupport.Made;
import org.wkcheck.conformance.suite.TaskProjectSupport.TaskAnnotation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET/PUT/DELETE /tasks/:id} and {@code GET /tasks/:id/annotations}. */
public class TasksConformance extends TaskProjectTest {
  private static final String OPEN = "status/open";

  private Response put(String id, ObjectNode body) {
    return s.user().contentType("application/json").body(body.toString()).put("/tasks/{id}", id);
  }

  /** GET /tasks/:id/annotations as the main user: 200 with a list of task annotations. */
  private JsonNode annotationsOf(String taskId) {
    return ok(s.user().get("/tasks/{id}/annotations", taskId), TASK_ANNOTATION_LIST);
  }

  /** GET /tasks/:id MUST answer 200 with the information of the task with that id. */
  @Test
  @Requirement("tasks.read.returns-task")
  public void readAnswersTheTask() {
    String p = s.projectName();
    ObjectNode params = s.params(p);
    String id = s.createTask(params);
    JsonNode t = ok(s.user().get("/tasks/{id}", id), TASK);
    equal(t.path("id").asString(), id, "GET /tasks/:id answers the task with that id");
    equal(t.path("projectName").asString(), p, "The task information shows its project");
    equal(
        t.path("creationInfo").asString(),
        params.path("creationInfo").asString(),
        "The task information shows its creationInfo");
  }

  /**
   * GET, PUT and DELETE /tasks/:id and GET /tasks/:id/annotations MUST take :id as a task id: they
   * act on that task and on no other; a project's id does not address a task.
   *
   * <p>Steps: tasks A and B in a project; GET A and the project id; GET A's annotations; PUT A;
   * DELETE A; check B each time.
   */
  @Test
  @Requirement("tasks.path.task-id")
  public void taskIdAddressesTheTask() {
    Made p = s.project();
    List<String> created = s.tasks(p.name(), 2);
    String a = created.get(0);
    String b = created.get(1);
    s.task(a);
    refused(s.user().get("/tasks/{id}", p.id()));

    onlyOfTask(annotationsOf(a), a);

    ObjectNode body = s.params(p.name());
    body.put("openInstances", 4);
    JsonNode updated = ok(put(a, body), TASK);
    equal(updated.path("id").asString(), a, "PUT /tasks/:id answers task :id");
    equal(s.open(a), 4L, "PUT /tasks/:id updates task :id");
    equal(s.open(b), 1L, "PUT /tasks/:id leaves other tasks alone");

    status(s.user().delete("/tasks/{id}", a), 200);
    refused(s.user().get("/tasks/{id}", a));
    s.task(b);
  }

  /**
   * PUT /tasks/:id MUST accept a task parameter object as in POST /tasks and answer 200 with the
   * information of the updated task.
   */
  @Test
  @Requirement({"tasks.update.returns-task", "tasks.update.body-like-create"})
  public void updateAnswersTheUpdatedTask() {
    ObjectNode params = s.params(s.projectName());
    String id = s.createTask(params);
    params.put("openInstances", 2);
    JsonNode answer = ok(put(id, params), TASK);
    equal(answer.path("id").asString(), id, "PUT /tasks/:id answers the updated task");
  }

  /**
   * PUT /tasks/:id MUST set the task's open instances to the body's openInstances (up and down), as
   * the answer and a later GET /tasks/:id show.
   */
  @Test
  @Requirement("tasks.update.open-instances")
  public void updateSetsOpenInstances() {
    ObjectNode params = s.params(s.projectName());
    String id = s.createTask(params);
    for (int open : new int[] {5, 2}) {
      params.put("openInstances", open);
      JsonNode answer = ok(put(id, params), TASK);
      equal(
          answer.path("status").path("open").asLong(),
          (long) open,
          "The answer shows the new open instances");
      equal(s.open(id), (long) open, "GET /tasks/:id shows the new open instances");
    }
  }

  /**
   * PUT /tasks/:id MUST change only the open instances: every other property stays as it was (the
   * volatile tracingTime apart), even when the body gives other values.
   *
   * <p>Steps: a task in project P; PUT a full task object with another project (Q), experience,
   * positions, bounding box, creationInfo and description, and (when the target shows them) another
   * task type and dataset; compare the task before and after.
   */
  @Test
  @Requirement("tasks.update.only-open-instances")
  public void updateChangesNothingButOpenInstances() {
    String p = s.projectName();
    String q = s.projectName();
    String id = s.createTask(s.params(p));
    JsonNode before = s.task(id);

    ObjectNode body = s.params(q);
    body.put("taskTypeId", s.otherTaskType());
    body.put("dataSet", s.otherDataset());
    ObjectNode exp = body.putObject("neededExperience");
    exp.put("domain", fixtures.name("experience"));
    exp.put("value", 2);
    body.put("openInstances", 3);
    body.putArray("editPosition").add(7).add(8).add(9);
    body.putArray("editRotation").add(45).add(45).add(45);
    body.set("boundingBox", box(1, 1, 1, 9, 9, 9));
    body.put("description", "changed by wkcheck");

    JsonNode answer = ok(put(id, body), TASK);
    equal(answer.path("status").path("open").asLong(), 3L, "The open instances are changed");
    JsonNode kept = Stable.except(before, OPEN);
    sameObject(
        kept,
        Stable.except(answer, OPEN, "messages"),
        "PUT /tasks/:id leaves every field but status.open unchanged (answer)");
    sameObject(
        kept,
        Stable.except(s.task(id), OPEN),
        "PUT /tasks/:id leaves every field but status.open unchanged");
    that(
        s.projectTaskIds(p).contains(id) && !s.projectTaskIds(q).contains(id),
        "The task stays in its project",
        "listed in " + p + " only",
        "moved");
  }

  /**
   * DELETE /tasks/:id MUST answer 200 and delete the task: GET /tasks/:id is then refused and the
   * project no longer lists it.
   */
  @Test
  @Requirement("tasks.delete.removes-task")
  public void deleteRemovesTheTask() {
    String p = s.projectName();
    List<String> created = s.tasks(p, 2);
    status(s.user().delete("/tasks/{id}", created.get(0)), 200);
    refused(s.user().get("/tasks/{id}", created.get(0)));
    equal(s.projectTaskIds(p), List.of(created.get(1)), "The project lists only the other task");
  }

  /**
   * DELETE /tasks/:id MUST also delete the task's annotations: their info is then refused.
   *
   * <p>Steps: get a task annotation of the main user; delete its task; read the annotation's info.
   */
  @Test
  @Requirement("tasks.delete.removes-annotations")
  public void deleteRemovesTheTaskAnnotations() {
    s.removesTheAnnotation(
        annotation -> status(s.user().delete("/tasks/{id}", annotation.taskId()), 200));
  }

  /**
   * GET /tasks/:id/annotations MUST answer 200 with the annotations of the task: a task annotation
   * of the main user is listed, and one of another task is not.
   */
  @Test
  @Requirement("tasks.annotations.returns-annotations")
  public void taskAnnotationsAreListed() {
    TaskAnnotation annotation = s.taskAnnotation();
    TaskAnnotation other = s.taskAnnotation();
    JsonNode list = annotationsOf(annotation.taskId());
    that(
        ids(list).contains(annotation.id()),
        "The task's annotation is listed",
        "annotation " + annotation.id(),
        ids(list));
    that(
        !ids(list).contains(other.id()),
        "An annotation of another task is not listed",
        "no annotation " + other.id() + " (of task " + other.taskId() + ")",
        ids(list));
    onlyOfTask(list, annotation.taskId());
  }

  /**
   * Each listed annotation that says its task names task {@code task}. The document promises no
   * task information in this list, so an annotation without {@code task} is not held to it.
   */
  private static void onlyOfTask(JsonNode list, String task) {
    for (JsonNode a : list) {
      if (a.has("task")) {
        equal(
            a.path("task").path("id").asString(),
            task,
            "GET /tasks/:id/annotations lists only annotations of task :id");
      }
    }
  }

  /**
   * GET /tasks/:id/annotations MUST NOT return cancelled annotations (checked with the world's
   * cancelled task annotation; no documented route cancels one).
   */
  @Test
  @Requirement("tasks.annotations.cancelled-excluded")
  public void cancelledAnnotationsAreNotListed() {
    String cancelled = world.cancelledTaskAnnotation();
    String task = world.cancelledTaskAnnotationTask();
    if (cancelled == null || task == null) {
      throw new SkipException(
          "the world names no cancelled task annotation (cancelledTaskAnnotation and"
              + " cancelledTaskAnnotationTask)");
    }
    Response info = s.annotationInfo(cancelled);
    if (info.statusCode() == 200) {
      JsonNode a = Checks.json(info);
      boolean ofAnotherTask = a.has("task") && !task.equals(a.path("task").path("id").asString());
      if (!"Cancelled".equals(a.path("state").asString()) || ofAnotherTask) {
        throw new SkipException(
            "the world's cancelledTaskAnnotation "
                + cancelled
                + " is not a cancelled annotation of task "
                + task
                + " (state "
                + a.path("state").asString()
                + ")");
      }
    }
    JsonNode list = annotationsOf(task);
    that(
        !ids(list).contains(cancelled),
        "A cancelled annotation is not listed",
        "no annotation " + cancelled,
        ids(list));
  }
}
