package org.wkcheck.conformance.checks;

import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A list route as one caller reads it, for the {@link ListChecks}: {@code GET path} with query
 * parameters answers 200 and a JSON list (its schema is checked by the tests of what the route
 * returns); {@code key} tells what identifies an entry (its id; a dataset's organization and name).
 *
 * @param route the route as titles name it, e.g. {@code GET /users/:id/tasks}
 * @param caller who reads it, for the actual values of failures (a role)
 */
public record ListRead(
    String route,
    String caller,
    Supplier<RequestSpecification> request,
    String path,
    Function<JsonNode, String> key) {

  /** A listing whose entries are identified by their {@code id}. */
  public static ListRead byId(
      String route, String caller, Supplier<RequestSpecification> request, String path) {
    return new ListRead(route, caller, request, path, e -> e.path("id").asString());
  }

  /** The entries for these query parameters (name, value, name, value, ...), checked. */
  public List<JsonNode> get(Object... query) {
    RequestSpecification req = request.get();
    for (int i = 0; i + 1 < query.length; i += 2) {
      req = req.queryParam((String) query[i], query[i + 1]);
    }
    Response r = req.get(path);
    status(r, 200);
    JsonNode body = json(r);
    that(body.isArray(), route + " answers a JSON list", "a JSON list", body.getNodeType());
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  /** The keys of the entries for these query parameters, in their order. */
  public List<String> keys(Object... query) {
    return get(query).stream().map(key).toList();
  }

  /** The keys of the entries for these query parameters, as a set (in their order). */
  public Set<String> keySet(Object... query) {
    return new LinkedHashSet<>(keys(query));
  }
}
