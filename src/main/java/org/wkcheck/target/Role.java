package org.wkcheck.target;

/**
 * The users the suite acts as. Only {@link #ADMIN} is needed; the others make the permission tests
 * possible and are skipped with a reason when their token is not given.
 */
public enum Role {
  /** The main user: an admin of the organization that owns the world's dataset and team. */
  ADMIN("WK_TOKEN", 'A', "an admin of the world's organization"),
  /** A team manager (not an admin) of the world's team. */
  MANAGER("WK_TOKEN_MANAGER", 'B', "a manager (not an admin) of the world's team"),
  /** A plain member of the world's team (no manager, no admin). */
  MEMBER("WK_TOKEN_MEMBER", 'C', "a plain member of the world's team"),
  /** A user of another organization. */
  OTHER_ORG("WK_TOKEN_OTHER_ORG", 'E', "a user of another organization");

  private final String environmentVariable;
  private final char seededUser;
  private final String who;

  Role(String environmentVariable, char seededUser, String who) {
    this.environmentVariable = environmentVariable;
    this.seededUser = seededUser;
    this.who = who;
  }

  /** Who plays this role, as messages name it ("a plain member of the world's team"). */
  public String who() {
    return who;
  }

  /** Where the token of this role comes from (environment variable, or key in a token file). */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** The user of the seeded world (webKnossos' test database) who plays this role. */
  public char seededUser() {
    return seededUser;
  }
}
