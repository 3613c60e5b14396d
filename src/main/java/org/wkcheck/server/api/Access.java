package org.wkcheck.server.api;

import java.util.Optional;
import java.util.function.Predicate;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.Team;
import org.wkcheck.server.world.User;
import org.wkcheck.server.world.Visibility;

/**
 * Who may see and change what, following webKnossos' access rules (facts file sections 2 and 6):
 * organization admins see and manage everything of their organization, team managers what belongs
 * to their teams, team members read what belongs to their teams, and nobody reaches into another
 * organization except through public datasets and public annotations. A null user is anonymous.
 */
final class Access {
  private Access() {}

  static boolean sameOrg(User u, Team t) {
    return u != null && u.organization.equals(t.organization());
  }

  static boolean isAdminOf(User u, Team t) {
    return sameOrg(u, t) && u.isAdmin;
  }

  /** Admin of the team's organization, or manager of the team. */
  static boolean canManage(User u, Team t) {
    return isAdminOf(u, t) || (u != null && u.isTeamManagerOf(t.id()));
  }

  /** A 403 unless {@code u} manages {@code t}: only managers of the team can {@code doThis}. */
  static void requireManager(User u, Team t, String doThis) {
    if (!canManage(u, t)) {
      throw ApiException.forbidden("Only managers of team " + t.name() + " can " + doThis);
    }
  }

  // --- users ----------------------------------------------------------------------------------

  /** Self, an admin of the same organization, or a manager of one of the user's teams. */
  static boolean canRead(User viewer, User u) {
    if (viewer == null) {
      return false;
    }
    if (viewer.id.equals(u.id)) {
      return true;
    }
    if (!viewer.organization.equals(u.organization)) {
      return false;
    }
    return viewer.isAdmin || managesATeamOf(viewer, u);
  }

  /** Whether the viewer can change the user's team memberships. */
  static boolean canEditMemberships(User viewer, User u) {
    if (viewer == null || !viewer.organization.equals(u.organization)) {
      return false;
    }
    return viewer.isAdmin || managesATeamOf(viewer, u) || u.memberships().isEmpty();
  }

  private static boolean managesATeamOf(User viewer, User u) {
    return u.memberships().keySet().stream().anyMatch(viewer::isTeamManagerOf);
  }

  // --- datasets -------------------------------------------------------------------------------

  static boolean canRead(User u, Dataset d) {
    return d.isPublic() || isDatasetStaff(u, d, team -> u.isMemberOf(team));
  }

  static boolean canEdit(User u, Dataset d) {
    return isDatasetStaff(u, d, team -> u.isTeamManagerOf(team));
  }

  /**
   * Whether {@code u} is of the dataset's organization and an admin, a dataset manager, or passes
   * {@code byTeam} for one of the dataset's allowed teams (by team id).
   */
  private static boolean isDatasetStaff(User u, Dataset d, Predicate<String> byTeam) {
    if (u == null || !u.organization.equals(d.organization())) {
      return false;
    }
    return u.isAdmin
        || u.isDatasetManager
        || d.allowedTeams().stream().anyMatch(t -> byTeam.test(t.id()));
  }

  // --- projects and tasks ---------------------------------------------------------------------

  /** Members of the project's team, its owner, admins of its organization. */
  static boolean canRead(User u, Project p) {
    if (u == null || !u.organization.equals(p.organization)) {
      return false;
    }
    return u.isAdmin || u.isMemberOf(p.team.id()) || p.owner.id.equals(u.id);
  }

  static boolean canManage(User u, Project p) {
    return canManage(u, p.team);
  }

  /** Deleting a project is for its owner and admins. */
  static boolean canDelete(User u, Project p) {
    return u != null
        && u.organization.equals(p.organization)
        && (u.isAdmin || p.owner.id.equals(u.id));
  }

  static boolean canRead(User u, Task t) {
    return u != null
        && u.organization.equals(t.project.organization)
        && (u.isAdmin || u.isMemberOf(t.project.team.id()));
  }

  static boolean canManage(User u, Task t) {
    return canManage(u, t.project.team);
  }

  // --- annotations ----------------------------------------------------------------------------

  /**
   * Public annotations are readable by everyone, internal ones by the owner's organization, private
   * ones by the owner, managers of the annotation's team and admins.
   */
  static boolean canRead(User u, Annotation a) {
    if (a.visibility == Visibility.Public) {
      return true;
    }
    if (u == null) {
      return false;
    }
    if (a.owner.id.equals(u.id)) {
      return true;
    }
    if (!u.organization.equals(a.owner.organization)) {
      return false;
    }
    return a.visibility == Visibility.Internal || canManage(u, a.team);
  }

  /** The owner, managers of the annotation's team and admins may change an annotation. */
  static boolean canUpdate(User u, Annotation a) {
    if (u == null) {
      return false;
    }
    return a.owner.id.equals(u.id) || canManage(u, a.team);
  }

  /**
   * What {@code found} holds if {@code visible} is true of it; else a 404 with {@code notFound}:
   * what the caller may not see is reported as missing, like what is.
   */
  static <T> T found(Optional<T> found, Predicate<? super T> visible, String notFound) {
    return found.filter(visible).orElseThrow(() -> ApiException.notFound(notFound));
  }
}
