package org.wkcheck.server.api;

import java.util.function.Predicate;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Organization;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/**
 * The dataset routes. Both answer anonymous callers too, with public datasets only; an unknown
 * token counts as anonymous here.
 */
record DatasetApi(World world, Views views) implements Routes {
  @Override
  public void register(Router r) {
    r.get("/datasets", Auth.OPTIONAL, this::list);
    r.get("/datasets/{organizationName}/{dataSetName}", Auth.OPTIONAL, this::read);
  }

  /** The datasets the caller may read; {@code isEditable}, {@code isActive}. */
  private void list(Call call) {
    User me = call.viewer();
    Predicate<Dataset> editable = Listing.flag(call, "isEditable", d -> Access.canEdit(me, d));
    Predicate<Dataset> active = Listing.flag(call, "isActive", Dataset::isUsable);
    answerList(
        call,
        () ->
            world.datasets().stream()
                .filter(d -> Access.canRead(me, d))
                .filter(editable)
                .filter(active),
        d -> views.datasetListed(d, me));
  }

  private void read(Call call) {
    User me = call.viewer();
    String orgName = call.path("organizationName");
    String name = call.path("dataSetName");
    call.ok(
        world.read(
            () -> {
              Dataset d = named(world, organization(orgName), name, ds -> Access.canRead(me, ds));
              return views.dataset(d, me);
            }));
  }

  /** The organization {@code name}; 404 otherwise. */
  private Organization organization(String name) {
    return world
        .organizationByName(name)
        .orElseThrow(() -> ApiException.notFound("Organization " + name + " could not be found"));
  }

  /** The dataset {@code name} of {@code org} if it is {@code usable}; 404 otherwise. */
  static Dataset named(World world, Organization org, String name, Predicate<Dataset> usable) {
    return Access.found(
        world.dataset(org, name),
        usable,
        "Dataset " + name + " does not exist or could not be accessed");
  }
}
