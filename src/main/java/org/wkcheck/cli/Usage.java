package org.wkcheck.cli;

/**
 * Bad usage: a flag, a file or a missing token that makes a command unable to start. {@link Main}
 * prints {@code wkcheck <command>: <message>} and exits 2; nothing has been sent to a target.
 */
final class Usage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Usage(String message) {
    super(message);
  }

  /** The named faults ({@code --fault}); an unknown name is bad usage. */
  static java.util.List<org.wkcheck.server.faults.Fault> faults(java.util.List<String> names) {
    java.util.List<org.wkcheck.server.faults.Fault> out = new java.util.ArrayList<>();
    for (String name : names == null ? java.util.List.<String>of() : names) {
      out.add(
          org.wkcheck.server.faults.Fault.byId(name)
              .orElseThrow(() -> new Usage("no fault " + name + " (./wkcheck faults --list)")));
    }
    return out;
  }
}
