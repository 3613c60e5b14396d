package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.server.api.AllRoutes;
import tools.jackson.databind.JsonNode;

/** {@code GET /buildinfo}, the {@code /api/vN} prefixes and requests outside every route. */
public class BuildInfoAndVersionsTest extends ServerTestBase {

  @Test
  public void buildInfoIsPublicAndDeclaresTheVersions() {
    JsonNode b = ok(anonymous().get("/buildinfo"));
    assertTrue(b.path("webknossos").isObject(), b.toString());
    assertEquals(
        b.path("httpApiVersioning").path("currentApiVersion").asInt(),
        AllRoutes.CURRENT_API_VERSION);
    assertEquals(
        b.path("httpApiVersioning").path("oldestSupportedApiVersion").asInt(),
        AllRoutes.OLDEST_API_VERSION);
    // an unknown token does not matter on a public route
    ok(anonymous().header("X-Auth-Token", "nonsense").get("/buildinfo"));
  }

  @DataProvider
  public Object[][] supportedVersions() {
    int n = AllRoutes.CURRENT_API_VERSION - AllRoutes.OLDEST_API_VERSION + 1;
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new Object[] {AllRoutes.OLDEST_API_VERSION + i};
    }
    return out;
  }

  @Test(dataProvider = "supportedVersions")
  public void everySupportedVersionAnswersLikeTheUnversionedApi(int version) {
    for (String path :
        new String[] {"/user", "/teams", "/projects", "/datasets/Organization_X/l4_sample"}) {
      JsonNode plain = ok(as('A').get(path));
      JsonNode versioned = ok(as('A').get("/v" + version + path));
      assertEquals(versioned, plain, path + " under /api/v" + version);
    }
    assertError(anonymous().get("/v" + version + "/user"), 401);
  }

  @Test
  public void versionsOutsideTheDeclaredRangeAnswer404WithTheEnvelope() {
    assertError(as('A').get("/v" + (AllRoutes.OLDEST_API_VERSION - 1) + "/user"), 404);
    assertError(as('A').get("/v" + (AllRoutes.CURRENT_API_VERSION + 1) + "/user"), 404);
    assertError(as('A').get("/v99999999999/user"), 404);
    assertError(as('A').get("/vx/user"), 404);
  }

  @Test
  public void unknownRoutesAndMethodsAnswerWithTheEnvelope() {
    assertError(as('A').get("/no/such/route"), 404);
    assertError(as('A').delete("/buildinfo"), 405);
    assertError(as('A').post("/users"), 405);
  }
}
