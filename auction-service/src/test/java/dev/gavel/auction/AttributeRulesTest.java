package dev.gavel.auction;

import dev.gavel.auction.service.AttributeRules;
import dev.gavel.common.problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attribute values against their definitions: each type, required ones, unknown keys, keys defined twice. */
class AttributeRulesTest {

    static Category.Attribute def(String key, Category.AttributeType type, boolean required, String... options) {
        Category.Attribute a = new Category.Attribute();
        a.key = key;
        a.label = key;
        a.type = type;
        a.required = required;
        a.options = options.length == 0 ? null : String.join("\n", options);
        return a;
    }

    static final Map<String, List<Category.Attribute>> CAR = new LinkedHashMap<>();

    static {
        CAR.put("make", List.of(def("make", Category.AttributeType.TEXT, true)));
        CAR.put("mileage", List.of(def("mileage", Category.AttributeType.NUMBER, true)));
        CAR.put("electric", List.of(def("electric", Category.AttributeType.BOOLEAN, false)));
        CAR.put("fuel", List.of(def("fuel", Category.AttributeType.ENUM, false, "petrol", "diesel")));
    }

    static Map<String, Object> valid() {
        Map<String, Object> values = new HashMap<>();
        values.put("make", " Volvo ");
        values.put("mileage", 120000);
        return values;
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("make", 42, "must be text"),
                Arguments.of("make", "x".repeat(201), "must be at most 200 characters"),
                Arguments.of("mileage", "120000", "must be a number"),
                Arguments.of("mileage", Double.NaN, "must be a number"),
                Arguments.of("mileage", List.of(1), "must be a number"),
                Arguments.of("electric", "yes", "must be true or false"),
                Arguments.of("electric", 1, "must be true or false"),
                Arguments.of("fuel", "steam", "must be one of petrol, diesel"),
                Arguments.of("fuel", true, "must be one of petrol, diesel"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongValues")
    void aValueOfTheWrongTypeIsRefusedWithItsFieldNamed(String key, Object value, String message) {
        Map<String, Object> values = valid();
        values.put(key, value);
        AttributeRules.Result result = AttributeRules.check(values, CAR);
        assertEquals(List.of(new FieldError("attributes." + key, message)), result.errors());
    }

    @Test
    void valuesOfEveryTypeAreAcceptedAndTextIsTrimmed() {
        Map<String, Object> values = valid();
        values.put("electric", false);
        values.put("fuel", "diesel");
        values.put("mileage", new BigDecimal("1234.5"));
        AttributeRules.Result result = AttributeRules.check(values, CAR);
        assertEquals(List.of(), result.errors());
        assertEquals("Volvo", result.values().get("make"));
        assertEquals(false, result.values().get("electric"));
        assertEquals(4, result.values().size());
    }

    @Test
    void missingRequiredValuesAreReportedBlankOrNullCountsAsMissing() {
        Map<String, Object> values = new HashMap<>();
        values.put("make", "  ");
        values.put("mileage", null);
        AttributeRules.Result result = AttributeRules.check(values, CAR);
        assertEquals(List.of(new FieldError("attributes.make", "is required in this category"),
                new FieldError("attributes.mileage", "is required in this category")), result.errors());
        assertTrue(AttributeRules.check(Map.of(), CAR).errors().size() == 2);
    }

    @Test
    void anOptionalAttributeMayBeLeftOutOrNull() {
        Map<String, Object> values = valid();
        values.put("fuel", null);
        AttributeRules.Result result = AttributeRules.check(values, CAR);
        assertEquals(List.of(), result.errors());
        assertTrue(!result.values().containsKey("fuel"));
    }

    @Test
    void aKeyNoCategoryDefinesIsRefused() {
        Map<String, Object> values = valid();
        values.put("colour", "red");
        assertEquals(List.of(new FieldError("attributes.colour", "is not an attribute of the auction's categories")),
                AttributeRules.check(values, CAR).errors());
        assertEquals(List.of(new FieldError("attributes.colour", "is not an attribute of the auction's categories")),
                AttributeRules.check(Map.of("colour", "red"), Map.of()).errors());
    }

    @Test
    void aKeyDefinedByTwoCategoriesMustSatisfyBoth() {
        Map<String, List<Category.Attribute>> both = Map.of("condition", List.of(
                def("condition", Category.AttributeType.ENUM, true, "new", "used", "damaged"),
                def("condition", Category.AttributeType.ENUM, false, "new", "refurbished", "used")));
        assertEquals(List.of(), AttributeRules.check(Map.of("condition", "used"), both).errors());
        assertEquals("attributes.condition", AttributeRules.check(Map.of("condition", "damaged"), both).errors().get(0).field());
        assertEquals("is required in this category", AttributeRules.check(Map.of(), both).errors().get(0).message());
    }
}
