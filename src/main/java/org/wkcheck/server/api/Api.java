package org.wkcheck.server.api;

import java.time.Duration;
import org.wkcheck.server.faults.Fault;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.world.World;

/** Registers every route of the reference server. */
public final class Api {
  /** The API versions the server declares in {@code GET /buildinfo} and routes as /api/vN. */
  public static final int OLDEST_API_VERSION = 1;

  public static final int CURRENT_API_VERSION = 5;

  private Api() {}

  public static void register(Router r, World world, Duration compoundCacheTtl) {
    BuildInfoApi.register(r, OLDEST_API_VERSION, CURRENT_API_VERSION);
    // The set-up routes go first: /user/tasks/request must not be shadowed by the user routes.
    SetUpApi.register(r, world);
    UserApi.register(r, world);
    TeamApi.register(r, world);
    DatasetApi.register(r, world);
    AnnotationApi.register(
        r,
        world,
        new CompoundCache(
            world.faulty(Fault.COMPOUND_CACHE_DISABLED) ? Duration.ZERO : compoundCacheTtl));
    TaskApi.register(r, world);
    ProjectApi.register(r, world);
  }
}
