package org.wkcheck.contract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The NML schema (XSD) of the contract, checked with the JDK's XML validation; no external DTD or
 * schema is ever fetched, and no DOCTYPE is processed.
 *
 * <p>The JDK checks the XSD's identity constraints (unique node and tree ids, edges within their
 * tree, ...) in quadratic time. A document whose identity constraints select more than {@link
 * #IDENTITY_XSD_LIMIT} elements is therefore checked by the XSD without them plus {@link
 * IdentityConstraints}, a linear check of the same constraints that reports the same violations in
 * the same words. Both paths report at most {@link #MAX_VIOLATIONS} violations and count the rest.
 */
public final class NmlSchema {
  /**
   * Up to this many elements selected by the identity constraints (nodes, edges, trees, comments,
   * branchpoints, groups), the XSD checks them itself; above, the linear check does. Measured with
   * {@code src/test/bench/nml-identity.sh} on this project's shared 2-core machine (whole check,
   * XSD path against linear path, NMLs of 100 trees): 2 500 nodes (5 053 selected) 0.19 s against
   * 0.13 s; 5 000 nodes (10 103) 0.8 s against 0.3 s; 10 000 nodes 3.1 s against 0.5 s; 40 000
   * nodes 12.7 s against 0.4 s; 1.5 million nodes more than 5 minutes against 14 s. The cost of the
   * XSD's check starts to matter between 5 000 and 10 000 selected elements.
   */
  public static final int IDENTITY_XSD_LIMIT = 10_000;

  /** NML nests four elements deep, tree groups a few more; deeper XML is refused. */
  public static final int MAX_DEPTH = 256;

  /** Violations listed per document; the rest are counted. */
  public static final int MAX_VIOLATIONS = 100;

  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

  private final Schema schema;
  private final Schema withoutIdentity;
  private final IdentityConstraints identity;
  private final String path;

  public NmlSchema(ContractFiles files, String relativePath) {
    this.path = relativePath;
    String text = files.require(relativePath);
    try {
      SchemaFactory f = SchemaFactory.newDefaultInstance();
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Document xsd = parse(text);
      this.schema = f.newSchema(new DOMSource(xsd));
      this.identity = IdentityConstraints.of(xsd, relativePath);
      this.withoutIdentity = f.newSchema(new DOMSource(withoutIdentityConstraints(xsd)));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new ContractException(
          "schemas/" + relativePath + " is not a valid XML Schema: " + e.getMessage(), e);
    }
  }

  private static Document parse(String xsd)
      throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xsd)));
  }

  /** A copy of the schema without its xs:unique, xs:key and xs:keyref declarations. */
  private static Document withoutIdentityConstraints(Document xsd) {
    Document copy = (Document) xsd.cloneNode(true);
    List<Element> constraints = new ArrayList<>();
    NodeList all = copy.getElementsByTagNameNS(XS, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (List.of("unique", "key", "keyref").contains(e.getLocalName())) {
        constraints.add(e);
      }
    }
    for (Element e : constraints) {
      e.getParentNode().removeChild(e);
    }
    return copy;
  }

  /**
   * The violations of an NML document: where (line:column) and what. A document beyond a bound of
   * {@link #check} is reported as one violation (keyword {@code limit}), for callers that judge a
   * server's answer and count that against it.
   */
  public List<Violation> validate(byte[] nml) {
    try {
      return check(nml);
    } catch (InputRefused e) {
      return List.of(new Violation("", "limit", path, e.getMessage(), false));
    }
  }

  /**
   * The violations of an NML document; refused when it nests deeper than {@link #MAX_DEPTH}
   * elements or declares a DOCTYPE.
   */
  public List<Violation> check(byte[] nml) throws InputRefused {
    return check(nml, IdentityCheck.BY_SIZE);
  }

  /** Who checks the XSD's identity constraints. */
  public enum IdentityCheck {
    /** The XSD up to {@link #IDENTITY_XSD_LIMIT} selected elements, the linear check above. */
    BY_SIZE,
    /** The XSD itself, whatever the size (quadratic: for tests and measurements). */
    XSD,
    /** The linear check, whatever the size. */
    LINEAR
  }

  /** As {@link #check(byte[])}, the identity constraints checked as {@code how} says. */
  public List<Violation> check(byte[] nml, IdentityCheck how) throws InputRefused {
    IdentityConstraints.Result ids = identity.check(nml, MAX_DEPTH, MAX_VIOLATIONS);
    boolean useLinear =
        switch (how) {
          case BY_SIZE -> ids.selected() > IDENTITY_XSD_LIMIT;
          case XSD -> false;
          case LINEAR -> true;
        };
    List<Found> found = new ArrayList<>();
    long[] total = {0};
    xsd(useLinear ? withoutIdentity : schema, nml, found, total);
    if (useLinear) {
      for (IdentityConstraints.Finding f : ids.findings()) {
        found.add(new Found(f.line(), f.column(), "xsd", f.message()));
      }
      total[0] += ids.total();
      // in document order, as one pass reports them; at one place the XSD's own findings first
      found.sort(Comparator.comparingInt(Found::line).thenComparingInt(Found::column));
    }
    List<Violation> out = new ArrayList<>();
    for (Found f : found.subList(0, Math.min(found.size(), MAX_VIOLATIONS))) {
      out.add(f.violation(path));
    }
    if (total[0] > out.size()) {
      out.add(
          new Violation(
              "",
              "xsd",
              path,
              (total[0] - out.size()) + " more violations not listed (" + MAX_VIOLATIONS + " are)",
              false));
    }
    return out;
  }

  /** How many elements the identity constraints select in a document: what decides the path. */
  public long selected(byte[] nml) throws InputRefused {
    return identity.check(nml, MAX_DEPTH, 0).selected();
  }

  private record Found(int line, int column, String keyword, String message) {
    Violation violation(String path) {
      return new Violation(
          line < 0 ? "" : "line " + line + ":" + column, keyword, path, message, false);
    }
  }

  /** A validator of the schema that fetches no external DTD or schema. */
  public static Validator closedValidator(Schema s) {
    Validator v = s.newValidator();
    try {
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
    return v;
  }

  private void xsd(Schema s, byte[] nml, List<Found> found, long[] total) throws InputRefused {
    Validator v = closedValidator(s);
    try {
      // English messages whatever the machine's locale, as the linear check words them
      v.setProperty("http://apache.org/xml/properties/locale", Locale.ENGLISH);
    } catch (SAXException notXerces) {
      // another implementation: its own words
    }
    java.util.function.Consumer<SAXParseException> add =
        e -> {
          if (++total[0] <= MAX_VIOLATIONS) {
            found.add(new Found(e.getLineNumber(), e.getColumnNumber(), "xsd", e.getMessage()));
          }
        };
    v.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            add.accept(e);
          }

          @Override
          public void fatalError(SAXParseException e) {
            add.accept(e);
          }
        });
    try {
      v.validate(new SAXSource(hardenedReader(), new InputSource(new ByteArrayInputStream(nml))));
    } catch (SAXParseException e) {
      if (total[0] == 0) {
        add.accept(e);
      }
    } catch (SAXException | IOException e) {
      total[0]++;
      found.add(new Found(-1, -1, "xml", "not readable as XML: " + e.getMessage()));
    }
  }

  /** A namespace-aware SAX parser that refuses a DOCTYPE and XML deeper than {@link #MAX_DEPTH}. */
  private static org.xml.sax.XMLReader hardenedReader() {
    try {
      SAXParserFactory f = SAXParserFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      SAXParser p = f.newSAXParser();
      p.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
      return p.getXMLReader();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser cannot be hardened", e);
    }
  }
}
