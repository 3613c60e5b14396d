package org.wkcheck.server.world;

import java.util.List;
import org.wkcheck.nml.Nml.Vec3d;

/**
 * A dataset. An unusable (inactive, "non-imported") dataset has no layers and no scale and carries
 * a {@code status} message instead.
 */
public record Dataset(
    String id,
    Organization organization,
    DataStore dataStore,
    String name,
    String displayName,
    String description,
    boolean isPublic,
    boolean isUsable,
    String status,
    Vec3d scale,
    List<DataLayer> layers,
    List<Team> allowedTeams,
    String folderId,
    List<String> tags,
    long created,
    long sortingKey) {

  public boolean isUnreported() {
    return "No longer available on datastore.".equals(status);
  }
}
