package org.wkcheck.load;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.http.AllureAttachments;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.conformance.http.Recorder;
import org.wkcheck.http.GuardedClient;
import org.wkcheck.http.RateCap;
import org.wkcheck.nml.Nml;
import org.wkcheck.target.Precondition;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetWorld;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a load run needs on the target, made through the API before the load starts and removed
 * after it, all named with the run's prefix ({@code wkc_<runId>_}) and noted in the run's {@code
 * created.txt} as soon as it exists (so {@code ./wkcheck load} can still remove it when the Gatling
 * JVM dies). It reuses the conformance suite's fixtures. The load projects are created paused, so a
 * real server never hands their tasks out to its users.
 */
public final class LoadSetup {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What a simulation needs. */
  public enum Need {
    /** a project that receives the created tasks */
    TASK_PROJECT,
    /** a project with a few tasks whose instances are incremented concurrently */
    INCREMENT_PROJECT,
    /** task annotations finished in projects of their own, for the compound annotations */
    FINISHED_TASKS,
    /** two explorational annotations to merge */
    MERGE_PAIR,
    /** an explorational skeleton annotation of some size, to download */
    SKELETON
  }

  /** A finished task annotation: its task, the task's project, and the annotation. */
  public record FinishedTask(String taskId, String projectId, String annotationId) {}

  private final Fixtures fixtures;
  private final Api api;
  private final TargetWorld world;
  private final Target target;

  private String taskProject;
  private String incrementProject;
  private final Map<String, Long> incrementTasks = new LinkedHashMap<>();
  private final List<FinishedTask> finished = new ArrayList<>();
  private final List<String> mergePair = new ArrayList<>();
  private String skeleton;
  private String readTask;

  private LoadSetup(Target target, Path journal, RateCap cap) {
    this.target = target;
    this.world = target.world();
    // every request of the set-up, the read-back and the clean-up waits for the run's rate cap
    this.api = new Api(target, AllureAttachments.NONE, cap);
    this.fixtures = new Fixtures(api, new Journal(journal));
  }

