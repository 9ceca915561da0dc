package org.safercities.platform.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.safercities.crypto.OpenPgp;

/** A national forum for tests: its own OpenPGP key, signing the kit profiles it writes into a folder. */
final class Forum {

    static final char[] PASS = "forum passphrase 2026".toCharArray();
    final OpenPgp.OfficeKey key;
    final Path dir;

    Forum(Path dir) {
        this.dir = dir;
        this.key = OpenPgp.generateKey("Kenya Safer Cities Forum <forum@example.org>", PASS);
    }

    /** A profile with {@code extra} JSON members (each starting with a comma), signed as the forum does it. */
    Path sign(String extra) throws Exception {
        String json = "{\"name\":\"Kenya national kit 2026\",\"country\":\"KE\",\"languages\":[\"en\",\"fr\"],"
                + "\"levels\":[\"City\",\"Sub-county\",\"Ward\"],"
                + "\"signer\":" + jakarta.json.Json.createValue(key.armouredPublicKey()) + extra + "}";
        Path p = dir.resolve("kit-profile.json");
        Files.writeString(p, json);
        Files.writeString(Path.of(p + ".asc"), OpenPgp.signDetached(Files.newInputStream(p), key.armouredSecretKey(), PASS));
        return p;
    }

    /** A real PNG image of this size (drawn with the JDK's image writer). */
    static byte[] png(int width, int height) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x0b5e8a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
