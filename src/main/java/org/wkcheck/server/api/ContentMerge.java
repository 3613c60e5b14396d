package org.wkcheck.server.api;

import java.util.ArrayList;
import java.util.List;
import org.wkcheck.nml.Nml;
import org.wkcheck.nml.NmlMerge;
import org.wkcheck.nml.NmlMerge.FileMarking;
import org.wkcheck.nml.NmlMerge.NamedNml;
import org.wkcheck.server.http.ApiException;
import org.wkcheck.server.world.AnnotationContent;
import org.wkcheck.server.world.AnnotationContent.VolumeLayer;
import org.wkcheck.server.world.Dataset;
import org.wkcheck.server.world.Ids;

/**
 * The content of annotations made of others: merges (of two annotations, of a compound) and uploads
 * of several files, as webKnossos makes them (facts file sections 10 and 11).
 */
final class ContentMerge {
  private ContentMerge() {}

  /**
   * Skeletons merged with shifted ids, and all volume layers merged into one, as webKnossos merges
   * annotations (facts file section 11).
   */
  static AnnotationContent merge(List<AnnotationContent> contents, Dataset ds) {
    Nml.Parameters p = Nml.Parameters.of(ds.name(), ds.organization().name(), ds.scale());
    List<Nml> skeletons = new ArrayList<>();
    List<VolumeLayer> volumes = new ArrayList<>();
    for (AnnotationContent c : contents) {
      if (c.hasSkeleton()) {
        skeletons.add(c.skeleton());
      }
      volumes.addAll(c.volumes());
    }
    boolean hasSkeleton = !skeletons.isEmpty() || volumes.isEmpty();
    Nml skeleton =
        skeletons.isEmpty() ? (hasSkeleton ? Nml.empty(p) : null) : NmlMerge.merge(skeletons);
    return new AnnotationContent(
        skeleton, hasSkeleton ? Ids.newTracingId() : null, asOneVolumeLayer(volumes));
  }

  /**
   * Uploaded files as one annotation: skeletons combined as {@code createGroupForEachFile} says; a
   * single file keeps its volume layers, several files with at most one each are merged into one
   * layer, and several files of which one has more layers are refused (facts file section 10).
   */
  static AnnotationContent ofUploads(List<AnnotationFiles.ParsedNml> parsed, FileMarking marking) {
    List<NamedNml> named = new ArrayList<>();
    List<VolumeLayer> volumes = new ArrayList<>();
    boolean anyTrees = false;
    for (AnnotationFiles.ParsedNml p : parsed) {
      named.add(new NamedNml(p.fileName(), p.nml().withVolumes(List.of())));
      anyTrees |= !p.nml().trees().isEmpty();
      List<VolumeLayer> ofFile = AnnotationFiles.content(p).volumes();
      if (parsed.size() > 1 && ofFile.size() > 1) {
        throw ApiException.badRequest(
            "Cannot merge multiple annotations that each have multiple volume layers.");
      }
      volumes.addAll(ofFile);
    }
    boolean hasSkeleton = anyTrees || volumes.isEmpty();
    Nml skeleton = hasSkeleton ? NmlMerge.combineUploads(named, marking) : null;
    return new AnnotationContent(
        skeleton,
        hasSkeleton ? Ids.newTracingId() : null,
        parsed.size() > 1 ? asOneVolumeLayer(volumes) : volumes);
  }

  /**
   * Volume layers merged into one under a fresh tracing id, named as they all are (else "Volume").
   * The voxel data is opaque to the reference server, so the merged layer keeps the data of the
   * first layer; the layer structure is what the documented routes expose.
   */
  private static List<VolumeLayer> asOneVolumeLayer(List<VolumeLayer> volumes) {
    if (volumes.isEmpty()) {
      return List.of();
    }
    String name = volumes.get(0).element().name();
    for (VolumeLayer v : volumes) {
      if (name == null || !name.equals(v.element().name())) {
        name = "Volume";
      }
    }
    VolumeLayer first = volumes.get(0);
    return List.of(
        new VolumeLayer(Ids.newTracingId(), first.element().withIdAndName(0, name), first.data()));
  }
}
