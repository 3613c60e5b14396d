package org.wkcheck.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.JsonNode;

/**
 * One API request as the route handlers see it: the caller, parameters, body and answer. The answer
 * is kept ({@link #answer()}) and sent when the route and its {@link RouteFilter}s are done.
 */
public final class Call {
  public static final String JSON = "application/json";

  private final Context ctx;
  private final World world;
  private final String route;
  private User viewer;
  private byte[] body;
  private UnaryOperator<JsonNode> bodyRewrite = UnaryOperator.identity();
  private final Map<String, UnaryOperator<String>> queryRewrites = new HashMap<>();
  private final Map<String, UnaryOperator<String>> formRewrites = new HashMap<>();
  private Answer answer;

  Call(Context ctx, World world, String route, User viewer) {
    this.ctx = ctx;
    this.world = world;
    this.route = route;
    this.viewer = viewer;
  }

  public Context ctx() {
    return ctx;
  }

  public World world() {
    return world;
  }

  /** The route's method and path template below {@code /api}, such as {@code GET /tasks/{id}}. */
  public String route() {
    return route;
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

  /** Lets the request act as {@code user} from here on (for {@link RouteFilter}s). */
  public void actAs(User user) {
    this.viewer = user;
  }

  /** The {@code X-Auth-Token} sent, or null. */
  public String token() {
    return ctx.header(Router.TOKEN_HEADER);
  }

  /** The N of an {@code /api/vN} prefix, when the request has one. */
  public Optional<Integer> apiVersion() {
    return Optional.ofNullable(ctx.pathParamMap().get(Router.VERSION_PARAM)).map(Integer::valueOf);
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

  /** A query parameter as sent (after any rewrite), or null. */
  public String query(String name) {
    return queryRewrites.getOrDefault(name, UnaryOperator.identity()).apply(ctx.queryParam(name));
  }

  /** An optional boolean query parameter: exactly {@code true} or {@code false}, else 400. */
  public Optional<Boolean> booleanQuery(String name) {
    String v = query(name);
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
    String v = query(name);
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

  /** The body as JSON (after any rewrite); malformed or empty bodies are a 400. */
  public JsonNode jsonBody() {
    return bodyRewrite.apply(Json.parse(body()));
  }

  /** The body's bytes, read once. */
  public byte[] body() {
    if (body == null) {
      body = ctx.bodyAsBytes();
    }
    return body;
  }

  /** A form field of a multipart body (after any rewrite), or null. */
  public String formField(String name) {
    return formRewrites.getOrDefault(name, UnaryOperator.identity()).apply(ctx.formParam(name));
  }

  /**
   * Changes what the route reads as query parameter {@code name}: {@code rewrite} gets the value
   * sent (null when absent) and gives the value read (null for absent). Rewrites of one name apply
   * in the order they were made.
   */
  public void rewriteQuery(String name, UnaryOperator<String> rewrite) {
    queryRewrites.merge(name, rewrite, Call::andThen);
  }

  /** Changes what the route reads as its JSON body, once it parsed. */
  public void rewriteBody(UnaryOperator<JsonNode> rewrite) {
    bodyRewrite = andThen(bodyRewrite, rewrite);
  }

  /** Changes what the route reads as the form field {@code name} (null when absent). */
  public void rewriteForm(String name, UnaryOperator<String> rewrite) {
    formRewrites.merge(name, rewrite, Call::andThen);
  }

  private static <T> UnaryOperator<T> andThen(UnaryOperator<T> first, UnaryOperator<T> second) {
    return v -> second.apply(first.apply(v));
  }

  public void ok(JsonNode body) {
    json(200, body);
  }

  public void json(int status, JsonNode body) {
    answer(Answer.json(status, body));
  }

  /**
   * A download: the bytes as an attachment with the given file name, sent as a chunked stream (the
   * document says "as chunked file stream").
   */
  public void file(String contentType, String fileName, byte[] bytes) {
    answer(Answer.file(contentType, fileName, bytes));
  }

  /** The answer so far, or null. */
  public Answer answer() {
    return answer;
  }

  public void answer(Answer newAnswer) {
    this.answer = newAnswer;
  }

  /** Sends the answer. Downloads go out without a length: the headers before the body. */
  void send() throws IOException {
    if (answer == null) {
      return;
    }
    ctx.status(answer.status()).contentType(answer.contentType());
    if (answer.json() != null) {
      ctx.result(Json.bytes(answer.json()));
      return;
    }
    if (!answer.isFile()) {
      ctx.result(answer.body());
      return;
    }
    if (answer.attachment()) {
      ctx.header("Content-Disposition", "attachment;filename=\"" + answer.fileName() + "\"");
    }
    byte[] bytes = answer.body();
    OutputStream out = ctx.res().getOutputStream();
    if (!answer.streamed()) { // the whole file with its length, as a buffering proxy would send it
      ctx.res().setContentLengthLong(bytes.length);
      out.write(bytes);
      out.flush();
      return;
    }
    out.flush(); // commits the headers without a length: HTTP/1.1 then frames the body in chunks
    for (int off = 0; off < bytes.length; off += CHUNK) {
      out.write(bytes, off, Math.min(CHUNK, bytes.length - off));
    }
    out.flush();
  }

  private static final int CHUNK = 64 * 1024;
}
