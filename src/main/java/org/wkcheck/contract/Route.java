package org.wkcheck.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A documented route of the route catalog. {@code id} is {@code "<METHOD> <path>"} with the path as
 * the document writes it below {@code /api}, parameters as {@code :name}.
 */
public record Route(
    String id,
    String group,
    String summary,
    String auth,
    Map<String, Param> pathParams,
    Map<String, Param> queryParams,
    Body request,
    Map<String, Response> responses) {

  /**
   * A path or query parameter: its type ({@code objectId}, {@code string}, {@code integer}, {@code
   * boolean}).
   */
  public record Param(
      String type,
      List<String> values,
      String description,
      @com.fasterxml.jackson.annotation.JsonProperty("default") Object defaultValue) {}

  /** A request body: its content type, and the schema of its JSON (or of a JSON form field). */
  public record Body(String contentType, String schema, String formField) {}

  /**
   * An answer: the content types it may have, the schema of a JSON body, and the NML schema (XSD)
   * for an NML body.
   */
  public record Response(List<String> contentTypes, String schema, String nml) {}

  public String method() {
    return id.substring(0, id.indexOf(' '));
  }

  /** The path template, e.g. {@code /tasks/:id}. */
  public String path() {
    return id.substring(id.indexOf(' ') + 1);
  }

  public List<String> segments() {
    return List.of(path().substring(1).split("/"));
  }

  /**
   * The answer documented for a status: the exact code, else its class ({@code 4xx}), else {@code
   * default}.
   */
  public Optional<Response> responseFor(int status) {
    Response r = responses.get(Integer.toString(status));
    if (r == null) {
      r = responses.get((status / 100) + "xx");
    }
    if (r == null) {
      r = responses.get("default");
    }
    return Optional.ofNullable(r);
  }
}
