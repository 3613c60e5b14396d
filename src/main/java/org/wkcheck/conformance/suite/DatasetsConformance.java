package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.contentType;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.matchesSchema;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;
import static org.wkcheck.conformance.checks.ListChecks.booleanFilterPartitions;
import static org.wkcheck.conformance.checks.ListChecks.filterSelects;

import io.restassured.response.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.checks.ListChecks.Filter;
import org.wkcheck.conformance.checks.ListChecks.Partition;
import org.wkcheck.conformance.checks.ListRead;
import org.wkcheck.target.Role;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /datasets} and {@code GET /datasets/:organizationName/:dataSetName}. The list tests
 * act as each role whose token is given; a dataset is known by its organization and name. The
 * per-caller fields {@code isEditable} and {@code isActive} of each listed dataset tell what the
 * filters must select. Single datasets are read for at most 20 listed ones per role, to keep the
 * load low.
 */
public class DatasetsConformance extends ConformanceTest {
  private static final int READ_AT_MOST = 20;

  /**
   * GET /datasets MUST answer 200 with a JSON list of datasets, for every caller: a list whose
   * every entry is dataset information (schema dataset.json; the list's own rule on resolutions is
   * checked by its own test).
   */
  @Test
  @Requirement("datasets.list.returns-datasets")
  public void datasetListDescribesDatasets() {
    for (Role role : roles()) {
      Response r = api.as(role).get("/datasets");
      status(r, 200);
      contentType(r, "application/json");
      JsonNode list = json(r);
      that(list.isArray(), "GET /datasets answers a JSON list", "a JSON list", list.getNodeType());
      for (JsonNode d : list) {
        matchesSchema(d, "documented/dataset.json", "Dataset " + key(d) + " (as " + role + ")");
      }
    }
  }

  /**
   * GET /datasets MUST list only datasets the caller can read: every listed dataset MUST be
   * readable by the same caller with GET /datasets/:organizationName/:dataSetName (200, the same
   * name). For each role: the list, then up to 20 of its datasets one by one.
   */
  @Test
  @Requirement("datasets.list.read-access")
  public void everyListedDatasetIsReadable() {
    for (Role role : roles()) {
      for (JsonNode d : first(listing(role).get())) {
        Response r = read(role, d.path("owningOrganization").asString(), d.path("name").asString());
        status(r, 200);
        equal(
            json(r).path("name").asString(),
            d.path("name").asString(),
            "GET /datasets/:organizationName/:dataSetName reads a listed dataset, as " + role);
      }
    }
  }

  @DataProvider
  public static Object[][] filters() {
    return rows(
        Filter.flag("isEditable", true),
        Filter.flag("isEditable", false),
        Filter.flag("isActive", true),
        Filter.flag("isActive", false));
  }

  /**
   * GET /datasets?isEditable=true MUST list only datasets the caller can edit, =false only those it
   * cannot edit: every listed one has {@code isEditable} true (false) for that caller. GET
   * /datasets?isActive=true MUST list only active (imported) datasets, =false only inactive ones:
   * every listed one has {@code isActive} true (false). For each role; skips when no role's
   * unfiltered list holds a dataset the filter must leave out.
   */
  @Test(dataProvider = "filters")
  @Requirement({
    "datasets.list.is-editable-true",
    "datasets.list.is-editable-false",
    "datasets.list.is-active-true",
    "datasets.list.is-active-false"
  })
  public void filterListsOnlyWhatItSelects(Filter filter) {
    filterSelects(callers(), filter);
  }

  @DataProvider
  public static Object[][] partitions() {
    return rows(new Partition("isEditable"), new Partition("isActive"));
  }

  /**
   * The answers to isEditable=true and isEditable=false MUST be disjoint and together MUST hold
   * exactly the datasets of GET /datasets without the parameter; likewise isActive. For each role:
   * three lists.
   */
  @Test(dataProvider = "partitions")
  @Requirement({"datasets.list.is-editable-partition", "datasets.list.is-active-partition"})
  public void booleanFilterPartitionsTheList(Partition partition) {
    booleanFilterPartitions(callers(), partition);
  }

  /**
   * In GET /datasets the resolutions of every data layer of every dataset MUST be empty, for every
   * caller. Skips when no listed dataset has a data layer.
   */
  @Test
  @Requirement("datasets.list.resolutions-empty")
  public void listedResolutionsAreEmpty() {
    int layers = 0;
    for (Role role : roles()) {
      for (JsonNode d : listing(role).get()) {
        for (JsonNode layer : d.path("dataSource").path("dataLayers")) {
          layers++;
          that(
              layer.path("resolutions").isArray() && layer.path("resolutions").isEmpty(),
              "GET /datasets lists no resolutions",
              "[]",
              key(d)
                  + " layer "
                  + layer.path("name").asString()
                  + ": "
                  + layer.path("resolutions"));
        }
      }
    }
    if (layers == 0) {
      throw new SkipException("no dataset GET /datasets lists has a data layer");
    }
  }

