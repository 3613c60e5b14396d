package org.wkcheck.validate;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.wkcheck.contract.Violation;
import org.wkcheck.report.Xml;
import org.wkcheck.validate.ExchangeValidator.Result;
import org.wkcheck.validate.ExchangeValidator.Verdict;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The verdicts of one {@code ./wkcheck validate} run, kept for a machine-readable report: JSON
 * (every exchange with its verdict, route, schema, violations and notices; the inputs skipped; the
 * counts, also by API version) or JUnit XML (an exchange a test case: a violation a failure, an
 * undocumented exchange a skip, an unreadable input an error). Bodies are never copied into it.
 */
public final class ValidationReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final List<Result> results = new ArrayList<>();
  private final List<ExchangeReader.Problem> problems = new ArrayList<>();

  public void add(Result r) {
    results.add(r);
  }

  public void add(ExchangeReader.Problem p) {
    problems.add(p);
  }

  public void writeJson(PrintStream out) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    Map<String, int[]> byVersion = new TreeMap<>();
    int[] total = new int[Verdict.values().length];
    for (Result r : results) {
      total[r.verdict().ordinal()]++;
      byVersion
          .computeIfAbsent(r.exchange().apiVersionLabel(), k -> new int[Verdict.values().length])[
          r.verdict().ordinal()]++;
    }
    counts(summary, total);
    summary.put("skipped", problems.size());
    ObjectNode versions = summary.putObject("byApiVersion");
    byVersion.forEach((v, c) -> counts(versions.putObject(v), c));
    ArrayNode exchanges = root.putArray("exchanges");
    for (Result r : results) {
      exchange(exchanges.addObject(), r);
    }
    ArrayNode skipped = root.putArray("skipped");
    for (ExchangeReader.Problem p : problems) {
      skipped.addObject().put("source", p.source()).put("message", p.message());
    }
    out.println(JSON.writeValueAsString(root));
  }

  private static void exchange(ObjectNode n, Result r) {
    RecordedExchange e = r.exchange();
    n.put("source", e.source());
    n.put("method", e.method());
    n.put("path", e.path());
    n.put("status", e.status());
    n.put("verdict", r.verdict().name());
    n.put("route", r.route());
    n.put("schema", r.schema());
    violations(n.putArray("violations"), r.violations());
    violations(n.putArray("notices"), r.notices());
  }

  private static void counts(ObjectNode n, int[] c) {
    n.put("conform", c[Verdict.CONFORMS.ordinal()]);
    n.put("violate", c[Verdict.VIOLATES.ordinal()]);
    n.put("notDocumented", c[Verdict.NOT_DOCUMENTED.ordinal()]);
  }

  private static void violations(ArrayNode into, List<Violation> vs) {
    for (Violation v : vs) {
      into.addObject()
          .put("pointer", v.pointer())
          .put("keyword", v.keyword())
          .put("schemaLocation", v.schemaLocation())
          .put("message", v.message());
    }
  }

  public void writeJunit(OutputStream out) {
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", "wkcheck validate");
      x.writeAttribute("tests", Integer.toString(results.size() + problems.size()));
      x.writeAttribute("failures", Long.toString(count(Verdict.VIOLATES)));
      x.writeAttribute("skipped", Long.toString(count(Verdict.NOT_DOCUMENTED)));
      x.writeAttribute("errors", Integer.toString(problems.size()));
      for (Result r : results) {
        RecordedExchange e = r.exchange();
        x.writeStartElement("testcase");
        x.writeAttribute(
            "name",
            Xml.clean(e.method() + " " + e.path() + " " + e.status() + " [" + e.source() + "]"));
        x.writeAttribute("classname", Xml.clean(r.route() == null ? "not documented" : r.route()));
        if (r.verdict() == Verdict.VIOLATES) {
          x.writeStartElement("failure");
          x.writeAttribute(
              "message",
              Xml.clean(r.violations().size() + " violation(s) of " + String.valueOf(r.schema())));
          StringBuilder text = new StringBuilder();
          r.violations().forEach(v -> text.append(v).append('\n'));
          x.writeCharacters(Xml.clean(text.toString()));
          x.writeEndElement();
        } else if (r.verdict() == Verdict.NOT_DOCUMENTED) {
          x.writeEmptyElement("skipped");
          x.writeAttribute("message", "matches no documented route");
        }
        x.writeEndElement();
      }
      for (ExchangeReader.Problem p : problems) {
        x.writeStartElement("testcase");
        x.writeAttribute("name", Xml.clean(p.source()));
        x.writeAttribute("classname", "input");
        x.writeEmptyElement("error");
        x.writeAttribute("message", Xml.clean(p.message()));
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit XML: " + e.getMessage(), e);
    }
  }

  private long count(Verdict v) {
    return results.stream().filter(r -> r.verdict() == v).count();
  }
}
