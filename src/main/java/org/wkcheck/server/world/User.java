package org.wkcheck.server.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user of an organization. Mutable fields are guarded by the {@link World} lock. */
public final class User {
  public final String id;
  public final Organization organization;
  public final String email;
  public final String firstName;
  public final String lastName;
  public final boolean isAdmin;
  public final boolean isOrganizationOwner;
  public final boolean isDatasetManager;
  public final boolean isSuperUser;
  public final String selectedTheme;
  public final long created;
  public final String token;

  /** Team id to whether this user manages that team, in the order the memberships were made. */
  private final Map<String, Boolean> memberships;

  /** Experience domain to value. */
  private final Map<String, Integer> experiences;

  public long lastActivity;
  public String lastTaskTypeId;

  /**
   * A user as the seed file declares it (users come from nowhere else), in its organization, with
   * its memberships resolved to team ids.
   */
  User(SeedFile.User seed, Organization organization, Map<String, Boolean> memberships) {
    this.id = seed.id();
    this.organization = organization;
    this.email = seed.email();
    this.firstName = seed.firstName();
    this.lastName = seed.lastName();
    this.isAdmin = seed.isAdmin();
    this.isOrganizationOwner = seed.isOrganizationOwner();
    this.isDatasetManager = seed.isDatasetManager();
    this.isSuperUser = seed.isSuperUser();
    this.selectedTheme = seed.selectedTheme();
    this.created = seed.created().toEpochMilli();
    this.lastActivity = seed.lastActivity().toEpochMilli();
    this.token = seed.token();
    this.memberships = new LinkedHashMap<>(memberships);
    this.experiences = new LinkedHashMap<>(seed.experiences());
  }

  public Map<String, Boolean> memberships() {
    return Collections.unmodifiableMap(memberships);
  }

  public Map<String, Integer> experiences() {
    return Collections.unmodifiableMap(experiences);
  }

  public boolean isMemberOf(String teamId) {
    return memberships.containsKey(teamId);
  }

  public boolean isTeamManagerOf(String teamId) {
    return Boolean.TRUE.equals(memberships.get(teamId));
  }

  public int experience(String domain) {
    return experiences.getOrDefault(domain, 0);
  }

  public String fullName() {
    return firstName + " " + lastName;
  }

  @Override
  public String toString() {
    return "User[" + id + " " + firstName + "]";
  }
}
