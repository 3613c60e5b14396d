package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.testng.SkipException;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlWriter;
import org.wkcheck.target.Precondition;
import org.wkcheck.target.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the annotation test classes share besides files ({@link AnnotationFileSupport}): the
 * caller's annotation lists, uploads, duplicates, merges, finishing as a step, and task annotations
 * of the main user in fresh projects of the suite, made from NMLs with trees of their own.
 * Everything it creates is registered with the fixtures.
 */
abstract class AnnotationSupport extends AnnotationFileSupport {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // --- addresses and JSON ---------------------------------------------------------------------

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** GET /annotations/:typ/:id/info as the main user: 200 with an annotation. */
  JsonNode info(String typ, String id) {
    return ok(api.as(Role.ADMIN).get(at(typ, id, "info")), ANNOTATION);
  }

  /** PATCH .../edit as a step: 200 with an annotation; the answer. */
  JsonNode edited(String typ, String id, ObjectNode body) {
    return ok(edit(typ, id, body), ANNOTATION);
  }

  Response edit(String typ, String id, ObjectNode body) {
    return api.as(Role.ADMIN)
        .contentType("application/json")
        .body(body.toString())
        .patch(at(typ, id, "edit"));
  }

  /**
   * PATCH .../finish as a step, not the behaviour under test: when the annotation is not finished
   * afterwards (answer 200 and listed by the owner's list with isFinished=true), the test is
   * skipped, since the annotations.finish.* tests report that. Returns the answer.
   */
  JsonNode finish(String typ, String id) {
    Response r = api.as(Role.ADMIN).patch(at(typ, id, "finish"));
    JsonNode answer = r.statusCode() == 200 ? json(r) : null;
    String list = TASK.equals(typ) ? "/user/tasks" : "/user/annotations";
    if (answer == null || !ownIds(list, true).contains(id)) {
      throw new SkipException(
          "finishing the "
              + typ
              + " annotation did not work (PATCH .../finish answered "
              + r.statusCode()
              + (answer == null ? "" : ", but GET " + list + "?isFinished=true does not list it")
              + "; see annotations.finish.*)");
    }
    return answer;
  }

  // --- the caller's annotations ---------------------------------------------------------------

  /** The ids of a list route of the main user (GET /user/annotations or /user/tasks). */
  Set<String> ownIds(String route, Boolean finished) {
    RequestSpecification req = api.as(Role.ADMIN);
    if (finished != null) {
      req = req.queryParam("isFinished", finished);
    }
    Response r = req.get(route);
    status(r, 200);
    JsonNode list = json(r);
    that(list.isArray(), "List is a JSON array", "a JSON list", list.getNodeType());
    Set<String> ids = new LinkedHashSet<>();
    list.forEach(a -> ids.add(a.path("id").asString()));
    return ids;
  }

  Set<String> ownExplorationals() {
    return ownIds("/user/annotations", null);
  }

  /**
   * The caller has no explorative annotation that it did not have {@code before} (any new one is
   * registered for removal all the same).
   */
  void noExplorationalSince(Set<String> before, String title) {
    Set<String> created = new LinkedHashSet<>(ownExplorationals());
    created.removeAll(before);
    created.forEach(fixtures::explorational);
    that(created.isEmpty(), title, "no new explorative annotation of the caller", created);
  }

  // --- creating -------------------------------------------------------------------------------

