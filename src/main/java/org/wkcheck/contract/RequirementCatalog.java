package org.wkcheck.contract;

import java.util.List;
import java.util.Optional;

/** The requirement catalog of a profile ({@code schemas/<profile>/requirements.json}). */
public final class RequirementCatalog {
  private final String profile;
  private final List<CatalogRequirement> requirements;

  private record File(String profile, String document, List<CatalogRequirement> requirements) {}

  private RequirementCatalog(String profile, List<CatalogRequirement> requirements) {
    this.profile = profile;
    this.requirements = List.copyOf(requirements);
  }

  public static RequirementCatalog load(ContractFiles files, String profile) {
    File f = files.requireJson(profile + "/requirements.json", File.class, "requirement catalog");
    return new RequirementCatalog(f.profile(), f.requirements());
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
