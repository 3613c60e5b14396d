package org.wkcheck.server.api;

import org.wkcheck.server.http.Call;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.World;

/** {@code GET /teams}: the teams the caller can manage (all of the organization for admins). */
record TeamApi(World world, Views views) implements Routes {
  @Override
  public void register(Router r) {
    r.get("/teams", Auth.REQUIRED, this::list);
  }

  private void list(Call call) {
    User me = call.user();
    answerList(
        call, () -> world.teams().stream().filter(t -> Access.canManage(me, t)), views::team);
  }
}
