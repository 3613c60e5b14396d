package org.wkcheck.server.http;

/**
 * A step around every route, after the API version is checked and the token is looked up, and
 * before a route that requires a login refuses an anonymous caller. A filter may change what the
 * route reads ({@link Call#rewriteQuery}, {@link Call#rewriteBody}, {@link Call#rewriteForm}), who
 * the caller is ({@link Call#actAs}), and the answer ({@link Call#answer(Answer)}) or the failure
 * it ends in; it answers itself by not calling {@code next}. The reference server runs none; the
 * fault layer ({@code server/faults}) adds its defects here.
 */
@FunctionalInterface
public interface RouteFilter {
  void filter(Call call, Next next) throws Exception;

  /** The rest of the chain: the next filters, then the route. */
  @FunctionalInterface
  interface Next {
    void proceed() throws Exception;
  }
}