  /**
   * GET /datasets/:organizationName/:dataSetName MUST answer 200 with the dataset of that name
   * (schema dataset.json): the world's dataset, read as the main user.
   */
  @Test
  @Requirement("datasets.read.returns-dataset")
  public void readDescribesTheDataset() {
    JsonNode d =
        ok(read(Role.ADMIN, world.organization(), world.dataset()), "documented/dataset.json");
    equal(
        d.path("name").asString(),
        world.dataset(),
        "GET /datasets/:organizationName/:dataSetName: its name");
  }

  /**
   * :organizationName MUST be the url-safe name of the organization owning the dataset: the
   * caller's organization with one of its datasets MUST select that dataset (owned by that
   * organization), and an organization name that does not exist MUST be refused with a 4xx.
   */
  @Test
  @Requirement("datasets.read.organization-name")
  public void organizationNameSelectsTheOrganization() {
    Response r = read(Role.ADMIN, world.organization(), world.dataset());
    status(r, 200);
    JsonNode d = json(r);
    equal(d.path("name").asString(), world.dataset(), "The organization's dataset is selected");
    equal(
        d.path("owningOrganization").asString(),
        world.organization(),
        "The dataset read is owned by the organization named in the URL");
    refused(read(Role.ADMIN, fixtures.name("no_such_organization"), world.dataset()));
  }

  /**
   * :dataSetName MUST be the name of a dataset as GET /datasets lists it: for the world's dataset
   * and each dataset of the world's organization listed to the main user (up to 20), the answer
   * describes the dataset of that name; an unknown name MUST be refused with a 4xx.
   */
  @Test
  @Requirement("datasets.read.dataset-name")
  public void datasetNameSelectsTheDataset() {
    for (String k :
        worldAndListed(d -> world.organization().equals(d.path("owningOrganization").asString()))) {
      String name = k.split("/", 2)[1];
      Response r = read(Role.ADMIN, world.organization(), name);
      status(r, 200);
      equal(
          json(r).path("name").asString(),
          name,
          "GET /datasets/:organizationName/:dataSetName describes the dataset of that name");
    }
    refused(read(Role.ADMIN, world.organization(), fixtures.name("no_such_dataset")));
  }

  /**
   * GET /datasets/:organizationName/:dataSetName MUST give the actual resolutions: for an active
   * dataset every data layer's resolutions MUST be non-empty. Checked for the world's dataset and
   * the datasets listed to the main user as active (up to 20), if the single read says active too.
   * Skips when none of them is active with a data layer.
   */
  @Test
  @Requirement("datasets.read.actual-resolutions")
  public void readGivesTheActualResolutions() {
    int layers = 0;
    for (String k : worldAndListed(d -> d.path("isActive").asBoolean())) {
      String[] orgAndName = k.split("/", 2);
      Response r = read(Role.ADMIN, orgAndName[0], orgAndName[1]);
      status(r, 200);
      JsonNode d = json(r);
      if (!d.path("isActive").asBoolean()) {
        continue;
      }
      for (JsonNode layer : d.path("dataSource").path("dataLayers")) {
        layers++;
        that(
            layer.path("resolutions").isArray() && !layer.path("resolutions").isEmpty(),
            "GET /datasets/:organizationName/:dataSetName gives an active dataset's resolutions",
            "a non-empty list",
            k + " layer " + layer.path("name").asString() + ": " + layer.path("resolutions"));
      }
    }
    if (layers == 0) {
      throw new SkipException("neither the world's dataset nor a listed one is active with layers");
    }
  }

  // --- requests ---------------------------------------------------------------------------------

  /**
   * organization/name of the world's dataset, then of up to 20 datasets GET /datasets lists to the
   * main user that match.
   */
  private Set<String> worldAndListed(Predicate<JsonNode> which) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(world.organization() + "/" + world.dataset());
    listing(Role.ADMIN).get().stream()
        .filter(which)
        .limit(READ_AT_MOST)
        .forEach(d -> keys.add(key(d)));
    return keys;
  }

  /** The callers: GET /datasets as each role whose token is given. */
  private List<ListRead> callers() {
    return roles().stream().map(this::listing).toList();
  }

  /** GET /datasets as the role; a dataset is known by organization/name. */
  private ListRead listing(Role role) {
    return new ListRead(
        "GET /datasets",
        role.toString(),
        () -> api.as(role),
        "/datasets",
        DatasetsConformance::key);
  }

  private Response read(Role role, String organization, String name) {
    return api.as(role).get("/datasets/{organizationName}/{dataSetName}", organization, name);
  }

  /** organization/name: what identifies a dataset in the document's routes. */
  private static String key(JsonNode d) {
    return d.path("owningOrganization").asString() + "/" + d.path("name").asString();
  }

  private static List<JsonNode> first(List<JsonNode> list) {
    return list.subList(0, Math.min(READ_AT_MOST, list.size()));
  }
}