  /**
   * Makes what the simulation needs.
   *
   * @throws IllegalStateException with a clear reason when the target refuses part of the set-up
   */
  public static LoadSetup prepare(
      LoadSettings settings, String token, TargetWorld world, Set<Need> needs) {
    Target target = settings.target(token, world);
    LoadSetup s =
        new LoadSetup(
            target, settings.runDir().resolve(Journal.FILE), new RateCap(settings.maxRps()));
    try {
      s.make(needs.isEmpty() ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(needs), settings);
    } catch (Precondition | AssertionError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return s;
  }

  /**
   * What an earlier run made and kept (its {@link #save manifest}): nothing is made; only what this
   * run creates is registered for removal.
   *
   * @throws IllegalStateException when the manifest cannot be read or the target no longer holds
   *     what it names
   */
  public static LoadSetup restore(
      LoadSettings settings, String token, TargetWorld world, Path manifest) {
    LoadSetup s =
        new LoadSetup(
            settings.target(token, world),
            settings.runDir().resolve(Journal.FILE),
            new RateCap(settings.maxRps()));
    JsonNode m;
    try {
      m = JSON.readTree(java.nio.file.Files.readString(manifest));
    } catch (java.io.IOException | tools.jackson.core.JacksonException e) {
      throw new IllegalStateException("cannot read the set-up manifest " + manifest + ": " + e, e);
    }
    s.taskProject = text(m, "taskProject");
    s.incrementProject = text(m, "incrementProject");
    s.readTask = text(m, "readTask");
    s.skeleton = text(m, "skeleton");
    m.path("mergePair").forEach(n -> s.mergePair.add(n.asString()));
    m.path("finished")
        .forEach(
            n ->
                s.finished.add(
                    new FinishedTask(
                        n.path("taskId").asString(),
                        n.path("projectId").asString(),
                        n.path("annotationId").asString())));
    try {
      // the baseline of the concurrent increments is what the tasks hold now
      for (JsonNode id : m.path("incrementTasks")) {
        s.incrementTasks.put(id.asString(), s.openInstances(id.asString()));
      }
    } catch (Precondition | AssertionError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return s;
  }

  /**
   * What the increment tasks held when the manifest was saved (their open instances by task id):
   * the baseline against which the increments of every injector of a run must add up.
   */
  public static Map<String, Long> savedBaseline(Path manifest) throws java.io.IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    JSON.readTree(java.nio.file.Files.readString(manifest))
        .path("incrementBaseline")
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  private static String text(JsonNode m, String field) {
    return m.path(field).isString() ? m.path(field).asString() : null;
  }

  /** Writes what this set-up holds, for {@link #restore} by later runs. */
  public void save(Path manifest) throws java.io.IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("taskProject", taskProject);
    m.put("incrementProject", incrementProject);
    m.put("readTask", readTask);
    m.put("skeleton", skeleton);
    mergePair.forEach(m.putArray("mergePair")::add);
    incrementTasks.keySet().forEach(m.putArray("incrementTasks")::add);
    // what the increment tasks held when the set-up was saved: the baseline of a scaled-out run
    ObjectNode baseline = m.putObject("incrementBaseline");
    incrementTasks.forEach(baseline::put);
    var f = m.putArray("finished");
    for (FinishedTask t : finished) {
      f.addObject()
          .put("taskId", t.taskId())
          .put("projectId", t.projectId())
          .put("annotationId", t.annotationId());
    }
    java.nio.file.Files.writeString(manifest, m.toPrettyString());
  }

  private void make(Set<Need> needs, LoadSettings settings) {
    if (needs.contains(Need.TASK_PROJECT)) {
      taskProject = pausedProject();
      readTask = fixtures.tasks(taskProject, 1, 1).get(0).path("success").path("id").asString();
    }
    if (needs.contains(Need.INCREMENT_PROJECT)) {
      incrementProject = pausedProject();
      for (JsonNode e : fixtures.tasks(incrementProject, 4, 1)) {
        String id = e.path("success").path("id").asString();
        incrementTasks.put(id, openInstances(id));
      }
    }
    if (needs.contains(Need.FINISHED_TASKS)) {
      for (int i = 0; i < 3; i++) {
        JsonNode a = fixtures.taskAnnotation();
        String id = a.path("id").asString();
        Response f = api.as(Role.ADMIN).patch("/annotations/Task/" + id + "/finish");
        if (f.statusCode() != 200) {
          throw new IllegalStateException(
              "cannot finish the task annotation " + id + " (status " + f.statusCode() + ")");
        }
        String task = a.path("task").path("id").asString();
        Response tr = api.as(Role.ADMIN).get("/tasks/" + task);
        if (tr.statusCode() != 200) {
          throw new IllegalStateException(
              "cannot read task " + task + " (status " + tr.statusCode() + ")");
        }
        // the project's id as GET /projects/:name gives it (a task names its project by name)
        String project = JSON.readTree(tr.asByteArray()).path("projectName").asString();
        Response pr = api.as(Role.ADMIN).get("/projects/{name}", project);
        if (pr.statusCode() != 200) {
          throw new IllegalStateException(
              "cannot read project " + project + " (status " + pr.statusCode() + ")");
        }
        finished.add(
            new FinishedTask(task, JSON.readTree(pr.asByteArray()).path("id").asString(), id));
      }
    }
    if (needs.contains(Need.MERGE_PAIR)) {
      mergePair.add(fixtures.upload(false, fixtures.nml(trees(2, 20, 0))));
      mergePair.add(fixtures.upload(false, fixtures.nml(trees(2, 20, 100))));
    }
    if (needs.contains(Need.SKELETON)) {
      skeleton = fixtures.upload(false, fixtures.nml(trees(5, 400, 0)));
    }
  }

  private String pausedProject() {
    String name = fixtures.name("load");
    ObjectNode body = fixtures.projectBody(name, 0);
    body.put("paused", true);
    Response r =
        api.as(Role.ADMIN).contentType("application/json").body(body.toString()).post("/projects");
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "cannot create a project in team "
              + world.team()
              + " (POST /projects answered "
              + r.statusCode()
              + "); the world's team must be managed by the token's user");
    }
    fixtures.registerProject(name);
    return name;
  }

  /**
   * A plain client under the run's guard and rate cap (for the read-back in bulk); close it after
   * use. Requests through it need {@link #authorization()}.
   */
  public GuardedClient bulk(int connections) {
    return api.bulk(connections);
  }

  /** The header that authorizes a request of the run. */
  public Map<String, String> authorization() {
    return Map.of(Recorder.TOKEN_HEADER, target.token(Role.ADMIN).orElseThrow());
  }

  /** The open instances of a task as GET /tasks/:id shows them. */
  public long openInstances(String taskId) {
    Response r = api.as(Role.ADMIN).get("/tasks/" + taskId);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "cannot read task " + taskId + " (status " + r.statusCode() + ")");
    }
    return JSON.readTree(r.asByteArray()).path("status").path("open").asLong(-1);
  }

  /** Trees of a straight line of nodes each, shifted by {@code offset} in x. */
  static List<Nml.Tree> trees(int count, int nodesPerTree, int offset) {
    List<Nml.Tree> trees = new ArrayList<>();
    int id = 1;
    for (int t = 1; t <= count; t++) {
      List<Nml.Node> nodes = new ArrayList<>();
      List<Nml.Edge> edges = new ArrayList<>();
      for (int i = 0; i < nodesPerTree; i++) {
        nodes.add(
            new Nml.Node(
                id,
                1.0,
                100 + offset + i,
                200 + t,
                30,
                0,
                0,
                0,
                0,
                1,
                8,
                false,
                1_600_000_000_000L + id));
        if (i > 0) {
          edges.add(new Nml.Edge(id - 1, id));
        }
        id++;
      }
      trees.add(
          new Nml.Tree(t, Nml.Color.NONE, "wkcheck_load_" + t, null, null, null, nodes, edges));
    }
    return trees;
  }

  /** The body of one task for POST /tasks in the task project: one open instance. */
  public ObjectNode taskParameters() {
    return fixtures.taskParameters(taskProject, 1);
  }

  /** The formJSON of POST /tasks/createFromFiles for the task project: one open instance each. */
  public ObjectNode createFromFilesForm() {
    return fixtures.createFromFilesForm(taskProject, 1);
  }

  /** A small NML on the world's dataset (one task of createFromFiles each). */
  public byte[] taskNml() {
    return org.wkcheck.nml.NmlWriter.toBytes(fixtures.nml(trees(1, 3, 0)));
  }

  /** Registers an explorational annotation the run made under load (a merge), for removal. */
  public void createdExplorational(String id) {
    fixtures.explorational(id);
  }

  /** Removes everything the run made; returns what could not be removed. */
  public List<String> cleanUp() {
    return fixtures.cleanUp();
  }

  public TargetWorld world() {
    return world;
  }

  public String taskProject() {
    return taskProject;
  }

  public String incrementProject() {
    return incrementProject;
  }

  /** The increment project's tasks with their open instances before the load. */
  public Map<String, Long> incrementTasks() {
    return incrementTasks;
  }

  public List<FinishedTask> finished() {
    return finished;
  }

  public List<String> mergePair() {
    return mergePair;
  }

  public String skeleton() {
    return skeleton;
  }

  /** A task of the run to read. */
  public String readTask() {
    return readTask;
  }

  public String namePrefix() {
    return target.namePrefix();
  }
}
