package org.wkcheck.server.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;

/** One API request as the route handlers see it: the caller, parameters, body and answer. */
public final class Call {
  public static final String JSON = "application/json";

  private final Context ctx;
  private final World world;
  private final User viewer;

  Call(Context ctx, World world, User viewer) {
    this.ctx = ctx;
    this.world = world;
    this.viewer = viewer;
  }

  public Context ctx() {
    return ctx;
  }

  public World world() {
    return world;
  }

  /** The caller, or null when the request is anonymous (only on routes that allow it). */
  public User viewer() {
    return viewer;
  }

  /** The caller of a route that requires a login. */
  public User user() {
    if (viewer == null) {
      throw ApiException.unauthorized();
    }
    return viewer;
  }

  public String path(String name) {
    return ctx.pathParam(name);
  }

  /** A path segment that must be a 24-hex ObjectId; anything else is a 400. */
  public String objectId(String name) {
    String id = ctx.pathParam(name);
    if (!Ids.isObjectId(id)) {
      throw ApiException.badRequest("The passed resource id '" + id + "' is invalid");
    }
    return id;
  }

  /** An optional boolean query parameter: exactly {@code true} or {@code false}, else 400. */
  public Optional<Boolean> booleanQuery(String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return Optional.empty();
    }
    return switch (v) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default ->
          throw ApiException.badRequest(
              "Query parameter " + name + " must be true or false, not '" + v + "'");
    };
  }

  /** An optional integer query parameter; anything but an integer is a 400. */
  public Optional<Long> longQuery(String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Query parameter " + name + " must be an integer, not '" + v + "'");
    }
  }

  /** The body as JSON; malformed or empty bodies are a 400. */
  public JsonNode jsonBody() {
    return Json.parse(ctx.bodyAsBytes());
  }

  public void ok(JsonNode body) {
    json(200, body);
  }

  public void json(int status, JsonNode body) {
    ctx.status(status).contentType(JSON).result(Json.bytes(body));
  }

  /**
   * A download: the bytes as an attachment with the given file name, sent as a chunked stream (the
   * document says "as chunked file stream"): the headers go out before the body, so no {@code
   * Content-Length} is set.
   */
  public void file(String contentType, String fileName, byte[] bytes, boolean attachment)
      throws java.io.IOException {
    ctx.status(200).contentType(contentType);
    if (attachment) {
      ctx.header("Content-Disposition", "attachment;filename=\"" + fileName + "\"");
    }
    java.io.OutputStream out = ctx.res().getOutputStream();
    out.flush(); // commits the headers without a length: HTTP/1.1 then frames the body in chunks
    for (int off = 0; off < bytes.length; off += CHUNK) {
      out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
    }
    out.flush();
  }

  private static final int CHUNK = 64 * 1024;
}
