package dev.portbench.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in gateway profiles (JSON resources under {@code dev/portbench/gateway/profiles/},
 * one file each) and a user's profile files, read with Jackson into {@link GatewayProfile}.
 * Unknown fields, missing fields and bad values are refused with the file and field named.
 */
public final class GatewayProfiles {

    /** The built-in profiles, in the order {@code ./portbench gateway --list} prints them. */
    public static final List<String> IDS = List.of("aws-nat-gateway", "azure-nat-gateway", "azure-lb-outbound",
            "gcp-cloud-nat", "gcp-cloud-nat-dynamic", "linux-masquerade", "cilium-bpf-snat", "vpp-nat44-ed", "cgnat-pba");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private GatewayProfiles() {
    }

    /** Every built-in profile. */
    public static List<GatewayProfile> all() {
        return IDS.stream().map(GatewayProfiles::builtIn).toList();
    }

    /**
     * A built-in profile by id, or else a profile file at that path.
     *
     * @throws IllegalArgumentException if it is neither, or the file is not a valid profile
     */
    public static GatewayProfile byIdOrFile(String idOrPath) {
        if (IDS.contains(idOrPath)) {
            return builtIn(idOrPath);
        }
        Path file = Path.of(idOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("profile: '" + idOrPath + "' (expected one of " + IDS + " or a profile file)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A built-in profile by id. */
    public static GatewayProfile builtIn(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("profile: '" + id + "' (expected one of " + IDS + ")");
        }
        String resource = "profiles/" + id + ".json";
        try (InputStream in = GatewayProfiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/portbench/gateway/" + resource);
            }
            GatewayProfile p = read(in, resource);
            if (!p.id().equals(id)) {
                throw new IllegalStateException(resource + ": id '" + p.id() + "' (expected: '" + id + "')");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * A profile from JSON text; {@code name} names it in error messages.
     *
     * @throws IllegalArgumentException naming {@code name}, the field and what was allowed
     */
    public static GatewayProfile parse(String json, String name) {
        try {
            return JSON.readValue(json, GatewayProfile.class);
        } catch (IOException e) {
            throw refusal(e, name);
        }
    }

    private static GatewayProfile read(InputStream in, String name) throws IOException {
        try {
            return JSON.readValue(in, GatewayProfile.class);
        } catch (JacksonException e) {
            throw refusal(e, name);
        }
    }

    private static IllegalArgumentException refusal(IOException e, String name) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getMessage().lines().findFirst().orElse("");
        String at = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            at = " at " + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        }
        return new IllegalArgumentException("profile " + name + at + ": " + why, e);
    }
}
