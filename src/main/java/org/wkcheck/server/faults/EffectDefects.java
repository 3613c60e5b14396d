package org.wkcheck.server.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.Nml.Vec3d;
import org.wkcheck.server.api.Effects;
import org.wkcheck.server.api.Effects.DownloadForm;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.world.Annotation;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.Project;
import org.wkcheck.server.world.Task;
import org.wkcheck.server.world.World;

/**
 * The defects of what routes do to the world and take from it ({@link Effects}): deletes that do
 * not cascade, increments that lose updates, transitions not made, annotations left out of a merge;
 * and the one setting a fault changes, the compound cache. Each of the first kind is a decorator of
 * the effects installed before it ({@link FaultLayer.Defect#effects}).
 */
final class EffectDefects {
  private EffectDefects() {}

  static Effects projectDeleteKeepsTasks(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void deleteProject(World world, Project p) {
        world.removeProjectOnly(p);
      }
    };
  }

  static Effects taskDeleteKeepsAnnotations(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void deleteTask(World world, Task t) {
        world.removeTaskOnly(t);
      }
    };
  }

  /**
   * The counts are read under one lock and written under another, a few milliseconds later, so
   * concurrent calls overwrite each other.
   */
  static Effects incrementLostUpdates(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public <T> T incrementInstances(
          World world, Supplier<Project> project, long delta, Function<Project, T> answer) {
        Map<Task, Long> seen =
            world.read(
                () -> {
                  Map<Task, Long> m = new LinkedHashMap<>();
                  world.tasksOf(project.get()).forEach(t -> m.put(t, t.openInstances));
                  return m;
                });
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return world.write(
            () -> {
              seen.forEach(
                  (t, open) -> {
                    t.totalInstances += open + delta - t.openInstances;
                    t.openInstances = open + delta;
                  });
              return answer.apply(project.get());
            });
      }
    };
  }

  static Effects taskUpdateChangesPosition(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void updateTask(Task t, long openInstances, Vec3d editPosition) {
        inner.updateTask(t, openInstances, editPosition);
        t.editPosition = editPosition;
      }
    };
  }

  static Effects pauseNotPaused(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void setPaused(Project p, boolean paused) {
        if (!paused) {
          inner.setPaused(p, false);
        }
      }
    };
  }

  static Effects finishKeepsActive(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void finish(Annotation a) {}
    };
  }

  static Effects resetRefused(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public void reset(Annotation a, Annotation base) {
        throw ApiException.badRequest("Could not reset annotation to base");
      }
    };
  }

  static Effects mergeOnlyFirst(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public List<AnnotationContent> merged(Annotation first, Annotation second) {
        return inner.merged(first, second).subList(0, 1);
      }
    };
  }

  static Effects duplicateReturnsSource(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public Annotation duplicate(Annotation source, Supplier<Annotation> copy) {
        return source;
      }
    };
  }

  static Effects uploadOnlyFirstFile(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public <N> List<N> uploaded(List<N> nmls) {
        List<N> all = inner.uploaded(nmls);
        return all.size() > 1 ? all.subList(0, 1) : all;
      }
    };
  }

  static Effects uploadLosesCommentsOfLaterFiles(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public Nml uploadedSkeleton(int index, Nml skeleton) {
        Nml kept = inner.uploadedSkeleton(index, skeleton);
        return index == 0
            ? kept
            : new Nml(
                kept.meta(),
                kept.parameters(),
                kept.trees(),
                kept.branchpoints(),
                List.of(),
                kept.groups(),
                kept.volumes());
      }
    };
  }

  static Effects cancelledAnnotationsListed(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public boolean listed(Annotation taskAnnotation) {
        return true;
      }
    };
  }

  static Effects taskListCapMissing(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public long taskListCap() {
        return Long.MAX_VALUE;
      }
    };
  }

  // --- downloads and compounds ----------------------------------------------------------------

  static Effects volumeDownloadAsNml(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public DownloadForm downloadForm(Annotation a) {
        DownloadForm form = inner.downloadForm(a);
        return form == DownloadForm.NML_AND_VOLUMES_ZIP ? DownloadForm.NML : form;
      }
    };
  }

  /** The merged annotation downloads as any other annotation would. */
  static Effects compoundDownloadAsNml(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public DownloadForm downloadForm(Annotation a) {
        DownloadForm form = inner.downloadForm(a);
        if (form != DownloadForm.NMLS_ZIP) {
          return form;
        }
        return a.content.hasVolumes() ? DownloadForm.NML_AND_VOLUMES_ZIP : DownloadForm.NML;
      }
    };
  }

  static Effects compoundMissesOneFinished(Effects inner) {
    return new Effects.Forwarding(inner) {
      @Override
      public List<Annotation> compoundSources(List<Annotation> finished) {
        List<Annotation> all = inner.compoundSources(finished);
        return all.isEmpty() ? all : all.subList(0, all.size() - 1);
      }
    };
  }

  /** Compounds merged anew on every request: the server runs with a cache that keeps nothing. */
  static void compoundCacheDisabled(FaultLayer layer) {
    layer.options(o -> o.withCompoundCacheTtl(Duration.ZERO));
  }
}
