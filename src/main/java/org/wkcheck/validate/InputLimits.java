package org.wkcheck.validate;

import org.wkcheck.http.Sizes;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds that keep {@code validate} finite in time and memory on hostile recordings. Every size
 * is checked before anything is read into memory, and read again through a bounded stream, never
 * trusting what a header or the file system claims. One file is read and validated at a time; the
 * largest thing held at once is one input file's JSON tree plus one body.
 *
 * @param maxBody the largest body: a {@code body_file}, a decoded HAR body, one ZIP entry, an
 *     exchange file (which holds its body); {@code --max-body}, {@link #DEFAULT_MAX_BODY} by
 *     default
 */
public record InputLimits(long maxBody) {
  /**
   * 64 MiB: 250 times the largest real recording seen (a dataset list of 230 KB), room for an NML
   * of about 300 000 nodes, and small enough that a body, its JSON tree and the validator's work
   * stay far below a gigabyte.
   */
  public static final long DEFAULT_MAX_BODY = 64L << 20;

  /** A HAR holds many bodies: up to this many times {@code maxBody} (256 MiB by default). */
  public static final int HAR_FACTOR = 4;

  /** A ZIP body may unpack to this many times {@code maxBody} in all (256 MiB by default). */
  public static final int ZIP_TOTAL_FACTOR = 4;

  /** Entries of a ZIP body (a webKnossos download holds an NML and a few data files). */
  public static final int MAX_ZIP_ENTRIES = 10_000;

  /**
   * Uncompressed to compressed size of a ZIP body, checked once it has unpacked more than {@link
   * #ZIP_RATIO_FLOOR}. NML compresses about 5 to 20 times; a ZIP bomb of zeros about 1000 times.
   */
  public static final int MAX_ZIP_RATIO = 100;

  public static final long ZIP_RATIO_FLOOR = 1L << 20;

  /** JSON nesting: real answers nest about ten levels; deep nesting costs stack in validators. */
  public static final int MAX_JSON_DEPTH = 200;

  /**
   * Tokens of an exchange file or a JSON body. What a body costs grows with its tokens: its tree
   * takes up to about 60 bytes per token, and the schema validator's errors up to about 340 bytes
   * per wrong item (only 1000 are kept, but inside an {@code anyOf} all of them are made before
   * that): 2.4 million wrong items took 1.4 GB. Two million tokens are about 15 MB of typical JSON,
   * 100 times the largest real answer seen (a dataset list of 19 548 tokens).
   */
  public static final long MAX_JSON_TOKENS = 2_000_000;

  /**
   * Tokens of a HAR file's own structure (each body in it again within {@link #MAX_JSON_TOKENS}).
   */
  public static final long MAX_HAR_TOKENS = 8_000_000;

  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  public static final InputLimits DEFAULTS = new InputLimits(DEFAULT_MAX_BODY);

  public InputLimits {
    if (maxBody < 1 || maxBody > MAX_ARRAY) {
      throw new IllegalArgumentException(
          "the body bound must lie between 1 byte and "
              + Sizes.size(MAX_ARRAY)
              + " (a body is held in memory)");
    }
  }

  public long maxHar() {
    return HAR_FACTOR * maxBody;
  }

  public long maxZipTotal() {
    return ZIP_TOTAL_FACTOR * maxBody;
  }

  /**
   * A JSON mapper that stops at {@code maxDocument} bytes, {@code maxTokens} tokens and the nesting
   * bound; strings may be as long as the document (a HAR's base64 bodies are bounded when decoded).
   */
  static JsonMapper json(long maxDocument, long maxTokens) {
    return JsonMapper.builder(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder()
                        .maxDocumentLength(maxDocument)
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .maxTokenCount(maxTokens)
                        .maxStringLength((int) Math.min(maxDocument, MAX_ARRAY))
                        .build())
                .build())
        .build();
  }

  /** Which bound a {@link StreamConstraintsException} broke, in the words of these bounds. */
  static String describe(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("NestingDepth")) {
      return "JSON nested deeper than " + MAX_JSON_DEPTH + " levels";
    } else if (m.contains("TokenCount")) {
      return "JSON of more tokens than the bound ("
          + MAX_JSON_TOKENS
          + " for a body or exchange file, "
          + MAX_HAR_TOKENS
          + " for a HAR file)";
    } else if (m.contains("DocumentLength")) {
      return "JSON longer than its file's bound";
    }
    return "JSON beyond a bound: " + m;
  }
}
