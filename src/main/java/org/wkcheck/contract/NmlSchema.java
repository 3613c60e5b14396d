package org.wkcheck.contract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The NML schema (XSD) of the contract, checked with the JDK's XML validation; no external DTD or
 * schema is ever fetched.
 */
public final class NmlSchema {
  private final Schema schema;
  private final String path;

  public NmlSchema(ContractFiles files, String relativePath) {
    this.path = relativePath;
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      this.schema = f.newSchema(new StreamSource(new StringReader(files.require(relativePath))));
    } catch (SAXException e) {
      throw new ContractException(
          "schemas/" + relativePath + " is not a valid XML Schema: " + e.getMessage(), e);
    }
  }

  /** The violations of an NML document: where (line:column) and what. */
  public List<Violation> validate(byte[] nml) {
    List<Violation> out = new ArrayList<>();
    Validator v = schema.newValidator();
    try {
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
    v.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            out.add(violation(e));
          }

          @Override
          public void fatalError(SAXParseException e) {
            out.add(violation(e));
          }
        });
    try {
      v.validate(new StreamSource(new ByteArrayInputStream(nml)));
    } catch (SAXParseException e) {
      if (out.isEmpty()) {
        out.add(violation(e));
      }
    } catch (SAXException | IOException e) {
      out.add(new Violation("", "xml", path, "not readable as XML: " + e.getMessage(), false));
    }
    return out;
  }

  private Violation violation(SAXParseException e) {
    return new Violation(
        "line " + e.getLineNumber() + ":" + e.getColumnNumber(),
        "xsd",
        path,
        e.getMessage(),
        false);
  }
}
