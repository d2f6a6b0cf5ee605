package dev.inventory.core.epcis;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The official EPCIS 2.0 JSON Schema (draft-07, a copy in test resources {@code epcis/}), validated offline: its
 * {@code $id} is mapped to the classpath and every other schema location is refused, so a test can never fetch from
 * the network. Format assertions ({@code uri}, {@code date-time}) are on: {@link #validate} checks {@code uri} as
 * RFC 3986 strictly, {@link #validateJsonLd} also takes JSON-LD blank node identifiers ({@code _:name}) as URIs, as
 * the official examples use them for document ids (our output never does). Public for the EPCIS tests of other
 * modules (core's test-jar). Threadsafe.
 */
public final class EpcisSchema
{
    static final String SCHEMA_ID = "https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json";
    /** JSON mapper for reading documents. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Every schema location the validator asked for, for the offline test. */
    static final List<String> LOADED = Collections.synchronizedList(new ArrayList<>());

    private static final JsonSchema STRICT = load(false);
    private static final JsonSchema JSON_LD = load(true);

    private EpcisSchema()
    {
    }

    private static JsonSchema load(final boolean blankNodes)
    {
        final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
            .metaSchema(blankNodes ?
                JsonMetaSchema.builder(JsonMetaSchema.getV7()).format(new BlankNodeOrUriFormat()).build() :
                JsonMetaSchema.getV7())
            .schemaMappers(mappers -> mappers.mapPrefix("https://gs1.github.io/EPCIS/", "classpath:epcis/"))
            .schemaLoaders(loaders -> loaders.add(iri ->
            {
                final String location = iri.toString();
                LOADED.add(location);
                if (!location.startsWith("classpath:"))
                {
                    throw new IllegalStateException("refusing to load a schema from outside the classpath: " +
                        location);
                }
                final URL url = EpcisSchema.class.getClassLoader()
                    .getResource(location.substring("classpath:".length()));
                if (null == url)
                {
                    throw new IllegalStateException("no such schema resource: " + location);
                }
                return url::openStream;
            })));
        final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of(SCHEMA_ID), config);
    }

    /**
     * @param json a document or event.
     * @return validation errors, empty if valid.
     * @throws IOException if not JSON at all.
     */
    public static List<String> validate(final String json) throws IOException
    {
        return validate(MAPPER.readTree(json));
    }

    /**
     * @param node a document or event.
     * @return validation errors, empty if valid.
     */
    public static List<String> validate(final JsonNode node)
    {
        return validate(STRICT, node);
    }

    static List<String> validateJsonLd(final JsonNode node)
    {
        return validate(JSON_LD, node);
    }

    private static List<String> validate(final JsonSchema schema, final JsonNode node)
    {
        final List<String> errors = new ArrayList<>();
        for (final ValidationMessage message : schema.validate(node))
        {
            errors.add(message.toString());
        }
        return errors;
    }

    static String resource(final String name) throws IOException
    {
        try (InputStream in = EpcisSchema.class.getClassLoader().getResourceAsStream("epcis/" + name))
        {
            if (null == in)
            {
                throw new IOException("no test resource epcis/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Format "uri": an absolute RFC 3986 URI, or a JSON-LD blank node identifier. */
    private static final class BlankNodeOrUriFormat implements Format
    {
        @Override
        public String getName()
        {
            return "uri";
        }

        @Override
        public boolean matches(final ExecutionContext executionContext, final String value)
        {
            if (value.startsWith("_:") && value.length() > 2 && value.chars().noneMatch(Character::isWhitespace))
            {
                return true;
            }
            try
            {
                return new URI(value).isAbsolute();
            }
            catch (final URISyntaxException ex)
            {
                return false;
            }
        }
    }
}
