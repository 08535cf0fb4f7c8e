package dev.gavel.auction.api;

import dev.gavel.auction.Category;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@code /api/categories} (CONTRACT §3). */
public final class CategoryDtos {

    private CategoryDtos() {
    }

    public record AttributeDefinition(
            @NotBlank @Pattern(regexp = "[a-z][A-Za-z0-9_]{0,39}", message = "must be a camelCase key of at most 40 characters") String key,
            @NotBlank @Size(max = 80) String label,
            @NotNull Category.AttributeType type,
            @Size(max = 50) List<@NotBlank @Size(max = 60) String> options,
            boolean required) {

        public static AttributeDefinition of(Category.Attribute a) {
            return new AttributeDefinition(a.key, a.label, a.type, a.optionList(), a.required);
        }
    }

    public record CreateCategoryRequest(
            @NotBlank @Size(max = 80) String name,
            @Size(max = 80) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by '-'") String slug,
            UUID parentId,
            @Valid @Size(max = 50) List<@NotNull AttributeDefinition> attributes) {
    }

    /**
     * A node of the tree: {@code attributes} are the category's own definitions, {@code inheritedAttributes} those
     * it takes from its ancestors; an auction in the category must satisfy both.
     */
    public record CategoryView(UUID id, String name, String slug, UUID parentId, List<CategoryView> children,
            List<AttributeDefinition> attributes, List<AttributeDefinition> inheritedAttributes) {
    }
}
