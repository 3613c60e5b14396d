package org.wkcheck.server.api;

import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /buildinfo}: public; declares the supported API versions. */
final class BuildInfoApi {
  private BuildInfoApi() {}

  static void register(Router r, int oldestVersion, int currentVersion) {
    r.get(
        "/buildinfo",
        Auth.PUBLIC,
        call -> {
          ObjectNode o = Json.object();
          ObjectNode wk = o.putObject("webknossos");
          wk.put("name", "wkcheck-reference-server");
          wk.put(
              "version",
              BuildInfoApi.class.getPackage().getImplementationVersion() == null
                  ? "dev"
                  : BuildInfoApi.class.getPackage().getImplementationVersion());
          wk.put("commitHash", "");
          wk.put("commitDate", "");
          wk.put("ciBuild", "");
          wk.put("ciTag", "");
          wk.put("datastoreApiVersion", "2.0");
          o.putNull("schemaVersion");
          ObjectNode v = o.putObject("httpApiVersioning");
          v.put("currentApiVersion", currentVersion);
          v.put("oldestSupportedApiVersion", oldestVersion);
          o.put("localDataStoreEnabled", true);
          o.put("localTracingStoreEnabled", true);
          call.ok(o);
        });
  }
}
