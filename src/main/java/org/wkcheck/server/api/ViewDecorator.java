package org.wkcheck.server.api;

import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a JSON representation after {@link Views} built it and before it goes anywhere, also
 * where it is embedded in another one (a task in an annotation). The reference server writes the
 * documented representations ({@link #NONE}); the fault layer ({@code server/faults}) renames,
 * retypes and drops fields here.
 */
public interface ViewDecorator {
  ViewDecorator NONE =
      new ViewDecorator() {
        @Override
        public <T> ObjectNode decorate(Representation<T> representation, T of, ObjectNode json) {
          return json;
        }
      };

  /** The representation to write of {@code of}, given the documented one, {@code json}. */
  <T> ObjectNode decorate(Representation<T> representation, T of, ObjectNode json);
}
