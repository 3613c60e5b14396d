package org.wkcheck.contract;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The identity constraints of an XML Schema ({@code xs:unique}, {@code xs:key}, {@code xs:keyref}),
 * checked in one streaming pass with hash sets. The JDK's validator (Xerces) keeps the values of a
 * constraint in a list and scans it for every new value, which makes its check quadratic in the
 * number of selected elements: an NML of 40 000 nodes took 44 s. This check is linear and reports
 * what Xerces reports, in Xerces' (English) words and at the same line and column: every repeated
 * value of a unique or key at the element that repeats it, a key's missing value, and per keyref
 * and scope the first value that refers to nothing (or that no key is in scope at all), at the end
 * of the scope, keyrefs of one element in reverse order of declaration.
 *
 * <p>It understands the subset of identity constraints that {@code nml.xsd} uses, and refuses a
 * schema that goes beyond it (a {@link ContractException} when the schema is loaded): constraints
 * on element declarations nested inline below a global element (their scope is that path of element
 * names, found at any depth, since a lax wildcard may admit the global element anywhere); selectors
 * of child steps with an optional leading {@code .//} and {@code |} alternatives; one field, an
 * attribute, whose declarations are all of an integer type (so values compare as integers, as
 * Xerces compares typed values: {@code "01"} repeats {@code "1"}).
 *
 * <p>Known difference: a value that is not an integer at all (already a type violation) compares as
 * text here, where Xerces compares it as absent; the follow-up identity message may then differ.
 */
final class IdentityConstraints {
  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
  private static final Set<String> INTEGER_TYPES =
      Set.of(
          "integer",
          "int",
          "long",
          "short",
          "byte",
          "nonNegativeInteger",
          "nonPositiveInteger",
          "positiveInteger",
          "negativeInteger",
          "unsignedLong",
          "unsignedInt",
          "unsignedShort",
          "unsignedByte");
  private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  /**
   * How deep the scopes of one constraint may nest (an NML never nests them: only a lax wildcard
   * can admit a second {@code things} inside a tree). Each nested scope may select the same element
   * again, so this bounds the work and the memory per element.
   */
  static final int MAX_NESTED_SCOPES = 8;

  enum Kind {
    UNIQUE,
    KEY,
    KEYREF
  }

  /**
   * A selector alternative: child steps ({@code *} matches any name), below any depth if {@code
   * descendant}.
   */
  record Selector(boolean descendant, List<String> steps) {}

  /** One constraint, {@code index} its position in the schema. */
  record Constraint(
      int index,
      Kind kind,
      String name,
      String refer,
      List<String> scope,
      List<Selector> selectors,
      String field) {}

  /** One finding: where (as the JDK's parsers count lines and columns) and Xerces' message. */
  record Finding(int line, int column, String message) {}

  /**
   * What a pass found: the elements the selectors picked (the measure of the work the XSD's own
   * check would do), the first {@code maxFindings} findings and how many there were in all, and
   * whether the document was well-formed to its end (a pass stops at the first fatal error, as the
   * XSD's validation does).
   */
  record Result(long selected, List<Finding> findings, long total, boolean wellFormed) {}

  private final List<Constraint> constraints;
  private final Constraint[] referred; // per constraint index: the key a keyref refers to

  private IdentityConstraints(List<Constraint> constraints) {
    this.constraints = constraints;
    this.referred = new Constraint[constraints.size()];
    Map<String, Constraint> byName = new HashMap<>();
    for (Constraint c : constraints) {
      byName.put(c.name(), c);
    }
    for (Constraint c : constraints) {
      if (c.kind() == Kind.KEYREF) {
        Constraint r = byName.get(c.refer());
        if (r == null || r.kind() == Kind.KEYREF) {
          throw new ContractException(
              "keyref " + c.name() + " refers to " + c.refer() + ", which is no key or unique");
        }
        referred[c.index()] = r;
      }
    }
  }

  List<Constraint> constraints() {
    return constraints;
  }

  /**
   * The identity constraints declared in a schema; a {@link ContractException} names what this
   * check cannot evaluate.
   */
  static IdentityConstraints of(Document xsd, String path) {
    List<Constraint> out = new ArrayList<>();
    NodeList all = xsd.getElementsByTagNameNS(XS, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      Kind kind =
          switch (e.getLocalName()) {
            case "unique" -> Kind.UNIQUE;
            case "key" -> Kind.KEY;
            case "keyref" -> Kind.KEYREF;
            default -> null;
          };
      if (kind == null) {
        continue;
      }
      String name = e.getAttribute("name");
      String where = "schemas/" + path + ": identity constraint " + name + ": ";
      List<String> scope = scopeOf(e, where);
      List<Selector> selectors = null;
      List<String> fields = new ArrayList<>();
      for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element child && XS.equals(child.getNamespaceURI())) {
          if (child.getLocalName().equals("selector")) {
            selectors = selectors(child.getAttribute("xpath"), where);
          } else if (child.getLocalName().equals("field")) {
            fields.add(child.getAttribute("xpath").strip());
          }
        }
      }
      if (selectors == null || fields.size() != 1) {
        throw new ContractException(where + "the linear check needs one selector and one field");
      }
      String field = fields.get(0);
      field = field.startsWith("attribute::") ? field.substring(11) : field;
      if (!field.startsWith("@") || !NC_NAME.matcher(field.substring(1)).matches()) {
        throw new ContractException(
            where + "field " + fields.get(0) + ": the linear check supports an attribute only");
      }
      field = field.substring(1);
      requireIntegerAttribute(xsd, field, where);
      String refer = kind == Kind.KEYREF ? localName(e.getAttribute("refer")) : null;
      out.add(new Constraint(out.size(), kind, name, refer, scope, selectors, field));
    }
    return new IdentityConstraints(List.copyOf(out));
  }

  /** The element names from the global element down to the one declaring the constraint. */
  private static List<String> scopeOf(Element constraint, String where) {
    List<String> names = new ArrayList<>();
    Node n = constraint.getParentNode();
    while (n instanceof Element e && XS.equals(e.getNamespaceURI())) {
      switch (e.getLocalName()) {
        case "element" -> {
          if (e.getAttribute("name").isEmpty()) {
            throw new ContractException(where + "declared on an element without a name");
          }
          names.add(0, e.getAttribute("name"));
        }
        case "complexType" -> {
          if (!e.getAttribute("name").isEmpty()) {
            throw new ContractException(
                where
                    + "declared inside the named type "
                    + e.getAttribute("name")
                    + ", which may be used at several places; the linear check needs inline"
                    + " declarations");
          }
        }
        case "sequence", "choice", "all" -> {}
        case "schema" -> {
          return List.copyOf(names);
        }
        default ->
            throw new ContractException(
                where
                    + "declared inside xs:"
                    + e.getLocalName()
                    + ", unsupported by the linear check");
      }
      n = e.getParentNode();
    }
    throw new ContractException(where + "not inside the schema");
  }

  private static List<Selector> selectors(String xpath, String where) {
    List<Selector> out = new ArrayList<>();
    for (String alternative : xpath.split("\\|")) {
      String a = alternative.strip();
      boolean descendant = a.startsWith(".//");
      if (descendant) {
        a = a.substring(3);
      }
      List<String> steps = new ArrayList<>();
      for (String step : a.split("/")) {
        String s = step.strip();
        s = s.startsWith("child::") ? s.substring(7) : s;
        if (!s.equals("*") && !NC_NAME.matcher(s).matches()) {
          throw new ContractException(
              where + "selector " + xpath + ": the linear check supports child steps and .// only");
        }
        steps.add(s);
      }
      out.add(new Selector(descendant, List.copyOf(steps)));
    }
    return List.copyOf(out);
  }

  private static void requireIntegerAttribute(Document xsd, String field, String where) {
    NodeList attributes = xsd.getElementsByTagNameNS(XS, "attribute");
    boolean declared = false;
    for (int i = 0; i < attributes.getLength(); i++) {
      Element a = (Element) attributes.item(i);
      if (a.getAttribute("name").equals(field)) {
        declared = true;
        if (!INTEGER_TYPES.contains(localName(a.getAttribute("type")))) {
          throw new ContractException(
              where
                  + "attribute "
                  + field
                  + " is declared as "
                  + a.getAttribute("type")
                  + "; the linear check compares integer values only");
        }
      }
    }
    if (!declared) {
      throw new ContractException(where + "attribute " + field + " is declared nowhere");
    }
  }

  private static String localName(String qname) {
    return qname.substring(qname.indexOf(':') + 1);
  }

  // --- the check ---------------------------------------------------------------------------------

  /** An open scope of one constraint: the element at {@code depth} declaring it. */
  private static final class Scope {
    final Constraint constraint;
    final int depth;
    final Set<Object> values = new HashSet<>(); // unique, key: the values seen
    final List<Object> pending = new ArrayList<>(); // keyref: values not found (yet), in order
    final Set<Object> inherited = new HashSet<>(); // keyref: key values of scopes below
    boolean keyInScope; // keyref: a scope of the referred key was met in this one

    Scope(Constraint constraint, int depth) {
      this.constraint = constraint;
      this.depth = depth;
    }
  }

  /**
   * Checks a document. A document nested deeper than {@code maxDepth} elements or declaring a
   * DOCTYPE is refused: neither is NML, and both are how XML makes a parser work without bound.
   */
  Result check(byte[] xml, int maxDepth, int maxFindings) throws InputRefused {
    return new Pass(maxDepth, maxFindings).run(xml);
  }

  private final class Pass {
    final int maxDepth;
    final int maxFindings;
    final List<Finding> findings = new ArrayList<>();
    long total;
    long selected;
    final String[] stack;
    int depth;
    final List<Deque<Scope>> open = new ArrayList<>(); // per constraint, innermost first
    XMLStreamReader r;

    Pass(int maxDepth, int maxFindings) {
      this.maxDepth = maxDepth;
      this.maxFindings = maxFindings;
      this.stack = new String[maxDepth + 1];
      for (int i = 0; i < constraints.size(); i++) {
        open.add(new ArrayDeque<>());
      }
    }

    Result run(byte[] xml) throws InputRefused {
      XMLInputFactory f = XMLInputFactory.newDefaultFactory();
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
      try {
        r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
          while (r.hasNext()) {
            switch (r.next()) {
              case XMLStreamConstants.START_ELEMENT -> start();
              case XMLStreamConstants.END_ELEMENT -> end();
              case XMLStreamConstants.DTD ->
                  throw new InputRefused(
                      "the XML declares a DOCTYPE, which is not NML and is not processed");
              default -> {}
            }
          }
        } finally {
          r.close();
        }
      } catch (XMLStreamException e) {
        return new Result(selected, List.copyOf(findings), total, false);
      }
      return new Result(selected, List.copyOf(findings), total, true);
    }

    private String name() {
      String ns = r.getNamespaceURI();
      return ns == null || ns.isEmpty() ? r.getLocalName() : "{" + ns + "}" + r.getLocalName();
    }

    private boolean stackEndsWith(List<String> steps, int at) {
      int n = steps.size();
      if (at - n + 1 < 1) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        String step = steps.get(i);
        if (!step.equals("*") && !step.equals(stack[at - n + 1 + i])) {
          return false;
        }
      }
      return true;
    }

    private void start() throws InputRefused {
      if (depth == maxDepth) {
        throw new InputRefused("the XML is nested deeper than " + maxDepth + " elements");
      }
      stack[++depth] = name();
      for (Constraint c : constraints) {
        if (stackEndsWith(c.scope(), depth)) {
          Deque<Scope> scopes = open.get(c.index());
          if (scopes.size() == MAX_NESTED_SCOPES) {
            throw new InputRefused(
                "the XML nests the scope of identity constraint "
                    + c.name()
                    + " ("
                    + String.join("/", c.scope())
                    + ") more than "
                    + MAX_NESTED_SCOPES
                    + " deep");
          }
          scopes.push(new Scope(c, depth));
        }
      }
      // Every scope whose selector picks this element, outer scopes first (as Xerces reports).
      List<Scope> picked = null;
      for (Constraint c : constraints) {
        for (Scope s : open.get(c.index())) {
          if (s.depth < depth && selects(c, s.depth)) {
            picked = picked == null ? new ArrayList<>(2) : picked;
            picked.add(s);
          }
        }
      }
      if (picked == null) {
        return;
      }
      selected++;
      picked.sort(
          (a, b) ->
              a.depth != b.depth ? a.depth - b.depth : a.constraint.index() - b.constraint.index());
      for (Scope s : picked) {
        Constraint c = s.constraint;
        String raw = attribute(c.field());
        if (raw == null) {
          if (c.kind() == Kind.KEY) {
            find(
                "cvc-identity-constraint.4.2.1.a: Element \""
                    + stack[s.depth]
                    + "\" has no value for the key \""
                    + c.name()
                    + "\".");
          }
          continue;
        }
        Object value = value(raw);
        if (c.kind() == Kind.KEYREF) {
          if (!found(s, value)) {
            s.pending.add(value);
          }
        } else if (!s.values.add(value)) {
          find(
              "cvc-identity-constraint."
                  + (c.kind() == Kind.KEY
                      ? "4.2.2: Duplicate key value ["
                      : "4.1: Duplicate unique value [")
                  + value
                  + "] declared for identity constraint \""
                  + c.name()
                  + "\" of element \""
                  + stack[s.depth]
                  + "\".");
        }
      }
    }

    /**
     * Whether a selector of the constraint scoped at {@code scopeDepth} picks the current element.
     */
    private boolean selects(Constraint c, int scopeDepth) {
      for (Selector sel : c.selectors()) {
        int below = depth - scopeDepth;
        if (sel.descendant() ? below >= sel.steps().size() : below == sel.steps().size()) {
          if (stackEndsWith(sel.steps(), depth)) {
            return true;
          }
        }
      }
      return false;
    }

    private String attribute(String localName) {
      for (int i = 0; i < r.getAttributeCount(); i++) {
        String ns = r.getAttributeNamespace(i);
        if ((ns == null || ns.isEmpty()) && r.getAttributeLocalName(i).equals(localName)) {
          return r.getAttributeValue(i);
        }
      }
      return null;
    }

    private void end() {
      // Keyrefs declared here, last declared first (as Xerces reports), then this element's keys.
      for (int i = constraints.size() - 1; i >= 0; i--) {
        Scope s = open.get(i).peek();
        if (s != null && s.depth == depth && s.constraint.kind() == Kind.KEYREF) {
          open.get(i).pop();
          checkRefs(s);
        }
      }
      for (Constraint c : constraints) {
        Scope s = open.get(c.index()).peek();
        if (s != null && s.depth == depth) {
          open.get(c.index()).pop();
          handOver(s);
        }
      }
      depth--;
    }

    private void checkRefs(Scope s) {
      if (s.pending.isEmpty()) {
        return;
      }
      if (!s.keyInScope && keyScopeAt(s) == null) {
        find(
            "Identity Constraint error:  identity constraint \""
                + s.constraint.name()
                + "\" has a keyref which refers to a key or unique that is out of scope.");
        return;
      }
      for (Object value : s.pending) {
        if (!found(s, value)) {
          find(
              "cvc-identity-constraint.4.3: Key '"
                  + s.constraint.name()
                  + "' with value '"
                  + value
                  + "' not found for identity constraint of element '"
                  + stack[s.depth]
                  + "'.");
          return; // Xerces names the first value only
        }
      }
    }

    /** The open scope of the key a keyref refers to, declared on the keyref's own element. */
    private Scope keyScopeAt(Scope keyref) {
      Scope k = open.get(referred[keyref.constraint.index()].index()).peek();
      return k != null && k.depth == keyref.depth ? k : null;
    }

    private boolean found(Scope keyref, Object value) {
      if (keyref.inherited.contains(value)) {
        return true;
      }
      Scope k = keyScopeAt(keyref);
      return k != null && k.values.contains(value);
    }

    /** A key scope closes: its values count for the keyrefs of the scopes around it. */
    private void handOver(Scope closed) {
      if (closed.constraint.kind() == Kind.KEYREF) {
        return;
      }
      for (Constraint c : constraints) {
        if (c.kind() == Kind.KEYREF && referred[c.index()] == closed.constraint) {
          for (Scope s : open.get(c.index())) {
            if (s.depth < closed.depth) {
              s.keyInScope = true;
              s.inherited.addAll(closed.values);
              s.pending.removeIf(s.inherited::contains);
            }
          }
        }
      }
    }

    private void find(String message) {
      total++;
      if (findings.size() < maxFindings) {
        javax.xml.stream.Location at = r.getLocation();
        findings.add(new Finding(at.getLineNumber(), at.getColumnNumber(), message));
      }
    }
  }

  /**
   * A field value as Xerces compares it: an integer by its value (a {@code Long}, or its canonical
   * digits when longer: no {@code BigInteger} parsing, which is quadratic in the length), anything
   * else as text.
   */
  static Object value(String raw) {
    String v = raw.strip();
    if (!INTEGER.matcher(v).matches()) {
      return v;
    }
    boolean negative = v.charAt(0) == '-';
    int from = v.charAt(0) == '-' || v.charAt(0) == '+' ? 1 : 0;
    while (from < v.length() - 1 && v.charAt(from) == '0') {
      from++;
    }
    String digits = v.substring(from);
    if (digits.length() <= 18) {
      long n = Long.parseLong(digits);
      return negative ? -n : n;
    }
    return (negative ? "-" : "") + digits;
  }
}
