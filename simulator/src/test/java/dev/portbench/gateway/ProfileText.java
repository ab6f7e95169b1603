package dev.portbench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helper: a built-in profile's JSON text. */
final class ProfileText {

    private ProfileText() {
    }

    static String resource(String id) {
        try (InputStream in = GatewayProfiles.class.getResourceAsStream("profiles/" + id + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
