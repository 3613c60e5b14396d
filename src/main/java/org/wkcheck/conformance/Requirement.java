package org.wkcheck.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The requirement ids (of {@code schemas/<profile>/requirements.json}) a conformance test checks. A
 * listener carries them into the reports; a self-check fails when a test names an unknown id or a
 * testable requirement has no test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requirement {
  String[] value();
}
