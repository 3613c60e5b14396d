package org.wkcheck.server.http;

import tools.jackson.databind.JsonNode;

/**
 * A route's answer, kept until every {@link RouteFilter} has seen it and then sent by the {@link
 * Router}: a JSON document, a file download, or other text.
 *
 * @param json the body of a JSON answer, else null
 * @param body the bytes of any other answer, else null
 * @param fileName for a download, the name of the file, else null
 * @param attachment for a download, whether it carries {@code Content-Disposition: attachment}
 * @param streamed for a download, whether it goes out as a stream without a length (chunked over
 *     HTTP/1.1), as the document says; else with a {@code Content-Length}
 */
public record Answer(
    int status,
    String contentType,
    JsonNode json,
    byte[] body,
    String fileName,
    boolean attachment,
    boolean streamed) {

  public static Answer json(int status, JsonNode json) {
    return new Answer(status, Call.JSON, json, null, null, false, false);
  }

  /** A download: the bytes as an attachment named {@code fileName}, sent as a chunked stream. */
  public static Answer file(String contentType, String fileName, byte[] bytes) {
    return new Answer(200, contentType, null, bytes, fileName, true, true);
  }

  public static Answer text(int status, String contentType, String text) {
    return new Answer(
        status,
        contentType,
        null,
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        null,
        false,
        false);
  }

  public boolean isFile() {
    return fileName != null;
  }

  public Answer withStatus(int newStatus) {
    return new Answer(newStatus, contentType, json, body, fileName, attachment, streamed);
  }

  public Answer withContentType(String newType) {
    return new Answer(status, newType, json, body, fileName, attachment, streamed);
  }

  /** The same download with other bytes under another name. */
  public Answer withFile(String newFileName, byte[] newBytes) {
    return new Answer(status, contentType, json, newBytes, newFileName, attachment, streamed);
  }

  public Answer withAttachment(boolean newAttachment) {
    return new Answer(status, contentType, json, body, fileName, newAttachment, streamed);
  }

  public Answer withStreamed(boolean newStreamed) {
    return new Answer(status, contentType, json, body, fileName, attachment, newStreamed);
  }
}
