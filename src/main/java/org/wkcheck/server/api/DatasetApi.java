package org.wkcheck.server.api;

import java.util.Optional;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Organization;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.node.ArrayNode;

/**
 * The dataset routes. Both answer anonymous callers too, with public datasets only; an unknown
 * token counts as anonymous here.
 */
final class DatasetApi {
  private DatasetApi() {}

  static void register(Router r, World world, Views views) {

    r.get(
        "/datasets",
        Auth.OPTIONAL,
        call -> {
          User me = call.viewer();
          Optional<Boolean> editable = call.booleanQuery("isEditable");
          Optional<Boolean> active = call.booleanQuery("isActive");
          call.ok(
              world.read(
                  () -> {
                    ArrayNode out = Json.array();
                    world.datasets().stream()
                        .filter(d -> Access.canRead(me, d))
                        .filter(d -> editable.isEmpty() || editable.get() == Access.canEdit(me, d))
                        .filter(d -> active.isEmpty() || active.get() == d.isUsable())
                        .forEach(d -> out.add(views.datasetListed(d, me)));
                    return out;
                  }));
        });

    r.get(
        "/datasets/{organizationName}/{dataSetName}",
        Auth.OPTIONAL,
        call -> {
          User me = call.viewer();
          String orgName = call.path("organizationName");
          String name = call.path("dataSetName");
          call.ok(
              world.read(
                  () -> {
                    Organization org =
                        world
                            .organizationByName(orgName)
                            .orElseThrow(
                                () ->
                                    ApiException.notFound(
                                        "Organization " + orgName + " could not be found"));
                    Dataset d =
                        world
                            .dataset(org, name)
                            .filter(ds -> Access.canRead(me, ds))
                            .orElseThrow(
                                () ->
                                    ApiException.notFound(
                                        "Dataset "
                                            + name
                                            + " does not exist or could not be accessed"));
                    return views.dataset(d, me);
                  }));
        });
  }
}
