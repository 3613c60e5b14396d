package org.wkcheck.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Reading fields of JSON request bodies with the documented types. A missing required field or a
 * wrong type is a 400 naming the field; {@code null} counts as absent for optional fields.
 */
public final class Fields {
  private static final Predicate<JsonNode> LONG = v -> v.isIntegralNumber() && v.canConvertToLong();
  private static final Predicate<JsonNode> INT = v -> v.isIntegralNumber() && v.canConvertToInt();

  private Fields() {}

  public static JsonNode requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(what + " must be a JSON object");
    }
    return node;
  }

  public static JsonNode requireArray(JsonNode node, String what) {
    if (node == null || !node.isArray()) {
      throw ApiException.badRequest(what + " must be a JSON list");
    }
    return node;
  }

  private static JsonNode present(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("Missing field \"" + field + "\"");
    }
    return v;
  }

  private static boolean absent(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull();
  }

  public static String requireString(JsonNode obj, String field) {
    return require(obj, field, JsonNode::isString, "a string", JsonNode::stringValue);
  }

  public static String optString(JsonNode obj, String field) {
    return absent(obj, field) ? null : requireString(obj, field);
  }

  public static long requireLong(JsonNode obj, String field) {
    return require(obj, field, LONG, "an integer", JsonNode::longValue);
  }

  public static int requireInt(JsonNode obj, String field) {
    return require(obj, field, INT, "an integer", JsonNode::intValue);
  }

  public static Integer optInt(JsonNode obj, String field) {
    return absent(obj, field) ? null : requireInt(obj, field);
  }

  public static Long optLong(JsonNode obj, String field) {
    return absent(obj, field) ? null : requireLong(obj, field);
  }

  public static boolean requireBoolean(JsonNode obj, String field) {
    return require(obj, field, JsonNode::isBoolean, "a boolean", JsonNode::booleanValue);
  }

  public static Boolean optBoolean(JsonNode obj, String field) {
    return absent(obj, field) ? null : requireBoolean(obj, field);
  }

  public static List<String> optStringList(JsonNode obj, String field) {
    if (absent(obj, field)) {
      return null;
    }
    JsonNode v = obj.get(field);
    if (!v.isArray()) {
      throw ApiException.badRequest("Field \"" + field + "\" must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isString()) {
        throw ApiException.badRequest("Field \"" + field + "\" must be a list of strings");
      }
      out.add(e.stringValue());
    }
    return out;
  }

  /** A list of exactly three numbers; {@code integers} demands integral ones. */
  public static double[] requireTriple(JsonNode obj, String field, boolean integers) {
    JsonNode v = present(obj, field);
    String kind = integers ? "integers" : "numbers";
    if (!v.isArray() || v.size() != 3) {
      throw ApiException.badRequest("Field \"" + field + "\" must be a list of three " + kind);
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber()
          || (integers && (!e.isIntegralNumber() || !e.canConvertToInt()))
          || !Double.isFinite(e.asDouble())) {
        throw ApiException.badRequest("Field \"" + field + "\" must be a list of three " + kind);
      }
      out[i] = e.asDouble();
    }
    return out;
  }

  public static JsonNode optObject(JsonNode obj, String field) {
    return absent(obj, field) ? null : requireObjectField(obj, field);
  }

  public static JsonNode requireObjectField(JsonNode obj, String field) {
    return require(obj, field, JsonNode::isObject, "a JSON object", v -> v);
  }

  /** The field, present and of the kind {@code is} accepts (else 400, naming {@code a} kind). */
  private static <T> T require(
      JsonNode obj, String field, Predicate<JsonNode> is, String a, Function<JsonNode, T> value) {
    JsonNode v = present(obj, field);
    if (!is.test(v)) {
      throw ApiException.badRequest("Field \"" + field + "\" must be " + a);
    }
    return value.apply(v);
  }
}
