package org.wkcheck.server.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the reference server, and small builders. */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** An array of the nodes, in order. */
  public static ArrayNode array(java.util.stream.Stream<? extends JsonNode> nodes) {
    ArrayNode out = array();
    nodes.forEach(out::add);
    return out;
  }

  public static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** Parses a request body; anything that is not one complete JSON value is a 400. */
  public static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("Expected a JSON body, got an empty one");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("Invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Parses a JSON value given as text (a form field). */
  public static JsonNode parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("Missing " + what);
    }
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw ApiException.badRequest("Invalid JSON in " + what + ": " + e.getOriginalMessage());
    }
  }

  /** The error envelope {@code {"messages":[{"error":message}]}}. */
  public static ObjectNode error(String message) {
    ObjectNode o = object();
    o.putArray("messages").addObject().put("error", message);
    return o;
  }

  /** The success envelope {@code {"messages":[{"success":message}]}}. */
  public static ObjectNode success(String message) {
    ObjectNode o = object();
    o.putArray("messages").addObject().put("success", message);
    return o;
  }

  /** Adds {@code "messages":[{"success":message}]} to a body, as webKnossos does. */
  public static ObjectNode withSuccess(ObjectNode body, String message) {
    body.putArray("messages").addObject().put("success", message);
    return body;
  }
}
