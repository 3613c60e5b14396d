package org.wkcheck.server.api;

import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;
import tools.jackson.databind.node.ArrayNode;

/** {@code GET /teams}: the teams the caller can manage (all of the organization for admins). */
final class TeamApi {
  private TeamApi() {}

  static void register(Router r, World world, Views views) {
    r.get(
        "/teams",
        Auth.REQUIRED,
        call -> {
          User me = call.user();
          call.ok(
              world.read(
                  () -> {
                    ArrayNode out = Json.array();
                    world.teams().stream()
                        .filter(t -> Access.canManage(me, t))
                        .forEach(t -> out.add(views.team(t)));
                    return out;
                  }));
        });
  }
}
