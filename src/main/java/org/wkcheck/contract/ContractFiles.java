package org.wkcheck.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the contract files come from: the {@code schemas/} folder of the project (when a path is
 * given), else the copy of it on the classpath (inside the harness jar).
 */
public final class ContractFiles {
  /** The base of every schema {@code $id}; never fetched, only mapped to these files. */
  public static final String BASE_IRI = "https://wkcheck.invalid/schemas/";

  private final Path folder;

  private ContractFiles(Path folder) {
    this.folder = folder;
  }

  public static ContractFiles classpath() {
    return new ContractFiles(null);
  }

  public static ContractFiles folder(Path schemasFolder) {
    return new ContractFiles(schemasFolder);
  }

  /** The text of a contract file, by its path below {@code schemas/}, if it exists. */
  public Optional<String> read(String relativePath) {
    if (relativePath.contains("..")) {
      return Optional.empty();
    }
    try {
      if (folder != null) {
        Path p = folder.resolve(relativePath);
        return Files.isRegularFile(p)
            ? Optional.of(Files.readString(p, StandardCharsets.UTF_8))
            : Optional.empty();
      }
      try (InputStream in =
          ContractFiles.class.getClassLoader().getResourceAsStream("schemas/" + relativePath)) {
        return in == null
            ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ContractException("cannot read schemas/" + relativePath + ": " + e.getMessage(), e);
    }
  }

  public String require(String relativePath) {
    return read(relativePath)
        .orElseThrow(() -> new ContractException("missing contract file schemas/" + relativePath));
  }

  /** The path below {@code schemas/} that an absolute schema IRI names, if it is one of ours. */
  public static Optional<String> relativePathOf(String iri) {
    String noFragment = iri.contains("#") ? iri.substring(0, iri.indexOf('#')) : iri;
    return noFragment.startsWith(BASE_IRI)
        ? Optional.of(noFragment.substring(BASE_IRI.length()))
        : Optional.empty();
  }
}
