package org.wkcheck.contract;

import java.util.List;
import java.util.Optional;

/** The requirement catalog of a profile ({@code schemas/<profile>/requirements.json}). */
public record RequirementCatalog(String profile, List<CatalogRequirement> requirements) {
  public RequirementCatalog {
    requirements = List.copyOf(requirements);
  }

  public static RequirementCatalog load(ContractFiles files, String profile) {
    return files.requireJson(
        profile + "/requirements.json", RequirementCatalog.class, "requirement catalog");
  }

  public Optional<CatalogRequirement> byId(String id) {
    return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
