/**
 * The one way every command and test reaches a target: the embedded reference server with the
 * seeded world's tokens, or a remote server with tokens from the environment or a token file; the
 * world the run may use; and what an exchange may cost. A precondition the target cannot meet is a
 * {@link org.wkcheck.target.Precondition}, which the suite reports as a skip and a load run as a
 * refused set-up.
 */
package org.wkcheck.target;
