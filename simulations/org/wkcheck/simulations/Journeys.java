package org.wkcheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.http.response.Response;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.wkcheck.load.LoadRun;
import org.wkcheck.load.LoadSetup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user journeys the simulations are made of, as reusable Gatling chains. Every request goes
 * through {@link #call}: named after its route template (for example {@code POST /api/tasks}),
 * checked for its documented status, timed into the run's statistics, counted by the early stop,
 * and sampled for the contract check. Ids come from the run's set-up, read when the journey runs.
 */
final class Journeys {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NAME = "wk_name";
  private static final String TIME = "wk_time";
  private static final String BYTES = "wk_bytes";
  private static final String STATUS = "wk_status";
  private static final String BODY = "wk_body";

  private final LoadRun run;
  private final String api;

  Journeys(LoadRun run) {
    this.run = run;
    this.api = run.settings().apiPrefix();
  }

  private LoadSetup setup() {
    return run.setup();
  }

  /**
   * One request: {@code name} names it in the reports, {@code request} builds it, {@code expected}
   * is its documented status; further checks may save parts of the answer.
   */
  ChainBuilder call(
      Function<Session, String> name,
      Function<Http, HttpRequestActionBuilder> request,
      int expected,
      CheckBuilder... checks) {
    return call(name, request, response -> {}, expected, checks);
  }

  /** {@link #call} with a hook that sees every response as it arrives. */
  ChainBuilder call(
      Function<Session, String> name,
      Function<Http, HttpRequestActionBuilder> request,
      java.util.function.Consumer<Response> onResponse,
      int expected,
      CheckBuilder... checks) {
    List<CheckBuilder> all = new ArrayList<>();
    // saved first, so they are there even when a later check fails
    all.add(responseTimeInMillis().saveAs(TIME));
    all.add(bodyLength().saveAs(BYTES));
    all.add(status().saveAs(STATUS));
    // an answer beyond --max-body fails (the request's deadline bounds how long it may grow)
    all.add(bodyLength().lte((int) Math.min(Integer.MAX_VALUE, run.settings().maxBody())));
    all.add(status().is(expected));
    all.addAll(List.of(checks));
    return exec(s ->
            s.markAsSucceeded()
                .remove(TIME)
                .remove(BYTES)
                .remove(STATUS)
                .remove(BODY)
                .set(NAME, name.apply(s)))
        .exec(
            request
                .apply(http(s -> s.getString(NAME)))
                .transformResponse(
                    (response, session) -> {
                      onResponse.accept(response);
                      sample(session.getString(NAME), response);
                      return response;
                    })
                .check(all))
        .exec(
            s -> {
              boolean ok = !s.isFailed();
              run.recorder()
                  .record(
                      s.getString(NAME),
                      s.contains(TIME) ? s.getLong(TIME) : -1,
                      ok ? null : failure(s, expected),
                      s.contains(BYTES) ? s.getLong(BYTES) : 0);
              run.watch().record(ok);
              return s.markAsSucceeded();
            })
        .exec(
            stopLoadGeneratorIf(
                s -> "wkcheck load stopped the run early: " + run.watch().reason(),
                s -> run.watch().reason() != null));
  }

  /**
   * What made a request fail, from what its checks saved: no answer (refused, reset or past its
   * deadline), an unexpected status, a body beyond {@code --max-body}, or a check of the answer.
   */
  private String failure(Session s, int expected) {
    if (!s.contains(STATUS)) {
      return "no answer";
    }
    int status = s.getInt(STATUS);
    if (status != expected) {
      return "status " + status;
    }
    if (s.contains(BYTES) && s.getLong(BYTES) > run.settings().maxBody()) {
      return "body larger than --max-body";
    }
    return "answer failed a check";
  }

  ChainBuilder call(
      String name,
      Function<Http, HttpRequestActionBuilder> request,
      int expected,
      CheckBuilder... checks) {
    return call(s -> name, request, expected, checks);
  }

  private void sample(String name, Response response) {
    if (!run.sampler().sampled(name)) {
      return;
    }
    run.sampler()
        .submit(
            name,
            response.request().getMethod().name(),
            response.request().getUri().getPath(),
            response.status().code(),
            response.headers().get("Content-Type"),
            response.body().bytes());
  }

  // --- task creation ----------------------------------------------------------------------

  /** POST /tasks with a batch of tasks, then reads the first of them back. */
  ChainBuilder createTaskBatch() {
    int n = run.settings().batchSize();
    return call(
            "POST " + api + "/tasks",
            h ->
                h.post(api + "/tasks")
                    .body(StringBody(s -> batchBody(n)))
                    .header("Content-Type", "application/json"),
            200,
            bodyString().saveAs(BODY))
        .exec(s -> creationReport(s, n, "POST /tasks"))
        .exec(readBackFirst());
  }

  private String batchBody(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(setup().taskParameters());
    }
    return b.append(']').toString();
  }

  /** POST /tasks/createFromFiles with a few NML files, then reads the first task back. */
  ChainBuilder createFromFiles() {
    int n = Math.min(run.settings().batchSize(), 5);
    return call(
            "POST " + api + "/tasks/createFromFiles",
            h -> {
              HttpRequestActionBuilder r =
                  h.post(api + "/tasks/createFromFiles")
                      .bodyPart(
                          StringBodyPart("formJSON", s -> setup().createFromFilesForm().toString()))
                      .asMultipartForm();
              for (int i = 0; i < n; i++) {
                int k = i;
                r =
                    r.bodyPart(
                        ByteArrayBodyPart("nmlFile", s -> setup().taskNml())
                            .fileName(s -> setup().namePrefix() + "file_" + k + ".nml")
                            .contentType("application/xml"));
              }
              return r;
            },
            200,
            bodyString().saveAs(BODY))
        .exec(s -> creationReport(s, n, "POST /tasks/createFromFiles"))
        .exec(readBackFirst());
  }

  /**
   * The creation report: one entry per task, each 200 with the new task (every task sent was
   * valid); the ids are registered (and must be new), the first is kept to be read back.
   */
  private Session creationReport(Session s, int n, String route) {
    if (!s.contains(BODY)) {
      return s;
    }
    JsonNode report;
    try {
      report = JSON.readTree(s.getString(BODY));
    } catch (RuntimeException e) {
      run.correctness().failed("task-creation-report", route + " answered no JSON");
      return s.remove(BODY);
    }
    JsonNode tasks = report.path("tasks");
    String first = null;
    boolean ok = tasks.isArray() && tasks.size() == n;
    for (JsonNode t : tasks) {
      String id = t.path("success").path("id").asString("");
      if (t.path("status").asInt() != 200 || id.isEmpty()) {
        ok = false;
        continue;
      }
      run.createdTask(id, setup().taskProject());
      first = first == null ? id : first;
    }
    run.correctness()
        .check(
            "task-creation-report",
            ok,
            route + " with " + n + " valid tasks reported: " + abbreviate(tasks.toString()));
    Session out = s.remove(BODY);
    return first == null ? out.remove("readId") : out.set("readId", first);
  }

  private ChainBuilder readBackFirst() {
    return exec(
        io.gatling.javaapi.core.CoreDsl.doIf(s -> s.contains("readId"))
            .then(
                call(
                        "GET " + api + "/tasks/:id",
                        h -> h.get(s -> api + "/tasks/" + s.getString("readId")),
                        200,
                        bodyString().saveAs(BODY))
                    .exec(
                        s -> {
                          if (s.contains(BODY)) {
                            String id = s.getString("readId");
                            String problem =
                                run.taskProblem(
                                    JSON.readTree(s.getString(BODY)), id, setup().taskProject());
                            run.correctness()
                                .check(
                                    "task-reads-back",
                                    problem == null,
                                    "right after creation, task " + id + ": " + problem);
                          }
                          return s.remove(BODY).remove("readId");
                        })));
  }

  /** Increments sent at once by one increment journey (Gatling fetches resources in parallel). */
  static final int INCREMENT_BURST = 4;

  /**
   * PATCH /projects/:name/incrementEachTasksInstances on the run's increment project: one call,
   * then {@link #INCREMENT_BURST} more at the same time (as parallel resources), so that the
   * increments really overlap and a server that loses concurrent updates is caught. Every answer is
   * counted as it arrives; the run checks at the end that the counts add up.
   */
  ChainBuilder increment() {
    String name = "PATCH " + api + "/projects/:name/incrementEachTasksInstances";
    Function<Session, String> url =
        s -> {
          run.incrementSent();
          return api
              + "/projects/"
              + setup().incrementProject()
              + "/incrementEachTasksInstances?delta=1";
        };
    List<HttpRequestActionBuilder> burst = new ArrayList<>();
    for (int i = 0; i < INCREMENT_BURST; i++) {
      burst.add(
          http(name)
              .patch(url)
              .transformResponse(
                  (response, session) -> {
                    incrementAnswered(name, response);
                    return response;
                  })
              .check(status().is(200)));
    }
    return call(
        s -> name,
        h -> h.patch(url).resources(burst),
        response -> run.incrementAnswered(response.status().code() == 200),
        200);
  }

  /** A parallel increment's answer: counted, and timed like every other request. */
  private void incrementAnswered(String name, Response response) {
    boolean ok = response.status().code() == 200;
    run.incrementAnswered(ok);
    run.recorder()
        .record(
            name,
            response.endTimestamp() - response.startTimestamp(),
            ok ? null : "status " + response.status().code(),
            0);
    run.watch().record(ok);
  }

  // --- compound annotations and merges ------------------------------------------------------

  /**
   * Info or download of a compound annotation of a random kind and id; named {@code (cold)} for the
   * first request of that annotation in the run (the server merges it) and {@code (cache)} for the
   * repeats (the document says the merge is cached for a few minutes).
   */
  ChainBuilder compound() {
    return exec(s -> {
          String[] pick = compoundPick();
          boolean download = ThreadLocalRandom.current().nextBoolean();
          boolean cold = run.firstTime(pick[0] + "/" + pick[1]);
          return s.set("ctyp", pick[0])
              .set("cid", pick[1])
              .set("cdownload", download)
              .set(
                  "cname",
                  "GET "
                      + api
                      + "/annotations/"
                      + pick[0]
                      + "/:id/"
                      + (download ? "download" : "info")
                      + (cold ? " (cold)" : " (cache)"));
        })
        .doIfOrElse(s -> s.getBoolean("cdownload"))
        .then(compoundCall("download", contentType("zip")))
        .orElse(compoundCall("info"));
  }

  /** {@code GET .../annotations/<ctyp>/<cid>/<what>} of the compound the session picked. */
  private ChainBuilder compoundCall(String what, CheckBuilder... checks) {
    return call(
        s -> s.getString("cname"),
        h ->
            h.get(
                s ->
                    api
                        + "/annotations/"
                        + s.getString("ctyp")
                        + "/"
                        + s.getString("cid")
                        + "/"
                        + what),
        200,
        checks);
  }

  private String[] compoundPick() {
    List<LoadSetup.FinishedTask> f = setup().finished();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    LoadSetup.FinishedTask t = f.get(r.nextInt(f.size()));
    return switch (r.nextInt(3)) {
      case 0 -> new String[] {"CompoundTask", t.taskId()};
      case 1 -> new String[] {"CompoundProject", t.projectId()};
      default -> new String[] {"CompoundTaskType", run.setup().world().taskType()};
    };
  }

  /** POST /annotations/Explorational/:id/merge/Explorational/:mergedId of the run's pair. */
  ChainBuilder merge() {
    return call(
            "POST " + api + "/annotations/:typ/:id/merge/:mergedTyp/:mergedId",
            h ->
                h.post(
                    s ->
                        api
                            + "/annotations/Explorational/"
                            + setup().mergePair().get(0)
                            + "/merge/Explorational/"
                            + setup().mergePair().get(1)),
            200,
            jsonPath("$.id").saveAs("merged"))
        .exec(
            s -> {
              if (s.contains("merged")) {
                String id = s.getString("merged");
                setup().createdExplorational(id);
                run.correctness()
                    .check(
                        "merge-result",
                        !setup().mergePair().contains(id),
                        "the merge answered the id " + id + " of one of its inputs");
              }
              return s.remove("merged");
            });
  }

  // --- downloads -------------------------------------------------------------------------

  /**
   * One download: a skeleton NML of the run (2000 nodes, 40%), a finished task's NML (25%), and the
   * world's volume annotation as ZIP (35%) when the world names one.
   */
  ChainBuilder download() {
    Map<ChainBuilder, Double> options = new LinkedHashMap<>();
    options.put(download("skeleton NML", s -> "Explorational/" + setup().skeleton(), "xml"), 40.0);
    options.put(
        download("task NML", s -> "Task/" + setup().finished().get(0).annotationId(), "xml"), 25.0);
    if (worldVolume() != null) {
      options.put(download("volume ZIP", s -> "Explorational/" + worldVolume(), "zip"), 35.0);
    }
    double sum = options.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Choice.WithWeight> choices = new ArrayList<>();
    options.forEach((chain, weight) -> choices.add(percent(weight * 100.0 / sum).then(chain)));
    return randomSwitch().on(choices);
  }

  private String worldVolume() {
    return run.world().volumeAnnotation();
  }

  private ChainBuilder download(String what, Function<Session, String> typAndId, String type) {
    return call(
        "GET " + api + "/annotations/:typ/:id/download (" + what + ")",
        h -> h.get(s -> api + "/annotations/" + typAndId.apply(s) + "/download"),
        200,
        contentType(type));
  }

  private static CheckBuilder contentType(String part) {
    return header("Content-Type").transform(v -> v != null && v.contains(part)).is(true);
  }

  // --- reads -------------------------------------------------------------------------------

  /** GET /tasks/:id of a task of the run. */
  ChainBuilder readTask() {
    return call(
        "GET " + api + "/tasks/:id", h -> h.get(s -> api + "/tasks/" + setup().readTask()), 200);
  }

  /** One of the read routes: a task, a task list, the user's tasks, the datasets, a project. */
  ChainBuilder read() {
    return randomSwitch()
        .on(
            percent(40.0).then(readTask()),
            percent(20.0)
                .then(
                    call(
                        "POST " + api + "/tasks/list",
                        h ->
                            h.post(api + "/tasks/list")
                                .body(
                                    StringBody(
                                        s ->
                                            "{\"project\":\"" + setup().incrementProject() + "\"}"))
                                .header("Content-Type", "application/json"),
                        200)),
            percent(15.0)
                .then(call("GET " + api + "/user/tasks", h -> h.get(api + "/user/tasks"), 200)),
            percent(15.0)
                .then(call("GET " + api + "/datasets", h -> h.get(api + "/datasets"), 200)),
            percent(10.0)
                .then(
                    call(
                        "GET " + api + "/projects/:name",
                        h -> h.get(s -> api + "/projects/" + setup().taskProject()),
                        200)));
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
