package org.wkcheck.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wkcheck.server.api.AllRoutes;
import org.wkcheck.server.faults.FaultLayer;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.KnownCapacity;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.UploadBudget;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.server.world.World;

/**
 * The embedded reference server: every documented route of the webKnossos REST API, in memory, on
 * the deterministic seeded world. Answers every error with the documented envelope {@code
 * {"messages":[{"error":"..."}]}}; a 5xx means a bug in this server.
 */
public final class ReferenceServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);

  private final Javalin app;
  private final World world;
  private final List<Router.Route> routes;
  private final String host;
  private final UploadBudget uploadBudget;

  private ReferenceServer(
      Javalin app, World world, List<Router.Route> routes, String host, UploadBudget uploadBudget) {
    this.app = app;
    this.world = world;
    this.routes = routes;
    this.host = host;
    this.uploadBudget = uploadBudget;
  }

  /** Starts a server on a fresh seeded world. */
  public static ReferenceServer start(ServerOptions options) {
    return start(options, SeedWorld.create());
  }

  public static ReferenceServer start(ServerOptions asked, World world) {
    // the faults asked for (none for a conforming server) change the server at its seams only
    FaultLayer faults = FaultLayer.of(asked.faults());
    ServerOptions options = faults.options(asked);
    Router[] router = new Router[1];
    UploadBudget uploadBudget = new UploadBudget(options.uploadMemoryBytes());
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = options.host();
              cfg.jetty.port = options.port();
              cfg.http.maxRequestSize = options.maxJsonBodyBytes();
              cfg.jetty.multipartConfig.maxTotalRequestSize(
                  options.maxUploadBytes(), SizeUnit.BYTES);
              cfg.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
              cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              // counts every request body as it is read; Javalin nests its handlers inside
              cfg.jetty.modifyServer(
                  server ->
                      server.setHandler(
                          options.capacity() == null
                              ? uploadBudget.handler()
                              : new KnownCapacity(options.capacity())
                                  .handler(uploadBudget.handler())));

              cfg.routes.before(ctx -> rejectOversized(ctx, options));
              router[0] =
                  new Router(
                      cfg.routes,
                      world,
                      AllRoutes.OLDEST_API_VERSION,
                      AllRoutes.CURRENT_API_VERSION,
                      faults.routeFilters());
              AllRoutes.register(
                  router[0], world, options.compoundCacheTtl(), faults.views(), faults.effects());

              cfg.routes.exception(
                  ApiException.class,
                  (e, ctx) -> {
                    refuse(ctx, e, options);
                  });
              // no route of the request's method fits: the router says 405 (with Allow) or 404
              cfg.routes.exception(
                  EndpointNotFound.class, (e, ctx) -> refuse(ctx, router[0].noRoute(ctx), options));
              cfg.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
              cfg.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    ApiException api = apiExceptionIn(e);
                    if (api != null) { // such as a refused reservation while Jetty read the body
                      refuse(ctx, api, options);
                      return;
                    }
                    Integer clientError = clientErrorIn(e);
                    if (clientError != null) {
                      error(ctx, clientError, "Malformed request: " + e.getMessage());
                      return;
                    }
                    if (!faults.isEmpty()) {
                      LOG.debug("Failure (faults are on) on {} {}", ctx.method(), ctx.path(), e);
                    } else {
                      LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                    }
                    error(ctx, 500, "Internal error of the reference server: " + e);
                  });
              cfg.routes.error(
                  404,
                  ctx ->
                      fillIfEmpty(
                          ctx, "No such route: " + Router.answeredAs(ctx) + " " + ctx.path()));
              cfg.routes.error(
                  405,
                  ctx ->
                      fillIfEmpty(
                          ctx,
                          "Method " + Router.answeredAs(ctx) + " is not allowed on " + ctx.path()));
              cfg.routes.error(413, ctx -> fillIfEmpty(ctx, "Request body too large"));
            });
    app.start();
    return new ReferenceServer(app, world, router[0].registered(), options.host(), uploadBudget);
  }

  /** Refuses a request whose declared length exceeds the limit before reading any of it. */
  private static void rejectOversized(Context ctx, ServerOptions options) {
    long length = ctx.req().getContentLengthLong();
    boolean multipart = ctx.isMultipartFormData();
    long limit = multipart ? options.maxUploadBytes() : options.maxJsonBodyBytes();
    if (length > limit) {
      throw new ApiException(
          413, "Request body of " + length + " bytes exceeds the limit of " + limit + " bytes");
    }
  }

  /**
   * Answers a refused request with its error, after reading what is left of its body (unless it is
   * too large: 413).
   */
  private static void refuse(Context ctx, ApiException e, ServerOptions options) {
    if (e.status() != 413) {
      UploadBudget.drainRefusedBody(
          ctx, Math.max(options.maxUploadBytes(), options.maxJsonBodyBytes()));
      drainBody(ctx);
    }
    apiError(ctx, e);
  }

  /**
   * Reads what is left of a refused request's body, so the client receives the answer instead of a
   * broken pipe (Jetty closes connections with unread request bodies). Oversized bodies are not
   * read: their answer is 413 and the connection is closed.
   */
  private static void drainBody(Context ctx) {
    try {
      ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (Exception ignored) {
      // the client went away, or the body was already read: nothing to drain
    }
  }

  /**
   * The 4xx status of a malformed request that Jetty detected deep inside, if that is the cause.
   */
  private static Integer clientErrorIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException bad
          && bad.getCode() >= 400
          && bad.getCode() < 500) {
        return bad.getCode();
      }
    }
    return null;
  }

  /** The ApiException that caused {@code e}, if one did. */
  private static ApiException apiExceptionIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        return api;
      }
    }
    return null;
  }

  private static void apiError(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    error(ctx, e.status(), e.getMessage());
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).contentType(Call.JSON).result(Json.bytes(Json.error(message)));
  }

  private static void fillIfEmpty(Context ctx, String message) {
    if (ctx.result() == null || ctx.result().isEmpty()) {
      ctx.contentType(Call.JSON).result(Json.bytes(Json.error(message)));
    }
  }

  public int port() {
    return app.port();
  }

  /** The server's root URL, such as {@code http://127.0.0.1:41237}. */
  public String baseUrl() {
    String h = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    return "http://" + h + ":" + port();
  }

  public World world() {
    return world;
  }

  /** The memory budget of all requests in flight. */
  public UploadBudget uploadBudget() {
    return uploadBudget;
  }

  /** The documented routes this server answers (method and path template below /api). */
  public List<Router.Route> documentedRoutes() {
    return routes.stream().filter(Router.Route::documented).toList();
  }

  /** The set-up routes this server answers besides (webKnossos' own, not in the document). */
  public List<Router.Route> setUpRoutes() {
    return routes.stream().filter(r -> !r.documented()).toList();
  }

  @Override
  public void close() {
    app.stop();
  }
}
