package org.wkcheck.conformance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.wkcheck.conformance.http.Exchange;
import org.wkcheck.report.Xml;

/**
 * Writes the JUnit XML of a run, one {@code TEST-<class>.xml} per test class in {@code junit/},
 * from the run's outcomes: each test case carries the requirement ids it checks (and its rerun
 * command) as properties, a failure its title, expected, actual and the request, a skip its reason;
 * each suite the target and API prefix. What a target sent is reduced to characters XML can hold.
 */
public final class JUnitWriter {
  private JUnitWriter() {}

  public static void write(ConformanceReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, List<TestOutcome>> byClass = new LinkedHashMap<>();
    for (TestOutcome t : report.tests()) {
      byClass.computeIfAbsent(t.className(), k -> new java.util.ArrayList<>()).add(t);
    }
    for (Map.Entry<String, List<TestOutcome>> e : byClass.entrySet()) {
      try (OutputStream out = Files.newOutputStream(dir.resolve("TEST-" + e.getKey() + ".xml"))) {
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        suite(x, report, e.getKey(), e.getValue());
        x.close();
      } catch (XMLStreamException ex) {
        throw new IOException("cannot write the JUnit XML of " + e.getKey() + ": " + ex, ex);
      }
    }
  }

  private static void suite(
      XMLStreamWriter x, ConformanceReport report, String className, List<TestOutcome> tests)
      throws XMLStreamException {
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", className);
    x.writeAttribute("tests", Integer.toString(tests.size()));
    x.writeAttribute("failures", Long.toString(count(tests, TestOutcome.Status.FAILED)));
    x.writeAttribute("skipped", Long.toString(count(tests, TestOutcome.Status.SKIPPED)));
    x.writeAttribute("errors", "0");
    x.writeAttribute("time", seconds(tests.stream().mapToLong(TestOutcome::millis).sum()));
    x.writeStartElement("properties");
    property(x, "target", report.target());
    property(x, "apiPrefix", report.apiVersion() == null ? "/api" : "/api/v" + report.apiVersion());
    property(x, "profile", report.profile());
    property(x, "runId", report.runId());
    x.writeEndElement();
    for (TestOutcome t : tests) {
      x.writeStartElement("testcase");
      String name = t.name();
      x.writeAttribute("name", Xml.clean(name.substring(name.indexOf('.') + 1)));
      x.writeAttribute("classname", className);
      x.writeAttribute("time", seconds(t.millis()));
      x.writeStartElement("properties");
      for (String id : t.requirements()) {
        property(x, "requirement", id);
      }
      if (t.rerun() != null) {
        property(x, "rerun", t.rerun());
      }
      x.writeEndElement();
      if (t.status() == TestOutcome.Status.FAILED) {
        TestOutcome.Failure f = t.failure();
        x.writeStartElement("failure");
        x.writeAttribute("message", Xml.clean(f.title()));
        x.writeAttribute("type", "requirement " + String.join(", ", t.requirements()));
        Exchange e = f.exchange();
        x.writeCharacters(
            Xml.clean(
                "expected: "
                    + f.expected()
                    + "\nactual: "
                    + f.actual()
                    + (e == null
                        ? ""
                        : "\nrequest: " + e.requestLine() + "\nanswer: " + e.status())));
        x.writeEndElement();
      } else if (t.status() == TestOutcome.Status.SKIPPED) {
        x.writeEmptyElement("skipped");
        x.writeAttribute("message", Xml.clean(String.valueOf(t.skipReason())));
      }
      x.writeEndElement();
    }
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndDocument();
  }

  private static long count(List<TestOutcome> tests, TestOutcome.Status status) {
    return tests.stream().filter(t -> t.status() == status).count();
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", Xml.clean(value == null ? "" : value));
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
