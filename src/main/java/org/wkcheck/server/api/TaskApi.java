package org.wkcheck.server.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.server.api.AnnotationFiles.ParsedNml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Fields;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationState;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.Organization;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Script;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.TaskType;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The task routes: creation (plain and from NML files), search, read, update, delete. */
record TaskApi(World world, Views views, Effects effects) implements Routes {
  static final int MAX_TASKS_PER_REQUEST = 1000;
  static final int MAX_LIST_RESULTS = 1000;

  /**
   * One task of a creation request, its fields checked for presence and type. {@code dataSet},
   * {@code editPosition} and {@code editRotation} are absent for {@code createFromFiles}, where
   * every NML brings its own.
   */
  record Spec(
      String taskTypeId,
      String experienceDomain,
      int experienceValue,
      long openInstances,
      String projectName,
      String scriptId,
      int[] boundingBox,
      String dataSet,
      Vec3d editPosition,
      Vec3d editRotation,
      String creationInfo,
      String description) {

    static Spec parse(JsonNode json, boolean fromFiles) {
      Fields.requireObject(json, "A task");
      JsonNode exp = Fields.requireObjectField(json, "neededExperience");
      long open = Fields.requireInt(json, "openInstances");
      if (open < 0) {
        throw ApiException.badRequest("Field \"openInstances\" must not be negative");
      }
      String taskTypeId = Fields.requireString(json, "taskTypeId");
      if (!Ids.isObjectId(taskTypeId)) {
        throw ApiException.badRequest("Field \"taskTypeId\" must be a task type id");
      }
      return new Spec(
          taskTypeId,
          Fields.requireString(exp, "domain"),
          Fields.requireInt(exp, "value"),
          open,
          Fields.requireString(json, "projectName"),
          Fields.optString(json, "scriptId"),
          boundingBox(Fields.optObject(json, "boundingBox")),
          fromFiles ? null : Fields.requireString(json, "dataSet"),
          fromFiles ? null : vec(Fields.requireTriple(json, "editPosition", true)),
          fromFiles ? null : vec(Fields.requireTriple(json, "editRotation", false)),
          fromFiles ? null : Fields.optString(json, "creationInfo"),
          fromFiles ? null : Fields.optString(json, "description"));
    }

    private static Vec3d vec(double[] v) {
      return new Vec3d(v[0], v[1], v[2]);
    }

    private static int[] boundingBox(JsonNode b) {
      if (b == null) {
        return null;
      }
      double[] tl = Fields.requireTriple(b, "topLeft", true);
      int w = Fields.requireInt(b, "width");
      int h = Fields.requireInt(b, "height");
      int d = Fields.requireInt(b, "depth");
      if (w < 0 || h < 0 || d < 0) {
        throw ApiException.badRequest("The bounding box must not have a negative size");
      }
      if (w == 0 && h == 0 && d == 0) {
        return null; // an empty box means none, as in webKnossos
      }
      return new int[] {(int) tl[0], (int) tl[1], (int) tl[2], w, h, d};
    }
  }

  @Override
  public void register(Router r) {
    r.post("/tasks", Auth.REQUIRED, this::create);
    r.post("/tasks/createFromFiles", Auth.REQUIRED, this::createFromFiles);
    r.post("/tasks/list", Auth.REQUIRED, this::list);
    r.get("/tasks/{id}", Auth.REQUIRED, this::read);
    r.delete("/tasks/{id}", Auth.REQUIRED, this::delete);
    r.put("/tasks/{id}", Auth.REQUIRED, this::update);
    r.get("/tasks/{id}/annotations", Auth.REQUIRED, this::annotations);
  }

  // --- routes ---------------------------------------------------------------------------------

  /** Creates a task per object of the body; each reports its own success or failure. */
  private void create(Call call) {
    User me = call.user();
    JsonNode body = Fields.requireArray(call.jsonBody(), "The request body");
    if (body.size() > MAX_TASKS_PER_REQUEST) {
      throw ApiException.badRequest(
          "Cannot create more than " + MAX_TASKS_PER_REQUEST + " tasks in one request.");
    }
    List<Object> specs = new ArrayList<>();
    for (JsonNode t : body) {
      try {
        specs.add(Spec.parse(t, false));
      } catch (ApiException e) {
        specs.add(e);
      }
    }
    call.ok(
        world.write(
            () ->
                report(
                    specs,
                    s -> s instanceof ApiException e ? failure(e) : create(me, (Spec) s, null))));
  }

