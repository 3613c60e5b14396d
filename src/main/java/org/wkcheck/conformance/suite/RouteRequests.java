package org.wkcheck.conformance.suite;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.Route;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlWriter;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Concrete requests for every route of the route catalog, aimed only at objects the suite made (a
 * project, a task, an explorational annotation, a task annotation), with a well-formed body. The
 * cross-cutting tests (auth, bad input) send them, changed in one way each.
 */
final class RouteRequests {
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The suite's own objects the requests aim at. */
  record Objects(
      String userId,
      String projectName,
      String taskId,
      String explorationalId,
      String taskAnnotationId) {}

  private final Target target;
  private final Fixtures fixtures;
  private final Objects objects;

  RouteRequests(Target target, Fixtures fixtures) {
    this.target = target;
    this.fixtures = fixtures;
    JsonNode project = fixtures.project();
    String projectName = project.path("name").asString();
    String taskId = fixtures.tasks(projectName, 1, 1).get(0).path("success").path("id").asString();
    String explorational = fixtures.upload(false, fixtures.nml(List.of()));
    this.objects =
        new Objects(
            fixtures.mainUser().path("id").asString(), projectName, taskId, explorational, null);
  }

  Objects objects() {
    return objects;
  }

  static List<Route> routes() {
    return Contract.documented().routes().routes();
  }

  static Route route(String id) {
    return routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** The route's path with the suite's objects filled in. */
  String path(Route r) {
    Matcher m = PARAM.matcher(r.path());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(r, m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(Route r, String param) {
    String p = r.path();
    return switch (param) {
      case "typ", "mergedTyp" -> "Explorational";
      case "mergedId" -> objects.explorationalId();
      case "name" -> objects.projectName();
      case "organizationName" -> target.world().organization();
      case "dataSetName" -> target.world().dataset();
      case "id" ->
          p.startsWith("/users/")
              ? objects.userId()
              : p.startsWith("/tasks/") ? objects.taskId() : objects.explorationalId();
      default -> throw new IllegalArgumentException("no value for :" + param + " of " + r.id());
    };
  }

  /** A well-formed body for the route, on the given request. */
  RequestSpecification withBody(Route r, RequestSpecification req) {
    String id = r.id();
    if (id.equals("POST /annotations/upload")) {
      return req.multiPart("createGroupForEachFile", "false")
          .multiPart(
              "nmlFile",
              fixtures.name("auth") + ".nml",
              NmlWriter.toBytes(fixtures.nml(List.of())),
              "application/xml");
    }
    if (id.equals("POST /tasks/createFromFiles")) {
      JsonNode form = fixtures.taskParameters(objects.projectName(), 1);
      Nml nml = fixtures.nml(List.of());
      return req.multiPart("formJSON", form.toString(), "application/json")
          .multiPart(
              "nmlFile", fixtures.name("auth") + ".nml", NmlWriter.toBytes(nml), "application/xml");
    }
    String body =
        switch (id) {
          case "POST /tasks" -> "[" + fixtures.taskParameters(objects.projectName(), 1) + "]";
          case "PUT /tasks/:id" -> fixtures.taskParameters(objects.projectName(), 1).toString();
          case "POST /tasks/list" -> "{}";
          case "POST /projects" -> fixtures.projectBody(fixtures.name("auth"), 1).toString();
          case "PUT /projects/:name" -> fixtures.projectBody(objects.projectName(), 1).toString();
          case "PATCH /annotations/:typ/:id/edit" -> "{\"description\":\"wkcheck\"}";
          default -> null;
        };
    return body == null ? req : req.contentType("application/json").body(body);
  }

  Response send(Route r, RequestSpecification req) {
    return withBody(r, req).request(r.method(), path(r));
  }

  /**
   * What the suite's objects look like now, as the main user reads them (the project, its tasks,
   * the task, the explorational's info): compared with {@link Checks#sameObject}, a change by a
   * refused request shows as a difference.
   */
  JsonNode state(Api api) {
    ArrayNode s = JSON.createArrayNode();
    for (String path :
        List.of(
            "/projects/" + objects.projectName(),
            "/projects/" + objects.projectName() + "/tasks",
            "/tasks/" + objects.taskId(),
            "/annotations/Explorational/" + objects.explorationalId() + "/info")) {
      s.add(Checks.json(api.as(Role.ADMIN).get(path)));
    }
    return s;
  }

  /** Nothing changed since {@code before} was read with {@link #state}. */
  void unchangedSince(JsonNode before, Api api, String title) {
    Checks.sameObject(before, state(api), title);
  }
}
