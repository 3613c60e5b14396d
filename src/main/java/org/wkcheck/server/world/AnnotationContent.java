package org.wkcheck.server.world;

import java.util.ArrayList;
import java.util.List;
import org.wkcheck.nml.Nml;

/**
 * What an annotation holds: a skeleton (an NML document without volume elements, absent for a
 * volume-only annotation) and any number of volume layers with their data.
 */
public record AnnotationContent(Nml skeleton, String skeletonTracingId, List<VolumeLayer> volumes) {

  public AnnotationContent {
    volumes = List.copyOf(volumes);
    if (skeleton != null && !skeleton.volumes().isEmpty()) {
      skeleton = skeleton.withVolumes(List.of());
    }
  }

  /** A volume layer: its NML element, its tracing id and its data (a ZIP archive, opaque here). */
  public record VolumeLayer(String tracingId, Nml.Volume element, byte[] data) {}

  public boolean hasSkeleton() {
    return skeleton != null;
  }

  public boolean hasVolumes() {
    return !volumes.isEmpty();
  }

  /** The same content under fresh tracing ids (for copies: duplicate, merge, reset, assignment). */
  public AnnotationContent withFreshTracingIds() {
    List<VolumeLayer> vs = new ArrayList<>();
    for (VolumeLayer v : volumes) {
      vs.add(new VolumeLayer(Ids.newTracingId(), v.element(), v.data()));
    }
    return new AnnotationContent(skeleton, skeleton == null ? null : Ids.newTracingId(), vs);
  }

  /** The skeleton as an NML document including the volume elements, for merging. */
  public Nml asNml(Nml.Parameters fallbackParameters) {
    Nml base = skeleton != null ? skeleton : Nml.empty(fallbackParameters);
    List<Nml.Volume> elements = new ArrayList<>();
    for (VolumeLayer v : volumes) {
      elements.add(v.element());
    }
    return base.withVolumes(elements);
  }
}
