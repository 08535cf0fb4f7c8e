package dev.gavel.auction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MergePatchTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** The examples of RFC 7396, appendix A. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "{'a':'b'}                | {'a':'c'}              | {'a':'c'}",
            "{'a':'b'}                | {'b':'c'}              | {'a':'b','b':'c'}",
            "{'a':'b'}                | {'a':null}             | {}",
            "{'a':'b','b':'c'}        | {'a':null}             | {'b':'c'}",
            "{'a':['b']}              | {'a':'c'}              | {'a':'c'}",
            "{'a':'c'}                | {'a':['b']}            | {'a':['b']}",
            "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
            "{'a':[{'b':'c'}]}        | {'a':[1]}              | {'a':[1]}",
            "['a','b']                | ['c','d']              | ['c','d']",
            "{'a':'b'}                | ['c']                  | ['c']",
            "{'e':null}               | {'a':1}                | {'e':null,'a':1}",
            "[1,2]                    | {'a':'b','c':null}     | {'a':'b'}",
            "{}                       | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
    })
    void appliesAsTheRfcSays(String target, String patch, String expected) throws Exception {
        assertEquals(json(expected), MergePatch.apply(json(target), json(patch)));
    }

    @Test
    void aPatchNamesOnlyEditableFields() throws Exception {
        assertEquals(json("{'title':'x','endsAt':null}"), MergePatch.checked(json("{'title':'x','endsAt':null}")));
        DomainException notAnObject = assertThrows(DomainException.class, () -> MergePatch.checked(json("[1]")));
        assertEquals(DomainException.Kind.INVALID, notAnObject.kind());
        DomainException unknown = assertThrows(DomainException.class, () -> MergePatch.checked(json("{'colour':'red'}")));
        assertEquals("colour", unknown.errors().get(0).field());
        DomainException readOnly = assertThrows(DomainException.class,
                () -> MergePatch.checked(json("{'bidCount':5,'title':'x'}")));
        assertEquals(DomainException.Kind.CONFLICT, readOnly.kind());
        assertEquals("FIELD_NOT_EDITABLE", readOnly.code());
    }
}
