package org.wkcheck.server;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.testng.annotations.Test;
import tools.jackson.databind.JsonNode;

/** The dataset routes: the list with its filters and its empty resolutions, and one dataset. */
public class DatasetsTest extends ServerTestBase {
  private static final Set<String> ALL =
      Set.of(
          "2012-06-28_Cortex",
          "Experiment_001",
          "2012-09-28_ex145_07x2",
          "rgb",
          "confocal-multi_knossos",
          "l4_sample");

  private static Set<String> names(JsonNode list) {
    return new HashSet<>(strings(list, "name"));
  }

  /** GET /datasets MUST list the datasets the caller can read. */
  @Test
  public void listHoldsReadableDatasets() {
    assertEquals(names(ok(as('A').get("/datasets"))), ALL);
    assertEquals(names(ok(as('C').get("/datasets"))), ALL, "team_X1 may use all of them");
    assertEquals(names(ok(as('D').get("/datasets"))), Set.of("l4_sample"), "only the public one");
    assertEquals(names(ok(as('E').get("/datasets"))), Set.of("l4_sample"), "only the public one");
  }

  /** isActive=true MUST list only active (imported) datasets, false only inactive ones. */
  @Test
  public void isActivePartitionsTheList() {
    JsonNode active = ok(as('A').queryParam("isActive", "true").get("/datasets"));
    JsonNode inactive = ok(as('A').queryParam("isActive", "false").get("/datasets"));
    active.forEach(d -> assertTrue(d.path("isActive").asBoolean(), d.toString()));
    inactive.forEach(d -> assertFalse(d.path("isActive").asBoolean(), d.toString()));
    assertEquals(names(active), Set.of("confocal-multi_knossos", "l4_sample"));
    assertEquals(
        names(inactive),
        Set.of("2012-06-28_Cortex", "Experiment_001", "2012-09-28_ex145_07x2", "rgb"));
  }

  /** isEditable=true MUST list only datasets the caller can edit, false only the others. */
  @Test
  public void isEditablePartitionsTheList() {
    assertEquals(names(ok(as('A').queryParam("isEditable", "true").get("/datasets"))), ALL);
    assertEquals(ok(as('A').queryParam("isEditable", "false").get("/datasets")).size(), 0);
    JsonNode cEditable = ok(as('C').queryParam("isEditable", "true").get("/datasets"));
    JsonNode cFixed = ok(as('C').queryParam("isEditable", "false").get("/datasets"));
    assertEquals(cEditable.size(), 0, "user_C manages no team and is no dataset manager");
    assertEquals(names(cFixed), ALL);
    cFixed.forEach(d -> assertFalse(d.path("isEditable").asBoolean(), d.toString()));
  }

  /** Filters MUST combine. */
  @Test
  public void filtersCombine() {
    assertEquals(
        names(
            ok(
                as('C')
                    .queryParam("isActive", "true")
                    .queryParam("isEditable", "false")
                    .get("/datasets"))),
        Set.of("confocal-multi_knossos", "l4_sample"));
  }

  /** The list MUST give every data layer an empty list of resolutions (the document's note). */
  @Test
  public void listHasEmptyResolutions() {
    int layers = 0;
    for (JsonNode d : ok(as('A').get("/datasets"))) {
      for (JsonNode l : d.path("dataSource").path("dataLayers")) {
        layers++;
        assertTrue(l.path("resolutions").isArray(), l.toString());
        assertEquals(l.path("resolutions").size(), 0, d.path("name") + "/" + l.path("name"));
      }
    }
    assertEquals(layers, 5, "confocal-multi_knossos has 3 layers, l4_sample 2");
  }

  /** GET /datasets/:organizationName/:dataSetName MUST give the real resolutions. */
  @Test
  public void singleDatasetHasRealResolutions() {
    JsonNode d = ok(as('A').get("/datasets/Organization_X/l4_sample"));
    assertEquals(d.path("name").asString(), "l4_sample");
    assertEquals(d.path("owningOrganization").asString(), "Organization_X");
    JsonNode layers = d.path("dataSource").path("dataLayers");
    assertEquals(layers.size(), 2);
    for (JsonNode l : layers) {
      assertEquals(l.path("resolutions").size(), 5, l.toString());
      assertEquals(l.path("resolutions").get(0).toString(), "[1,1,1]");
      assertEquals(l.path("resolutions").get(4).toString(), "[16,16,4]");
    }
    JsonNode confocal = ok(as('C').get("/datasets/Organization_X/confocal-multi_knossos"));
    assertEquals(
        confocal.path("dataSource").path("dataLayers").get(0).path("resolutions").size(), 5);
  }

  /** An unknown, or unreadable, dataset or organization MUST be 404 with the envelope. */
  @Test
  public void unknownOrUnreadableDatasetsAre404() {
    assertError(as('A').get("/datasets/Organization_X/no_such_dataset"), 404);
    assertError(as('A').get("/datasets/No_Such_Organization/l4_sample"), 404);
    assertError(as('E').get("/datasets/Organization_X/confocal-multi_knossos"), 404);
    ok(as('E').get("/datasets/Organization_X/l4_sample"));
  }

  /** Anonymous callers MUST get the public datasets only, and read public ones. */
  @Test
  public void anonymousCallersSeePublicDatasetsOnly() {
    assertEquals(names(ok(anonymous().get("/datasets"))), Set.of("l4_sample"));
    assertEquals(
        names(ok(anonymous().header("X-Auth-Token", "unknown").get("/datasets"))),
        Set.of("l4_sample"));
    ok(anonymous().get("/datasets/Organization_X/l4_sample"));
    assertError(anonymous().get("/datasets/Organization_X/confocal-multi_knossos"), 404);
  }

  /** Inactive datasets MUST say so and carry no layers. */
  @Test
  public void inactiveDatasetsHaveNoLayers() {
    JsonNode d = ok(as('A').get("/datasets/Organization_X/2012-06-28_Cortex"));
    assertFalse(d.path("isActive").asBoolean());
    assertTrue(d.path("dataSource").path("dataLayers").isMissingNode(), d.toString());
    assertTrue(d.path("dataSource").path("status").isString(), d.toString());
  }
}
