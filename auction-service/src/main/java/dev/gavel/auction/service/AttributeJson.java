package dev.gavel.auction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** An auction's attribute values as stored: one JSON object (a {@code jsonb} column). */
@ApplicationScoped
public class AttributeJson {

    private final ObjectMapper mapper;

    public AttributeJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Map<String, Object> attributes) {
        try {
            return mapper.writeValueAsString(attributes == null ? Map.of() : attributes);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("attributes", "must be a JSON object of simple values");
        }
    }

    public Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }
}