  /** Creates a task per NML uploaded, all with the parameters of the form field formJSON. */
  private void createFromFiles(Call call) {
    User me = call.user();
    Uploads upload = Uploads.read(call);
    JsonNode form = Json.parse(upload.field("formJSON"), "form field formJSON");
    Spec spec = Spec.parse(form, true);
    List<Uploads.Part> files = upload.files();
    if (files.isEmpty()) {
      throw ApiException.badRequest("No NML file attached");
    }
    List<Object> parsed = new ArrayList<>();
    for (Uploads.Part f : files) {
      try {
        parsed.addAll(upload.parse(f));
      } catch (ApiException e) {
        if (e.status() == 503) {
          throw e; // a busy server fails the whole request (to retry), not one file
        }
        parsed.add(e);
      }
    }
    call.ok(
        world.write(
            () -> {
              // formJSON holds for every file: a task type or project that does not resolve
              // fails the whole request, as in webKnossos.
              taskType(world, me, spec.taskTypeId());
              managedProject(me, spec.projectName());
              return report(
                  parsed,
                  p -> p instanceof ApiException e ? failure(e) : create(me, spec, (ParsedNml) p));
            }));
  }

  /** The tasks the caller manages that match every criterion given, at most the cap. */
  private void list(Call call) {
    User me = call.user();
    JsonNode q = Fields.requireObject(call.jsonBody(), "The query");
    String userId = Fields.optString(q, "user");
    String projectName = Fields.optString(q, "project");
    List<String> ids = Fields.optStringList(q, "ids");
    String taskTypeId = Fields.optString(q, "tasktype");
    if (taskTypeId == null) {
      taskTypeId = Fields.optString(q, "taskType"); // webKnossos' own spelling
    }
    Boolean random = Fields.optBoolean(q, "random");
    List<String> references = new ArrayList<>();
    if (userId != null) {
      references.add(userId);
    }
    if (taskTypeId != null) {
      references.add(taskTypeId);
    }
    if (ids != null) {
      references.addAll(ids);
    }
    for (String id : references) {
      if (!Ids.isObjectId(id)) {
        throw ApiException.badRequest("The passed resource id '" + id + "' is invalid");
      }
    }
    String typeId = taskTypeId;
    call.ok(
        world.read(
            () -> {
              Set<String> idSet = ids == null ? null : Set.copyOf(ids);
              List<Task> found =
                  new ArrayList<>(
                      world.tasks().stream()
                          .filter(t -> Access.canManage(me, t))
                          .filter(t -> projectName == null || t.project.name.equals(projectName))
                          .filter(t -> idSet == null || idSet.contains(t.id))
                          .filter(t -> typeId == null || t.taskType.id().equals(typeId))
                          .filter(t -> userId == null || hasWorkedOn(userId, t))
                          .toList());
              if (Boolean.TRUE.equals(random)) {
                Collections.shuffle(found);
              }
              return Json.array(found.stream().limit(effects.taskListCap()).map(views::task));
            }));
  }

  private void read(Call call) {
    call.ok(world.read(() -> views.task(readable(call))));
  }

  private void delete(Call call) {
    call.ok(
        world.write(
            () -> {
              effects.deleteTask(world, managed(call));
              return Json.success("Task was removed");
            }));
  }

  /**
   * The body is a whole task parameter object, checked as in POST /tasks; only openInstances is
   * applied.
   */
  private void update(Call call) {
    Spec spec = Spec.parse(call.jsonBody(), false);
    call.ok(
        world.write(
            () -> {
              Task t = managed(call);
              effects.updateTask(t, spec.openInstances(), spec.editPosition());
              return views.task(t);
            }));
  }

  /** The task annotations of a task the caller manages, cancelled ones left out. */
  private void annotations(Call call) {
    answerList(
        call,
        () ->
            world.annotationsOf(managed(call)).stream()
                .filter(a -> a.typ == AnnotationType.Task)
                .filter(effects::listed)
                .filter(a -> Access.canRead(call.user(), a)),
        a -> views.annotation(a, call.user()));
  }

