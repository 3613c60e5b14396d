package org.wkcheck.contract;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A profile of the contract: its routes, requirements and schemas, loaded from {@code schemas/}.
 */
public final class Contract {
  public static final String DEFAULT_PROFILE = "documented";

  private final ContractFiles files;
  private final String profile;
  private final RouteCatalog routes;
  private final SchemaSet schemas;
  private final Map<String, NmlSchema> nmlSchemas = new ConcurrentHashMap<>();

  private Contract(ContractFiles files, String profile, boolean strict) {
    this.files = files;
    this.profile = profile;
    this.routes = RouteCatalog.load(files, profile);
    this.schemas = new SchemaSet(files, strict);
  }

  public static Contract load(ContractFiles files, String profile, boolean strict) {
    return new Contract(files, profile, strict);
  }

  /** The documented profile from the harness's own copy of the contract. */
  public static Contract documented() {
    return load(ContractFiles.classpath(), DEFAULT_PROFILE, false);
  }

  public String profile() {
    return profile;
  }

  public RouteCatalog routes() {
    return routes;
  }

  public SchemaSet schemas() {
    return schemas;
  }

  public RequirementCatalog requirements() {
    return RequirementCatalog.load(files, profile);
  }

  public NmlSchema nmlSchema(String relativePath) {
    return nmlSchemas.computeIfAbsent(relativePath, p -> new NmlSchema(files, p));
  }
}
