package dev.portbench.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@link FleetScenario} from a JSON file with Jackson: every field required, unknown
 * fields refused, {@code arrival} written in upper case ({@code "POISSON"}); errors name the file
 * and the field.
 */
public final class FleetScenarios {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private FleetScenarios() {
    }

    /**
     * @throws IllegalArgumentException naming the file, the field and what was allowed
     */
    public static FleetScenario read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), FleetScenario.class);
        } catch (JsonMappingException e) {
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof IllegalArgumentException)) {
                c = c.getCause();
            }
            String why = c instanceof IllegalArgumentException ? c.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("scenario " + file + " at " + e.getPathReference() + ": " + why, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** The scenario as JSON text (what {@link #read} reads back). */
    public static String toJson(FleetScenario scenario) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(scenario);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
