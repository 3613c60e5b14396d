package org.wkcheck.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * Registers API routes under {@code /api} and under {@code /api/vN} for every supported version N,
 * and runs what every route shares: the checks of the API version and the caller's token, the
 * {@link RouteFilter}s, and sending the answer.
 *
 * <p>Where the document is silent, HTTP's rules (RFC 9110): {@code HEAD} on every {@code GET} route
 * answers as {@code GET} does, without the body; {@code OPTIONS} on a path that names a resource
 * answers 204 with {@code Allow}; a method the resource does not have is a 405 with {@code Allow}.
 * A path <em>names a resource</em> when it fits a route's template with every parameter well-formed
 * ({@link #parameter}: an ObjectId where an id is due, a documented {@code :typ}, a supported
 * version), so {@code GET /api/annotations/<id>/info}, which only the shape of {@code DELETE
 * /annotations/:typ/:id} fits, is a 404 and not a 405. Whether the entity exists is not looked up:
 * that is the route's own 404, and 405 versus 404 does not tell anyone what exists.
 */
public final class Router {
  /** Who may call a route. */
  public enum Auth {
    /** Anyone; the token is not looked at. */
    PUBLIC,
    /** Anyone; a valid token identifies the caller, an unknown one counts as anonymous. */
    OPTIONAL,
    /** Only callers with a valid {@code X-Auth-Token}; others get 401. */
    REQUIRED
  }

  /** A route's behaviour. */
  @FunctionalInterface
  public interface ApiHandler {
    void handle(Call call) throws Exception;
  }

  /**
   * A route as registered: method and path template below {@code /api}; {@code documented} is false
   * for set-up routes that are not part of the documented contract.
   */
  public record Route(String method, String path, Auth auth, boolean documented) {}

  public static final String TOKEN_HEADER = "X-Auth-Token";
  static final String VERSION_PARAM = "apiVersion";

  private final RoutesConfig routes;
  private final World world;
  private final int oldestVersion;
  private final int currentVersion;
  private final List<RouteFilter> filters;
  private final List<Route> registered = new ArrayList<>();
  private final Map<String, Predicate<String>> parameters = new HashMap<>();

  /** The order in which {@code Allow} lists methods; others follow in registration order. */
  private static final List<String> METHOD_ORDER =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** A router that runs every route inside {@code filters}, the first outermost. */
  public Router(
      RoutesConfig routes,
      World world,
      int oldestVersion,
      int currentVersion,
      List<RouteFilter> filters) {
    this.routes = routes;
    this.world = world;
    this.oldestVersion = oldestVersion;
    this.currentVersion = currentVersion;
    this.filters = List.copyOf(filters);
    routes.addHttpHandler(HandlerType.OPTIONS, "/*", this::options);
  }

  /**
   * Declares what path parameter {@code name} must look like for a path to name a resource (a 405
   * rather than a 404 for another method, {@code OPTIONS} answering at all). Undeclared parameters
   * take any segment. The route itself still decides what a malformed value is (mostly a 400).
   */
  public void parameter(String name, Predicate<String> wellFormed) {
    parameters.put(name, wellFormed);
  }

  public List<Route> registered() {
    return Collections.unmodifiableList(registered);
  }

  public void get(String path, Auth auth, ApiHandler h) {
    add(HandlerType.GET, path, auth, h);
  }

  public void post(String path, Auth auth, ApiHandler h) {
    add(HandlerType.POST, path, auth, h);
  }

  public void put(String path, Auth auth, ApiHandler h) {
    add(HandlerType.PUT, path, auth, h);
  }

  public void patch(String path, Auth auth, ApiHandler h) {
    add(HandlerType.PATCH, path, auth, h);
  }

  public void delete(String path, Auth auth, ApiHandler h) {
    add(HandlerType.DELETE, path, auth, h);
  }

  /**
   * Registers {@code /api<path>} and {@code /api/v{N}<path>}. Path parameters use Javalin's {@code
   * {name}} syntax.
   */
  public void add(HandlerType method, String path, Auth auth, ApiHandler h) {
    add(method, path, auth, h, true);
  }

  /** Registers a route that the document does not describe but clients need to set up state. */
  public void addSetUpRoute(HandlerType method, String path, Auth auth, ApiHandler h) {
    add(method, path, auth, h, false);
  }

  private void add(HandlerType method, String path, Auth auth, ApiHandler h, boolean documented) {
    for (String segment : segments(path)) {
      if (!isParameter(segment) && (segment.contains("{") || segment.contains("}"))) {
        throw new IllegalArgumentException("a parameter must be a whole segment: " + path);
      }
    }
    Handler handler = ctx -> handle(ctx, method.name() + " " + path, auth, h);
    addBothPrefixes(method, path, handler);
    if (method == HandlerType.GET) {
      // HEAD runs the GET route (as GET, filters included); Jetty sends the headers, not the body
      addBothPrefixes(HandlerType.HEAD, path, handler);
    }
    registered.add(new Route(method.name(), path, auth, documented));
  }

  private void addBothPrefixes(HandlerType method, String path, Handler handler) {
    routes.addHttpHandler(method, "/api" + path, handler);
    routes.addHttpHandler(method, "/api/v{" + VERSION_PARAM + "}" + path, handler);
  }

  private void handle(Context ctx, String route, Auth auth, ApiHandler h) throws Exception {
    checkVersion(ctx);
    if (!wellFormed(ctx.pathParamMap())) {
      // only the shape of this route fits; if the path names a resource of other methods, say so
      Set<String> allowed = allowedMethods(ctx.path());
      String method = answeredAs(ctx);
      if (!allowed.isEmpty() && !allowed.contains(method)) {
        throw ApiException.methodNotAllowed(method, ctx.path(), allow(allowed));
      }
    }
    User viewer = null;
    if (auth != Auth.PUBLIC) {
      String token = ctx.header(TOKEN_HEADER);
      viewer = token == null ? null : world.read(() -> world.userByToken(token).orElse(null));
    }
    Call call = new Call(ctx, world, route, viewer);
    filtered(
        call,
        0,
        () -> {
          if (auth == Auth.REQUIRED && call.viewer() == null) {
            throw ApiException.unauthorized();
          }
          h.handle(call);
        });
    call.send();
  }

  /**
   * The refusal of a request that no route of its method fits: 405 with {@code Allow} when the path
   * names a resource of other methods, else 404.
   */
  public ApiException noRoute(Context ctx) {
    String method = answeredAs(ctx);
    Set<String> allowed = allowedMethods(ctx.path());
    if (allowed.isEmpty() || allowed.contains(method)) {
      return ApiException.notFound("No such route: " + method + " " + ctx.path());
    }
    return ApiException.methodNotAllowed(method, ctx.path(), allow(allowed));
  }

  /**
   * The method whose answer a request gets: HEAD gets GET's (RFC 9110, section 9.3.2), so its
   * messages, and with them its {@code Content-Length}, are GET's too.
   */
  public static String answeredAs(Context ctx) {
    String method = ctx.method().name();
    return method.equals("HEAD") ? "GET" : method;
  }

  /** {@code OPTIONS}: 204 with {@code Allow} on a path that names a resource, else 404. */
  private void options(Context ctx) {
    Set<String> allowed = allowedMethods(ctx.path());
    if (allowed.isEmpty()) {
      throw ApiException.notFound("No such route: OPTIONS " + ctx.path());
    }
    ctx.status(204).header("Allow", allow(allowed));
    ctx.res().setContentType(null); // no body, so no type (Javalin sets its default up front)
  }

  /**
   * The methods of the resource that {@code requestPath} (the whole path, {@code /api/...}) names:
   * of every route whose template it fits with well-formed parameters, plus HEAD with GET and
   * OPTIONS with any; empty when it names none.
   */
  private Set<String> allowedMethods(String requestPath) {
    List<String> below = belowApi(requestPath);
    Set<String> found = new LinkedHashSet<>();
    if (below == null) {
      return found;
    }
    List<List<String>> candidates = new ArrayList<>();
    candidates.add(below);
    if (!below.isEmpty() && isSupportedVersion(below.get(0))) {
      candidates.add(below.subList(1, below.size()));
    }
    for (Route r : registered) {
      List<String> template = segments(r.path());
      if (candidates.stream().anyMatch(c -> fits(template, c))) {
        found.add(r.method());
      }
    }
    if (found.isEmpty()) {
      return found;
    }
    if (found.contains("GET")) {
      found.add("HEAD");
    }
    found.add("OPTIONS");
    Set<String> ordered = new LinkedHashSet<>();
    METHOD_ORDER.stream().filter(found::contains).forEach(ordered::add);
    ordered.addAll(found);
    return ordered;
  }

  private static String allow(Set<String> methods) {
    return String.join(", ", methods);
  }

  /**
   * The decoded segments of a request path after {@code /api} (a trailing slash ignored, as Javalin
   * does), or null when it is not under {@code /api} or cannot be decoded.
   */
  private static List<String> belowApi(String requestPath) {
    if (requestPath == null || !requestPath.startsWith("/")) {
      return null;
    }
    String p =
        requestPath.endsWith("/")
            ? requestPath.substring(0, requestPath.length() - 1)
            : requestPath;
    List<String> raw = List.of(p.substring(1).split("/", -1));
    if (raw.isEmpty() || !raw.get(0).equals("api")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String segment : raw.subList(1, raw.size())) {
      try {
        out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformedEscape) {
        return null;
      }
    }
    return out;
  }

  private static List<String> segments(String template) {
    return List.of(template.substring(1).split("/", -1));
  }

  private static boolean isParameter(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  private boolean fits(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return false;
    }
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      String v = path.get(i);
      boolean ok =
          isParameter(t)
              ? !v.isEmpty() && isWellFormed(t.substring(1, t.length() - 1), v)
              : t.equals(v);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every path parameter of a matched route is well-formed (the version is checked apart).
   */
  private boolean wellFormed(Map<String, String> pathParams) {
    return pathParams.entrySet().stream()
        .filter(e -> !e.getKey().equals(VERSION_PARAM))
        .allMatch(e -> isWellFormed(e.getKey(), e.getValue()));
  }

  private boolean isWellFormed(String parameter, String value) {
    return parameters.getOrDefault(parameter, v -> true).test(value);
  }

  /** Whether {@code segment} is {@code vN} for a version N this server routes. */
  private boolean isSupportedVersion(String segment) {
    Integer version = segment.startsWith("v") ? version(segment.substring(1)) : null;
    return version != null && version >= oldestVersion && version <= currentVersion;
  }

  private void filtered(Call call, int i, RouteFilter.Next route) throws Exception {
    if (i == filters.size()) {
      route.proceed();
    } else {
      filters.get(i).filter(call, () -> filtered(call, i + 1, route));
    }
  }

  private void checkVersion(Context ctx) {
    String v = ctx.pathParamMap().get(VERSION_PARAM);
    if (v == null) {
      return;
    }
    Integer version = version(v);
    if (version == null) {
      throw ApiException.notFound("No such route: " + answeredAs(ctx) + " " + ctx.path());
    }
    if (version < oldestVersion || version > currentVersion) {
      throw ApiException.notFound(
          "This server does not support the requested HTTP API version. Client requested "
              + version
              + " but must be at least "
              + oldestVersion
              + " and at most "
              + currentVersion
              + ".");
    }
  }

  /** The N of a {@code vN} prefix as routed, or null when it is no number. */
  private static Integer version(String n) {
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
