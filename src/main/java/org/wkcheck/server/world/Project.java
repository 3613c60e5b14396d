package org.wkcheck.server.world;

/** A project; addressed by its name within an organization. Guarded by the {@link World} lock. */
public final class Project {
  public final String id;
  public final Organization organization;

  /** The project's address in URLs; a PUT may change it. */
  public String name;

  public final long created;
  public Team team;
  public User owner;
  public long priority;
  public boolean paused;
  public Long expectedTime;
  public boolean isBlacklistedFromReport;

  /**
   * What a project is created with and what {@code PUT /projects/:name} replaces: all but its id,
   * organization and creation time.
   */
  public record Settings(
      String name,
      Team team,
      User owner,
      long priority,
      boolean paused,
      Long expectedTime,
      boolean isBlacklistedFromReport) {}

  public Project(String id, Organization organization, long created, Settings settings) {
    this.id = id;
    this.organization = organization;
    this.created = created;
    apply(settings);
  }

  /** Replaces every setting of the project. */
  public void apply(Settings s) {
    name = s.name();
    team = s.team();
    owner = s.owner();
    priority = s.priority();
    paused = s.paused();
    expectedTime = s.expectedTime();
    isBlacklistedFromReport = s.isBlacklistedFromReport();
  }
}
