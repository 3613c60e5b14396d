/**
 * How the harness talks to a target it may not trust: every exchange has a deadline for the whole
 * exchange ({@link org.wkcheck.http.Limits#timeout()}), a bound on the answer's size also after
 * decoding gzip or deflate ({@link org.wkcheck.http.Limits#maxBody()}), bounded header lines, no
 * redirect is ever followed, and a token is never sent to another origin ({@link
 * org.wkcheck.http.GuardedClient}). Tokens are kept out of everything the harness writes ({@link
 * org.wkcheck.http.Redactor}), and {@link org.wkcheck.http.RateCap} counts every request of a load
 * run against its rate cap.
 */
package org.wkcheck.http;
