package org.wkcheck.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wkcheck.contract.Contract;
import org.wkcheck.contract.NmlSchema;
import org.wkcheck.contract.NmlSchema.IdentityCheck;
import org.wkcheck.contract.Violation;

/**
 * A one-off measurement (not a test, not JMH: the quadratic path takes minutes) of the NML schema
 * check on generated NMLs of N nodes in 100 trees (chains, so N - 100 edges, and a comment and a
 * branchpoint per 100 nodes): the time of the XSD's own identity check, of the linear one, and
 * which one {@link NmlSchema#check(byte[])} takes. Run with {@code src/test/bench/nml-identity.sh
 * [--xsd-up-to N] NODES...}; the XSD path is skipped above {@code --xsd-up-to} (default 40 000).
 */
public final class NmlIdentityMeasurement {
  private NmlIdentityMeasurement() {}

  public static void main(String[] args) throws Exception {
    long xsdUpTo = 40_000;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--xsd-up-to")) {
        xsdUpTo = Long.parseLong(args[++i]);
      } else {
        sizes.add(Integer.parseInt(args[i].replace("_", "")));
      }
    }
    NmlSchema schema = Contract.documented().nmlSchema("nml/nml.xsd");
    byte[] warmUp = nml(2_000);
    for (int i = 0; i < 5; i++) {
      schema.check(warmUp, IdentityCheck.XSD);
      schema.check(warmUp, IdentityCheck.LINEAR);
    }
    System.out.println(
        "nodes      MB  selected  by size  xsd path (s)  linear path (s)  violations");
    for (int nodes : sizes) {
      byte[] doc = nml(nodes);
      long selected = schema.selected(doc);
      String xsd = "-";
      if (nodes <= xsdUpTo) {
        xsd = seconds(schema, doc, IdentityCheck.XSD);
      }
      String linear = seconds(schema, doc, IdentityCheck.LINEAR);
      List<Violation> v = schema.check(doc);
      System.out.printf(
          Locale.ROOT,
          "%-9d %4d  %8d  %-7s  %12s  %15s  %d%n",
          nodes,
          doc.length >> 20,
          selected,
          selected > NmlSchema.IDENTITY_XSD_LIMIT ? "linear" : "xsd",
          xsd,
          linear,
          v.size());
    }
  }

  private static String seconds(NmlSchema schema, byte[] doc, IdentityCheck how) throws Exception {
    long t0 = System.nanoTime();
    List<Violation> v = schema.check(doc, how);
    double s = (System.nanoTime() - t0) / 1e9;
    if (!v.isEmpty()) {
      throw new IllegalStateException("the generated NML violates: " + v.get(0));
    }
    return String.format(Locale.ROOT, "%.2f", s);
  }

  /** A valid NML of {@code nodes} nodes in 100 chained trees. */
  static byte[] nml(int nodes) throws java.io.IOException {
    int trees = 100;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(nodes * 200);
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      w.write("<things>\n<meta name=\"writer\" content=\"NmlIdentityMeasurement\"/>\n");
      w.write(
          "<parameters><experiment name=\"ds\"/><scale x=\"1\" y=\"1\" z=\"1\"/></parameters>\n");
      int id = 1;
      for (int t = 1; t <= trees; t++) {
        int count = nodes / trees + (t <= nodes % trees ? 1 : 0);
        w.write("<thing id=\"" + t + "\" color.r=\"1\" color.g=\"0\" color.b=\"0\" color.a=\"1\"");
        w.write(" name=\"tree " + t + "\" groupId=\"" + (t % 3 + 1) + "\">\n<nodes>\n");
        for (int i = 0; i < count; i++) {
          w.write("<node id=\"" + (id + i) + "\" radius=\"1.5\" x=\"" + i + "\" y=\"2\" z=\"3\"");
          w.write(" rotX=\"0.0\" rotY=\"0.0\" rotZ=\"0.0\" inVp=\"0\" inMag=\"0\" bitDepth=\"8\"");
          w.write(" interpolation=\"false\" time=\"1600000000000\"/>\n");
        }
        w.write("</nodes>\n<edges>\n");
        for (int i = 1; i < count; i++) {
          w.write("<edge source=\"" + (id + i - 1) + "\" target=\"" + (id + i) + "\"/>\n");
        }
        w.write("</edges>\n</thing>\n");
        id += count;
      }
      w.write("<branchpoints>\n");
      for (int i = 1; i < id; i += 100) {
        w.write("<branchpoint id=\"" + i + "\" time=\"0\"/>\n");
      }
      w.write("</branchpoints>\n<comments>\n");
      for (int i = 1; i < id; i += 100) {
        w.write("<comment node=\"" + i + "\" content=\"c\"/>\n");
      }
      w.write(
          "</comments>\n<groups><group name=\"a\" id=\"1\"><group name=\"b\" id=\"2\"/></group>");
      w.write("<group name=\"c\" id=\"3\"/></groups>\n</things>\n");
    }
    return bytes.toByteArray();
  }
}
