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

  public Project(
      String id,
      Organization organization,
      String name,
      Team team,
      User owner,
      long priority,
      boolean paused,
      Long expectedTime,
      boolean isBlacklistedFromReport,
      long created) {
    this.id = id;
    this.organization = organization;
    this.name = name;
    this.team = team;
    this.owner = owner;
    this.priority = priority;
    this.paused = paused;
    this.expectedTime = expectedTime;
    this.isBlacklistedFromReport = isBlacklistedFromReport;
    this.created = created;
  }
}
