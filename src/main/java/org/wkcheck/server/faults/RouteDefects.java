package org.wkcheck.server.faults;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.wkcheck.server.http.Answer;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.RouteFilter;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.User;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defects that sit around routes ({@link RouteFilter}s): who the caller is, which versions are
 * routed, the status or body of an answer, and the parameters a route reads. A parameter a route
 * "ignores" is taken away only when the route would have accepted it, so that a malformed one is
 * still refused as before.
 */
final class RouteDefects {
  private RouteDefects() {}

  /** The routes that take {@code isFinished} and {@code limit} (the user's annotation lists). */
  private static final String[] USER_LISTS = {
    "GET /user/tasks",
    "GET /users/{id}/tasks",
    "GET /user/annotations",
    "GET /users/{id}/annotations"
  };

  // --- authentication and routing -------------------------------------------------------------

  static void projectsWithoutLogin(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          if (call.viewer() == null && call.token() == null) {
            call.actAs(firstAdmin(call));
          }
          next.proceed();
        },
        "GET /projects");
  }

  static void invalidTokenAccepted(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          if (call.viewer() == null && call.token() != null) {
            call.actAs(firstAdmin(call));
          }
          next.proceed();
        },
        "GET /teams");
  }

  private static User firstAdmin(Call call) {
    return call.world()
        .read(() -> call.world().users().stream().filter(u -> u.isAdmin).findFirst().orElse(null));
  }

  static void versionPrefixNotRouted(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          if (call.apiVersion().filter(v -> v == 3).isPresent()) {
            throw ApiException.notFound(
                "No such route: " + call.ctx().method() + " " + call.ctx().path());
          }
          next.proceed();
        });
  }

  // --- answers --------------------------------------------------------------------------------

  static void buildInfoAsHtml(FaultLayer layer) {
    layer.filter(
        (call, next) ->
            call.answer(Answer.text(200, "text/html", "<html><body>webKnossos</body></html>")),
        "GET /buildinfo");
  }

  static void taskDataSetDroppedOneInTen(FaultLayer layer) {
    java.util.concurrent.atomic.AtomicLong answers = new java.util.concurrent.atomic.AtomicLong();
    layer.filter(
        (call, next) -> {
          next.proceed();
          Answer a = call.answer();
          if (a != null
              && a.status() == 200
              && a.json() instanceof tools.jackson.databind.node.ObjectNode task
              && answers.incrementAndGet() % 10 == 0) {
            task.remove("dataSet");
          }
        },
        "GET /tasks/{id}");
  }

  static void createProject201(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          next.proceed();
          call.answer(call.answer().withStatus(201));
        },
        "POST /projects");
  }

  // --- answers that misreport a write the route made as documented ------------------------------

  /** The JSON object a route answers with 200 is rewritten after the route did its work. */
  private static void answered(
      FaultLayer layer, java.util.function.BiConsumer<Call, ObjectNode> rewrite, String... routes) {
    layer.filter(
        (call, next) -> {
          next.proceed();
          Answer a = call.answer();
          if (a != null && a.status() == 200 && a.json() instanceof ObjectNode o) {
            rewrite.accept(call, o);
          }
        },
        routes);
  }

  static void uploadAnswersTypTask(FaultLayer layer) {
    answered(
        layer,
        (call, o) -> {
          if (o.get("annotation") instanceof ObjectNode annotation) {
            annotation.put("typ", "Task");
          }
        },
        "POST /annotations/upload");
  }

  static void duplicateAnswersTypTask(FaultLayer layer) {
    answered(layer, (call, o) -> o.put("typ", "Task"), "POST /annotations/{typ}/{id}/duplicate");
  }

  static void finishAnswersActive(FaultLayer layer) {
    answered(layer, (call, o) -> o.put("state", "Active"), "PATCH /annotations/{typ}/{id}/finish");
  }

  static void resetAnswersExplorational(FaultLayer layer) {
    answered(layer, (call, o) -> o.put("typ", "Explorational"), "PUT /annotations/Task/{id}/reset");
  }

  static void editAnswerWithoutTags(FaultLayer layer) {
    answered(layer, (call, o) -> o.putArray("tags"), "PATCH /annotations/{typ}/{id}/edit");
  }

  static void compoundInfoAnswersExplorational(FaultLayer layer) {
    answered(
        layer,
        (call, o) -> {
          if (call.path("typ").startsWith("Compound")) {
            o.put("typ", "Explorational");
          }
        },
        "GET /annotations/{typ}/{id}/info");
  }

  /** The edit is applied; the answer shows the name the annotation had before it. */
  static void editAnswersOldName(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          String id = call.path("id");
          String old =
              call.world().read(() -> call.world().annotation(id).map(a -> a.name).orElse(null));
          next.proceed();
          Answer a = call.answer();
          if (old != null && a != null && a.status() == 200 && a.json() instanceof ObjectNode o) {
            o.put("name", old);
          }
        },
        "PATCH /annotations/{typ}/{id}/edit");
  }

  static void pauseAnswersUnpaused(FaultLayer layer) {
    answered(layer, (call, o) -> o.put("paused", false), "PATCH /projects/{name}/pause");
  }

  /**
   * The update is applied; the answer shows the priority, expectedTime and isBlacklistedFromReport
   * the project had before it.
   */
  static void projectUpdateAnswersOldValues(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          User viewer = call.viewer();
          String name = call.path("name");
          org.wkcheck.server.world.Project p =
              viewer == null
                  ? null
                  : call.world()
                      .read(() -> call.world().project(viewer.organization, name).orElse(null));
          long priority = p == null ? 0 : p.priority;
          Long expectedTime = p == null ? null : p.expectedTime;
          boolean blacklisted = p != null && p.isBlacklistedFromReport;
          next.proceed();
          Answer a = call.answer();
          if (p != null && a != null && a.status() == 200 && a.json() instanceof ObjectNode o) {
            o.put("priority", priority);
            if (expectedTime == null) {
              o.putNull("expectedTime");
            } else {
              o.put("expectedTime", expectedTime);
            }
            o.put("isBlacklistedFromReport", blacklisted);
          }
        },
        "PUT /projects/{name}");
  }

  static void unknownTask500(FaultLayer layer) {
    // a server error where 404 is due
    refusalAsServerError(
        layer,
        404,
        (call, e) -> {
          String id = call.path("id");
          return call.world().read(() -> call.world().task(id).isEmpty()) ? "no task " + id : null;
        },
        "GET /tasks/{id}",
        "PUT /tasks/{id}",
        "DELETE /tasks/{id}",
        "GET /tasks/{id}/annotations");
  }

  static void malformedJson500(FaultLayer layer) {
    // 500 where 400 is due
    refusalAsServerError(
        layer,
        400,
        (call, e) -> isJson(call.body()) ? null : "cannot parse the body: " + e.getMessage(),
        "POST /projects");
  }

  /**
   * On the routes, a refusal with {@code status} becomes a server error when {@code message} gives
   * one for the call and the refusal (null: the refusal stands). The IllegalStateException has no
   * cause: the server would find the ApiException there and answer it instead.
   */
  private static void refusalAsServerError(
      FaultLayer layer,
      int status,
      BiFunction<Call, ApiException, String> message,
      String... routes) {
    layer.filter(
        (call, next) -> {
          try {
            next.proceed();
          } catch (ApiException e) {
            String error = e.status() == status ? message.apply(call, e) : null;
            if (error != null) {
              throw new IllegalStateException(error);
            }
            throw e;
          }
        },
        routes);
  }

  private static boolean isJson(byte[] body) {
    try {
      Json.parse(body);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  static void partialFailure400(FaultLayer layer) {
    layer.filter(
        (call, next) -> {
          next.proceed(); // the tasks that could be created are created
          for (JsonNode entry : call.answer().json().path("tasks")) {
            if (entry.path("status").asInt() != 200) {
              throw ApiException.badRequest("Some tasks could not be created");
            }
          }
        },
        "POST /tasks");
  }

  // --- parameters read ------------------------------------------------------------------------

  /** A filter that only changes what the route reads. */
  private static RouteFilter reading(java.util.function.Consumer<Call> rewrites) {
    return (call, next) -> {
      rewrites.accept(call);
      next.proceed();
    };
  }

  static void taskOpenInstancesRenamed(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteBody(RouteDefects::pendingInstancesOnly)), "PUT /tasks/{id}");
    layer.filter(
        reading(
            call ->
                call.rewriteBody(
                    tasks -> {
                      if (tasks.isArray()) {
                        tasks.forEach(RouteDefects::pendingInstancesOnly);
                      }
                      return tasks;
                    })),
        "POST /tasks");
    layer.filter(
        reading(
            call -> call.rewriteForm("formJSON", inJsonText(RouteDefects::pendingInstancesOnly))),
        "POST /tasks/createFromFiles");
  }

  /** Task parameters read as if {@code openInstances} were called {@code pendingInstances}. */
  private static JsonNode pendingInstancesOnly(JsonNode task) {
    if (task instanceof ObjectNode o) {
      o.remove("openInstances");
      JsonNode pending = o.remove("pendingInstances");
      if (pending != null) {
        o.set("openInstances", pending);
      }
    }
    return task;
  }

  /** A rewrite of JSON given as text; text that is not JSON is left for the route to refuse. */
  private static UnaryOperator<String> inJsonText(UnaryOperator<JsonNode> rewrite) {
    return text -> {
      if (text == null || text.isBlank()) {
        return text;
      }
      try {
        return Json.MAPPER.writeValueAsString(rewrite.apply(Json.MAPPER.readTree(text)));
      } catch (JacksonException e) {
        return text;
      }
    };
  }

  static void usersIsAdminIgnored(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteQuery("isAdmin", RouteDefects::unlessBoolean)), "GET /users");
  }

  static void datasetsIsActiveInverted(FaultLayer layer) {
    layer.filter(
        reading(
            call ->
                call.rewriteQuery(
                    "isActive", v -> "true".equals(v) ? "false" : "false".equals(v) ? "true" : v)),
        "GET /datasets");
  }

  static void userTasksIsFinishedIgnored(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteQuery("isFinished", RouteDefects::unlessBoolean)),
        "GET /user/tasks",
        "GET /users/{id}/tasks");
  }

  /** Absent instead of {@code true} or {@code false}. */
  private static String unlessBoolean(String v) {
    return "true".equals(v) || "false".equals(v) ? null : v;
  }

  static void limitOffByOne(FaultLayer layer) {
    layer.filter(
        reading(
            call ->
                call.rewriteQuery(
                    "limit",
                    v -> {
                      Long n = nonNegativeLong(v);
                      return n == null || n == Long.MAX_VALUE ? v : Long.toString(n + 1);
                    })),
        USER_LISTS);
  }

  static void limitDefault500(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteQuery("limit", v -> v == null ? "500" : v)), USER_LISTS);
  }

  static void incrementDeltaIgnored(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteQuery("delta", v -> nonNegativeLong(v) == null ? v : null)),
        "PATCH /projects/{name}/incrementEachTasksInstances");
  }

  /** The value as the route reads an integer query parameter, if it would accept it. */
  private static Long nonNegativeLong(String v) {
    try {
      long n = Long.parseLong(v.trim());
      return n < 0 ? null : n;
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }

  static void taskListUserIgnored(FaultLayer layer) {
    layer.filter(
        reading(call -> call.rewriteBody(query -> withoutIds(query, "user", "user"))),
        "POST /tasks/list");
  }

  static void taskListTasktypeIgnored(FaultLayer layer) {
    // the route reads tasktype, or webKnossos' own spelling taskType when tasktype is absent
    layer.filter(
        reading(
            call ->
                call.rewriteBody(
                    query ->
                        present(query, "tasktype")
                            ? withoutIds(query, "tasktype", "tasktype", "taskType")
                            : withoutIds(query, "taskType", "taskType"))),
        "POST /tasks/list");
  }

  /** {@code query} without {@code fields} when {@code read} holds an id the route would take. */
  private static JsonNode withoutIds(JsonNode query, String read, String... fields) {
    JsonNode v = query.get(read);
    if (query instanceof ObjectNode o
        && v != null
        && v.isString()
        && Ids.isObjectId(v.stringValue())) {
      for (String f : fields) {
        o.remove(f);
      }
    }
    return query;
  }

  private static boolean present(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && !v.isNull();
  }

  static void editIgnoresTags(FaultLayer layer) {
    layer.filter(
        reading(
            call ->
                call.rewriteBody(
                    edit -> {
                      if (edit instanceof ObjectNode o && isStringList(o.get("tags"))) {
                        o.remove("tags");
                      }
                      return edit;
                    })),
        "PATCH /annotations/{typ}/{id}/edit");
  }

  private static boolean isStringList(JsonNode v) {
    if (v == null || !v.isArray()) {
      return false;
    }
    for (JsonNode e : v) {
      if (!e.isString()) {
        return false;
      }
    }
    return true;
  }

  static void createGroupIgnored(FaultLayer layer) {
    layer.filter(
        reading(
            call ->
                call.rewriteForm("createGroupForEachFile", v -> "true".equals(v) ? "false" : v)),
        "POST /annotations/upload");
  }
}