  /** A multipart upload with createGroupForEachFile and the files (by name). */
  Response uploadRequest(String createGroup, Map<String, byte[]> files) {
    RequestSpecification req = api.as(Role.ADMIN).multiPart("createGroupForEachFile", createGroup);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String name = f.getKey().toLowerCase(Locale.ROOT);
      String type =
          name.endsWith(".zip")
              ? "application/zip"
              : name.endsWith(".nml") ? "application/xml" : "application/octet-stream";
      req = req.multiPart("nmlFile", f.getKey(), f.getValue(), type);
    }
    return req.post("/annotations/upload");
  }

  /** Uploads the files as one new explorational (registered for removal); returns its id. */
  String upload(String createGroup, Map<String, byte[]> files) {
    Response r = uploadRequest(createGroup, files);
    status(r, 200);
    String id = json(r).path("annotation").path("id").asString();
    that(!id.isEmpty(), "Upload names the new annotation", "annotation.id", json(r));
    fixtures.explorational(id);
    return id;
  }

  /** Uploads one NML as a new explorational of the main user; returns its id. */
  String upload(Nml nml) {
    return fixtures.upload(false, nml);
  }

  /**
   * POST .../merge as the main user: 200 and one new explorational of the caller, found in the
   * answer (if it names one) or as the one new entry of GET /user/annotations; registered for
   * removal. Returns its id.
   */
  String merge(String typ, String id, String mergedTyp, String mergedId) {
    Set<String> before = ownExplorationals();
    Response r = api.as(Role.ADMIN).post(at(typ, id, "merge/" + mergedTyp + "/" + mergedId));
    String answered = idIn(r);
    if (answered != null && r.statusCode() == 200 && !answered.equals(id)) {
      fixtures.explorational(answered);
    }
    status(r, 200);
    Set<String> fresh = new LinkedHashSet<>(ownExplorationals());
    fresh.removeAll(before);
    String merged;
    if (answered != null && fresh.contains(answered)) {
      merged = answered;
    } else {
      that(
          fresh.size() == 1,
          "Merge result is listed by GET /user/annotations",
          "exactly one new explorative annotation of the caller"
              + (answered == null ? "" : " (the answer names " + answered + ")"),
          fresh.isEmpty() ? "no new annotation listed" : "new: " + fresh);
      merged = fresh.iterator().next();
      fixtures.explorational(merged);
    }
    that(
        !merged.equals(id) && !merged.equals(mergedId),
        "Merge creates a new annotation",
        "an id other than " + id + " and " + mergedId,
        merged);
    return merged;
  }

  private static String idIn(Response r) {
    try {
      JsonNode n = JSON.readTree(r.asByteArray());
      String id = n == null ? "" : n.path("id").asString();
      return id.isEmpty() ? null : id;
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }

  /** POST .../duplicate as the main user: 200 with an annotation; registered for removal. */
  JsonNode duplicate(String typ, String id) {
    Response r = api.as(Role.ADMIN).post(at(typ, id, "duplicate"));
    String copy = idIn(r);
    if (r.statusCode() == 200 && copy != null && !copy.equals(id)) {
      fixtures.explorational(copy);
    }
    return ok(r, ANNOTATION);
  }

  // --- task annotations -----------------------------------------------------------------------

  /**
   * A task of the suite made from {@code nml} (whose first tree, {@code tree}, is its own), and the
   * main user's task annotation of it.
   */
  record TaskItem(String taskId, String annotationId, String taskTypeId, Nml.Tree tree, Nml nml) {}

  /** A fresh project of the suite with its tasks and annotations. */
  record TaskWork(String projectId, String projectName, List<TaskItem> items) {
    TaskItem get(int i) {
      return items.get(i);
    }
  }

  /**
   * A fresh project of the suite with {@code count} tasks, each made from an NML with a tree of its
   * own (POST /tasks/createFromFiles), so its annotations can be recognised in downloads; and one
   * task annotation of the main user per task, taken through webKnossos' set-up route POST
   * /user/tasks/request. Fixtures give every new project a priority above the run's earlier ones,
   * so the target hands out its tasks first. Skips when the target cannot do this.
   */
  TaskWork taskWork(int count) {
    return taskWork(count, this::oneTreeNml);
  }

  /** An NML of the world's dataset with one tree of its own. */
  Nml oneTreeNml() {
    return fixtures.nml(List.of(tree(1, 1)));
  }

  /**
   * A task type of the test's own, made through webKnossos' set-up route {@code POST /taskTypes};
   * null where the target makes none.
   */
  String freshTaskType() {
    try {
      return fixtures.taskType();
    } catch (Precondition e) {
      return null;
    }
  }

  /** As {@link #taskWork(int)}, each task made from an NML of its own, as {@code nmls} gives. */
  TaskWork taskWork(int count, java.util.function.Supplier<Nml> nmls) {
    return taskWork(count, nmls, world.taskType());
  }

  /**
   * As {@link #taskWork(int, java.util.function.Supplier)}, the tasks of task type {@code type}.
   */
  TaskWork taskWork(int count, java.util.function.Supplier<Nml> nmls, String type) {
    JsonNode project = fixtures.project();
    String name = project.path("name").asString();
    String projectId = project.path("id").asString();
    Map<String, Nml> nmlOfTask = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Nml nml = nmls.get();
      Response r =
          api.as(Role.ADMIN)
              .multiPart("formJSON", taskForm(name, type).toString())
              .multiPart(
                  "nmlFile",
                  fixtures.name("task") + ".nml",
                  NmlWriter.toBytes(nml),
                  "application/xml")
              .post("/tasks/createFromFiles");
      JsonNode entry = r.statusCode() == 200 ? json(r).path("tasks").path(0) : null;
      if (entry == null || entry.path("status").asInt() != 200) {
        throw new SkipException(
            "cannot create a task from an NML on the world's dataset and task type "
                + type
                + " (POST /tasks/createFromFiles answered "
                + r.statusCode()
                + (entry == null ? "" : ": " + entry)
                + ")");
      }
      nmlOfTask.put(entry.path("success").path("id").asString(), nml);
    }
    List<TaskItem> items = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    fixtures.requireOwnTaskFirst(name);
    for (int i = 0; i < count; i++) {
      JsonNode a =
          fixtures.requestOwnTask(
              id -> nmlOfTask.containsKey(id) && taken.add(id),
              "one of this test's",
              "no task annotation can be made",
              SkipException::new);
      String annotationId = a.path("id").asString();
      String taskId = a.path("task").path("id").asString();
      String taskType = a.path("task").path("type").path("id").asString();
      items.add(
          new TaskItem(
              taskId,
              annotationId,
              taskType.isEmpty() ? type : taskType,
              nmlOfTask.get(taskId).trees().get(0),
              nmlOfTask.get(taskId)));
    }
    return new TaskWork(projectId, name, items);
  }

  /** One task annotation of the main user (in a fresh project of its own). */
  TaskItem taskAnnotation() {
    return taskWork(1).get(0);
  }

  /** A new annotation of the main user of this typ (Task or Explorational); its id. */
  String annotationOf(String typ) {
    return TASK.equals(typ) ? taskAnnotation().annotationId() : upload(nmlWithTrees(1));
  }

  /** An annotation as the routes address it: its {@code :typ} and {@code :id}. */
  record Ref(String typ, String id) {}

  /**
   * A new explorational and a new task annotation of the main user, both made before either is
   * used.
   */
  List<Ref> explorationalAndTask() {
    return List.of(
        new Ref(EXPLORATIONAL, upload(nmlWithTrees(1))),
        new Ref(TASK, taskAnnotation().annotationId()));
  }

  /**
   * The compound annotations of a task's work: CompoundTask with the task id, CompoundProject with
   * the project id.
   */
  static List<Ref> compounds(TaskWork w) {
    return List.of(
        new Ref("CompoundTask", w.get(0).taskId()), new Ref("CompoundProject", w.projectId()));
  }

  private ObjectNode taskForm(String projectName, String type) {
    ObjectNode p = fixtures.taskParameters(projectName, 1);
    ObjectNode form = object();
    for (String field : List.of("taskTypeId", "neededExperience", "openInstances", "projectName")) {
      form.set(field, p.get(field));
    }
    form.put("taskTypeId", type);
    return form;
  }
}
