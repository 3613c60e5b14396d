package org.wkcheck.contract;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The requirement catalog of a profile ({@code schemas/<profile>/requirements.json}). */
public final class RequirementCatalog {
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String profile;
  private final List<CatalogRequirement> requirements;

  private record File(String profile, String document, List<CatalogRequirement> requirements) {}

  private RequirementCatalog(String profile, List<CatalogRequirement> requirements) {
    this.profile = profile;
    this.requirements = List.copyOf(requirements);
  }

  public static RequirementCatalog load(ContractFiles files, String profile) {
    String path = profile + "/requirements.json";
    try {
      File f = JSON.readValue(files.require(path), File.class);
      return new RequirementCatalog(f.profile(), f.requirements());
    } catch (tools.jackson.core.JacksonException e) {
      throw new ContractException(
          "schemas/" + path + " is not a valid requirement catalog: " + e.getOriginalMessage(), e);
    }
  }

  public String profile() {
    return profile;
  }

  public List<CatalogRequirement> requirements() {
    return requirements;
  }

  public Optional<CatalogRequirement> byId(String id) {
    return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
