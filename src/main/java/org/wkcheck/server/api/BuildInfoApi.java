package org.wkcheck.server.api;

import org.wkcheck.server.http.Json;
import org.wkcheck.server.http.Router;
import org.wkcheck.server.http.Router.Auth;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /buildinfo}: public; declares the supported API versions. */
final class BuildInfoApi {
  private BuildInfoApi() {}

  static void register(Router r, int oldestVersion, int currentVersion) {
    r.get("/buildinfo", Auth.PUBLIC, call -> call.ok(buildInfo(oldestVersion, currentVersion)));
  }

  private static ObjectNode buildInfo(int oldestVersion, int currentVersion) {
    String version = BuildInfoApi.class.getPackage().getImplementationVersion();
    ObjectNode o = Json.object();
    ObjectNode wk = o.putObject("webknossos");
    wk.put("name", "wkcheck-reference-server");
    wk.put("version", version == null ? "dev" : version);
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
    return o;
  }
}
