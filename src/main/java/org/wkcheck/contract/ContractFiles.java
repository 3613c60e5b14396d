package org.wkcheck.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the contract files come from: the {@code schemas/} folder of the project (when a path is
 * given), else the copy of it on the classpath (inside the harness jar).
 */
public final class ContractFiles {
  static final JsonMapper CATALOG_JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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

  /**
   * The JSON file at that path read as {@code type} (properties the type lacks are ignored); a
   * ContractException saying it is not a valid {@code what} when it does not read.
   */
  public <T> T requireJson(String relativePath, Class<T> type, String what) {
    try {
      return CATALOG_JSON.readValue(require(relativePath), type);
    } catch (tools.jackson.core.JacksonException e) {
      throw new ContractException(
          "schemas/" + relativePath + " is not a valid " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The path below {@code schemas/} that an absolute schema IRI names, if it is one of ours. */
  public static Optional<String> relativePathOf(String iri) {
    String noFragment = iri.contains("#") ? iri.substring(0, iri.indexOf('#')) : iri;
    return noFragment.startsWith(BASE_IRI)
        ? Optional.of(noFragment.substring(BASE_IRI.length()))
        : Optional.empty();
  }
}
