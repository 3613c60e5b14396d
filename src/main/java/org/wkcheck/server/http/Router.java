package org.wkcheck.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * Registers API routes under {@code /api} and under {@code /api/vN} for every supported version N,
 * and runs what every route shares: the checks of the API version and the caller's token, the
 * {@link RouteFilter}s, and sending the answer.
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
    Handler handler = ctx -> handle(ctx, method.name() + " " + path, auth, h);
    routes.addHttpHandler(method, "/api" + path, handler);
    routes.addHttpHandler(method, "/api/v{" + VERSION_PARAM + "}" + path, handler);
    registered.add(new Route(method.name(), path, auth, documented));
  }

  private void handle(Context ctx, String route, Auth auth, ApiHandler h) throws Exception {
    checkVersion(ctx);
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
    int version;
    try {
      version = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("No such route: " + ctx.method() + " " + ctx.path());
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
}
