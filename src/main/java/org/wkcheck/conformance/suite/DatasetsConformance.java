package org.wkcheck.conformance.suite;

import static org.wkcheck.conformance.checks.Checks.contentType;
import static org.wkcheck.conformance.checks.Checks.equal;
import static org.wkcheck.conformance.checks.Checks.json;
import static org.wkcheck.conformance.checks.Checks.matchesSchema;
import static org.wkcheck.conformance.checks.Checks.ok;
import static org.wkcheck.conformance.checks.Checks.refused;
import static org.wkcheck.conformance.checks.Checks.status;
import static org.wkcheck.conformance.checks.Checks.that;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.testng.SkipException;
import org.testng.annotations.Test;
import org.wkcheck.conformance.ConformanceTest;
import org.wkcheck.conformance.Requirement;
import org.wkcheck.conformance.Role;
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
      for (JsonNode d : array(json(r), "GET /datasets")) {
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
      for (JsonNode d : first(datasets(role, null, null))) {
        Response r = read(role, d.path("owningOrganization").asString(), d.path("name").asString());
        status(r, 200);
        equal(
            json(r).path("name").asString(),
            d.path("name").asString(),
            "GET /datasets/:organizationName/:dataSetName reads a listed dataset, as " + role);
      }
    }
  }

  /**
   * GET /datasets?isEditable=true MUST list only datasets the caller can edit: every listed one has
   * {@code isEditable} true for that caller. Skips when no role's unfiltered list holds a dataset
   * the filter must leave out.
   */
  @Test
  @Requirement("datasets.list.is-editable-true")
  public void isEditableTrueListsOnlyEditable() {
    listsOnly("isEditable", true);
  }

  /**
   * GET /datasets?isEditable=false MUST list only datasets the caller cannot edit: every listed one
   * has {@code isEditable} false for that caller. Skips as above.
   */
  @Test
  @Requirement("datasets.list.is-editable-false")
  public void isEditableFalseListsOnlyNonEditable() {
    listsOnly("isEditable", false);
  }

  /**
   * The answers to isEditable=true and isEditable=false MUST be disjoint and together MUST hold
   * exactly the datasets of GET /datasets without the parameter. For each role: three lists.
   */
  @Test
  @Requirement("datasets.list.is-editable-partition")
  public void isEditablePartitionsTheList() {
    partitions("isEditable");
  }

  /**
   * GET /datasets?isActive=true MUST list only active (imported) datasets: every listed one has
   * {@code isActive} true. Skips when no role's unfiltered list holds an inactive dataset.
   */
  @Test
  @Requirement("datasets.list.is-active-true")
  public void isActiveTrueListsOnlyActive() {
    listsOnly("isActive", true);
  }

  /**
   * GET /datasets?isActive=false MUST list only inactive (non-imported) datasets: every listed one
   * has {@code isActive} false. Skips when no role's unfiltered list holds an active dataset.
   */
  @Test
  @Requirement("datasets.list.is-active-false")
  public void isActiveFalseListsOnlyInactive() {
    listsOnly("isActive", false);
  }

  /**
   * The answers to isActive=true and isActive=false MUST be disjoint and together MUST hold exactly
   * the datasets of GET /datasets without the parameter. For each role: three lists.
   */
  @Test
  @Requirement("datasets.list.is-active-partition")
  public void isActivePartitionsTheList() {
    partitions("isActive");
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
      for (JsonNode d : datasets(role, null, null)) {
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
        ok(read(Role.USER, world.organization(), world.dataset()), "documented/dataset.json");
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
    Response r = read(Role.USER, world.organization(), world.dataset());
    status(r, 200);
    JsonNode d = json(r);
    equal(d.path("name").asString(), world.dataset(), "The organization's dataset is selected");
    equal(
        d.path("owningOrganization").asString(),
        world.organization(),
        "The dataset read is owned by the organization named in the URL");
    refused(read(Role.USER, fixtures.name("no_such_organization"), world.dataset()));
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
      Response r = read(Role.USER, world.organization(), name);
      status(r, 200);
      equal(
          json(r).path("name").asString(),
          name,
          "GET /datasets/:organizationName/:dataSetName describes the dataset of that name");
    }
    refused(read(Role.USER, world.organization(), fixtures.name("no_such_dataset")));
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
      Response r = read(Role.USER, orgAndName[0], orgAndName[1]);
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

  // --- checks -----------------------------------------------------------------------------------

  /**
   * FilterSelects: as every role, GET /datasets?param=value lists only datasets whose field {@code
   * param} is {@code value}; skips when no unfiltered list had one the filter must leave out.
   */
  private void listsOnly(String param, boolean value) {
    String request = "GET /datasets?" + param + "=" + value;
    int leftOut = 0;
    for (Role role : roles()) {
      for (JsonNode d : datasets(role, null, null)) {
        leftOut += d.path(param).isBoolean() && d.path(param).asBoolean() != value ? 1 : 0;
      }
      for (JsonNode d : datasets(role, param, value)) {
        that(
            d.path(param).isBoolean() && d.path(param).asBoolean() == value,
            request + " lists only datasets with " + param + " " + value,
            param + "=" + value + " for every listed dataset",
            key(d) + " with " + param + "=" + d.path(param) + " (as " + role + ")");
      }
    }
    if (leftOut == 0) {
      throw new SkipException(
          "no configured role sees a dataset with "
              + param
              + " "
              + !value
              + ", so "
              + request
              + " has nothing to leave out");
    }
  }

  /** Partition: as every role, param=true and param=false split the unfiltered list. */
  private void partitions(String param) {
    for (Role role : roles()) {
      Set<String> all = keys(datasets(role, null, null));
      Set<String> yes = keys(datasets(role, param, true));
      Set<String> no = keys(datasets(role, param, false));
      Set<String> both = new TreeSet<>(yes);
      both.retainAll(no);
      that(
          both.isEmpty(),
          "GET /datasets?" + param + "=true and =false are disjoint",
          "no dataset in both",
          both + " (as " + role + ")");
      Set<String> union = new TreeSet<>(yes);
      union.addAll(no);
      equal(
          union,
          all,
          "GET /datasets?" + param + "=true and =false together give GET /datasets, as " + role);
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
    datasets(Role.USER, null, null).stream()
        .filter(which)
        .limit(READ_AT_MOST)
        .forEach(d -> keys.add(key(d)));
    return keys;
  }

  /** GET /datasets as the role, with one optional filter: 200 and a JSON list (schema apart). */
  private List<JsonNode> datasets(Role role, String param, Boolean value) {
    var req = api.as(role);
    if (param != null) {
      req = req.queryParam(param, value);
    }
    Response r = req.get("/datasets");
    status(r, 200);
    return array(json(r), "GET /datasets");
  }

  private Response read(Role role, String organization, String name) {
    return api.as(role).get("/datasets/{organizationName}/{dataSetName}", organization, name);
  }

  private static List<JsonNode> array(JsonNode body, String route) {
    that(body.isArray(), route + " answers a JSON list", "a JSON list", body.getNodeType());
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  /** organization/name: what identifies a dataset in the document's routes. */
  private static String key(JsonNode d) {
    return d.path("owningOrganization").asString() + "/" + d.path("name").asString();
  }

  private static Set<String> keys(List<JsonNode> datasets) {
    Set<String> keys = new TreeSet<>();
    datasets.forEach(d -> keys.add(key(d)));
    return keys;
  }

  private static List<JsonNode> first(List<JsonNode> list) {
    return list.subList(0, Math.min(READ_AT_MOST, list.size()));
  }

  /** The roles whose token is given; the main user first. */
  private List<Role> roles() {
    List<Role> roles = Arrays.stream(Role.values()).filter(api::has).toList();
    if (roles.isEmpty()) {
      throw new SkipException("no token is given (" + Role.USER.environmentVariable() + ")");
    }
    return roles;
  }
}