  // --- resolving ------------------------------------------------------------------------------

  private boolean hasWorkedOn(String userId, Task t) {
    return world.annotationsOf(t).stream()
        .anyMatch(
            a ->
                a.typ == AnnotationType.Task
                    && a.state != AnnotationState.Cancelled
                    && a.owner.id.equals(userId));
  }

  private Task readable(Call call) {
    return Access.found(
        world.task(call.objectId("id")),
        t -> Access.canRead(call.user(), t),
        "Task could not be found");
  }

  private Task managed(Call call) {
    Task t = readable(call);
    Access.requireManager(call.user(), t.project.team, "change its tasks");
    return t;
  }

  private Project managedProject(User me, String name) {
    Project project =
        world
            .project(me.organization, name)
            .orElseThrow(() -> ApiException.notFound("Project could not be found"));
    Access.requireManager(me, project.team, "create tasks in its projects");
    return project;
  }

  /** The task type {@code id} of the caller's organization; 404 otherwise. */
  static TaskType taskType(World world, User me, String id) {
    return Access.found(
        world.taskType(id),
        t -> t.organization().equals(me.organization),
        "Task type could not be found");
  }

  /** The answer of task creation: a status report for each of {@code items}. */
  private static <T> ObjectNode report(List<T> items, Function<T, ObjectNode> status) {
    ObjectNode o = Json.object();
    o.set("tasks", Json.array(items.stream().map(status)));
    o.putArray("warnings");
    return o;
  }

  private static ObjectNode failure(ApiException e) {
    ObjectNode o = Json.object();
    o.put("status", e.status());
    o.put("error", e.getMessage());
    return o;
  }

  /**
   * Creates one task and its base annotation; a reference that does not resolve or a project the
   * caller does not manage gives a failure entry instead. {@code fromFile} carries dataset, start
   * position and base content for tasks made from NML files.
   */
  private ObjectNode create(User me, Spec s, ParsedNml fromFile) {
    try {
      Dataset fileDataset =
          fromFile == null ? null : Uploads.datasetOf(world, me, fromFile.nml(), null);
      Organization org = me.organization;
      Project project = managedProject(me, s.projectName());
      TaskType type = taskType(world, me, s.taskTypeId());
      Script script = null;
      if (s.scriptId() != null) {
        script =
            world
                .script(s.scriptId())
                .filter(sc -> sc.owner().organization.equals(org))
                .orElseThrow(() -> ApiException.badRequest("Script is invalid"));
      }
      Dataset ds =
          fileDataset != null
              ? fileDataset
              : DatasetApi.named(world, org, s.dataSet(), any -> true);
      Vec3d position = s.editPosition();
      Vec3d rotation = s.editRotation();
      AnnotationContent baseContent;
      if (fromFile != null) {
        Nml.Parameters p = fromFile.nml().parameters();
        position = p.editPosition() == null ? Vec3d.ZERO : p.editPosition();
        rotation = p.editRotation() == null ? Vec3d.ZERO : p.editRotation();
        baseContent = AnnotationFiles.content(fromFile);
      } else {
        Nml.Parameters p =
            Nml.Parameters.of(ds.name(), org.name(), ds.scale()).withEditPose(position, rotation);
        baseContent = new AnnotationContent(Nml.empty(p), Ids.newTracingId(), List.of());
      }
      long now = world.now();
      Task task =
          new Task(
              Ids.newObjectId(),
              project,
              type,
              script,
              ds,
              s.experienceDomain(),
              s.experienceValue(),
              s.openInstances(),
              s.openInstances(),
              s.boundingBox(),
              position,
              rotation,
              fromFile != null ? fromFile.fileName() : s.creationInfo(),
              s.description(),
              now);
      world.add(task);
      world.add(
          new Annotation(
              Ids.newObjectId(),
              AnnotationType.TracingBase,
              task,
              ds,
              project.team,
              me,
              now,
              baseContent));
      ObjectNode ok = Json.object();
      ok.put("status", 200);
      ok.set("success", views.task(task));
      return ok;
    } catch (ApiException e) {
      return failure(e);
    }
  }
}
