package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.testng.annotations.Test;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.target.Role;
import org.wkcheck.target.TargetResolver;

/**
 * {@code serve --token-file FILE} MUST write every role's seeded token in the format {@code
 * --token-file} reads, into a file only its owner may read, and refuse what is not a file.
 */
public class ServeTokenFileTest {
  @Test
  public void theTokensReadBackForEveryRoleFromAnOwnerOnlyFile() throws Exception {
    Path file = Files.createTempFile("wkcheck-tokens", ".txt");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(file, "an older, longer content that must not survive in any part of it\n");
    ServeCommand.writeTokens(file);
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "rw-------");
    Map<Role, String> tokens = TargetResolver.tokens(name -> null, file);
    assertEquals(tokens.size(), Role.values().length, tokens.keySet().toString());
    for (Role r : Role.values()) {
      assertEquals(tokens.get(r), SeedWorld.token(r.seededUser()), r.name());
    }
    Files.delete(file);
    Path missing = Files.createTempDirectory("wkcheck-tokens").resolve("tokens.txt");
    ServeCommand.writeTokens(missing);
    assertEquals(
        PosixFilePermissions.toString(Files.getPosixFilePermissions(missing)), "rw-------");
    expectThrows(IOException.class, () -> ServeCommand.writeTokens(missing.getParent()));
  }
}
