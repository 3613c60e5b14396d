package org.wkcheck.server.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.world.AnnotationType;
import org.wkcheck.server.world.Ids;
import org.wkcheck.server.world.World;

/** Registers every route of the reference server. */
public final class AllRoutes {
  /** The API versions the server declares in {@code GET /buildinfo} and routes as /api/vN. */
  public static final int OLDEST_API_VERSION = 1;

  public static final int CURRENT_API_VERSION = 5;

  private AllRoutes() {}

  /**
   * The routes, writing their representations through {@code decorator} and changing the world
   * through {@code effects} ({@link ViewDecorator#NONE} and {@link Effects#DOCUMENTED} for the
   * routes as the document describes them).
   */
  public static void register(
      Router r, World world, Duration compoundCacheTtl, ViewDecorator decorator, Effects effects) {
    Views views = new Views(world, decorator);
    // what a path must carry to name a resource: the document's ids are ObjectIds and its :typ
    // one of five names; so GET /annotations/<id>/info, which fits only the shape of the set-up
    // route DELETE /annotations/:typ/:id, names nothing (404), not a resource of DELETE (405)
    Predicate<String> typ =
        s -> AnnotationType.parse(s).filter(AnnotationApi.DOCUMENTED_TYPES::contains).isPresent();
    r.parameter("typ", typ);
    r.parameter("mergedTyp", typ);
    r.parameter("id", Ids::isObjectId);
    r.parameter("mergedId", Ids::isObjectId);
    BuildInfoApi.register(r, OLDEST_API_VERSION, CURRENT_API_VERSION);
    List<Routes> groups =
        List.of(
            // The set-up routes go first: /user/tasks/request must not be shadowed by the user
            // routes.
            new SetUpApi(world, views),
            new UserApi(world, views),
            new TeamApi(world, views),
            new DatasetApi(world, views),
            new AnnotationApi(
                world,
                views,
                effects,
                new Compounds(world, effects, new CompoundCache(compoundCacheTtl))),
            new TaskApi(world, views, effects),
            new ProjectApi(world, views, effects));
    groups.forEach(g -> g.register(r));
  }
}
