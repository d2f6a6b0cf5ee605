package dev.inventory.core.epcis;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positive and negative controls for the validator the EPCIS tests rely on: the official examples pass, broken
 * documents fail, and nothing is loaded from the network.
 */
class EpcisSchemaValidationTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "Example_9.6.1-ObjectEvent.jsonld",
        "Example_9.6.2-ObjectEvent.jsonld",
        "Example_9.6.3-AggregationEvent.jsonld",
        "Example_9.6.4-TransformationEvent.jsonld",
        "SensorDataExample1.jsonld"})
    void shouldAcceptOfficialExamplesWhenValidatingOffline(final String example) throws Exception
    {
        final JsonNode document = EpcisSchema.MAPPER.readTree(EpcisSchema.resource(example));

        assertThat(EpcisSchema.validateJsonLd(document)).isEmpty();
        // strictly, only the JSON-LD blank node document id is not an RFC 3986 URI
        assertThat(EpcisSchema.validate(document)).allMatch(e -> e.startsWith("/id:"));
    }

    @Test
    void shouldRejectDocumentWhenEventIsBroken() throws Exception
    {
        final ObjectNode document = (ObjectNode)EpcisSchema.MAPPER.readTree(
            EpcisSchema.resource("Example_9.6.1-ObjectEvent.jsonld"));
        final ObjectNode event = (ObjectNode)document.get("epcisBody").get("eventList").get(0);
        event.put("action", "LOOK");
        event.remove("eventTimeZoneOffset");

        final List<String> errors = EpcisSchema.validate(document);

        assertThat(errors).anyMatch(e -> e.contains("action"));
        assertThat(errors).anyMatch(e -> e.contains("eventTimeZoneOffset"));
    }

    @Test
    void shouldRejectDocumentWhenEpcListHoldsRawHexOrBizStepIsMisspelt() throws Exception
    {
        final ObjectNode document = (ObjectNode)EpcisSchema.MAPPER.readTree(
            EpcisSchema.resource("Example_9.6.1-ObjectEvent.jsonld"));
        final ObjectNode event = (ObjectNode)document.get("epcisBody").get("eventList").get(0);
        ((ArrayNode)event.get("epcList")).removeAll().add("3034257BF7194E4000001A85");
        event.put("bizStep", "recieving");

        final List<String> errors = EpcisSchema.validate(document);

        assertThat(errors).anyMatch(e -> e.contains("epcList"));
        assertThat(errors).anyMatch(e -> e.contains("bizStep"));
    }

    @Test
    void shouldRejectDocumentWhenRequiredHeaderFieldsAreMissing() throws Exception
    {
        final ObjectNode document = (ObjectNode)EpcisSchema.MAPPER.readTree(
            EpcisSchema.resource("Example_9.6.1-ObjectEvent.jsonld"));
        document.remove("schemaVersion");
        document.remove("@context");

        assertThat(EpcisSchema.validate(document)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldLoadSchemasFromClasspathOnlyWhenValidating() throws Exception
    {
        EpcisSchema.validate(EpcisSchema.resource("Example_9.6.2-ObjectEvent.jsonld"));

        assertThat(EpcisSchema.LOADED).isNotEmpty().allMatch(location -> location.startsWith("classpath:"));
    }
}
