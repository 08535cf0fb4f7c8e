package dev.gavel.auction;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A node of the category tree. Its attribute definitions apply to its auctions and to those of its sub-categories. */
@Entity
@Table(name = "category")
public class Category {

    /** How this entity is not found (one place for its code and message). */
    public static final NotFound NOT_FOUND = NotFound.of("category");


    public enum AttributeType { TEXT, NUMBER, BOOLEAN, ENUM }

    @Id
    public UUID id;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public int position;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "category_attribute", joinColumns = @JoinColumn(name = "category_id"))
    @OrderBy("position")
    public List<Attribute> attributes = new ArrayList<>();

    /** One attribute definition. */
    @Embeddable
    public static class Attribute {

        @Column(name = "key", nullable = false)
        public String key;

        @Column(nullable = false)
        public String label;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public AttributeType type;

        /** ENUM only: the allowed values, one per line. */
        @Column(columnDefinition = "text")
        public String options;

        @Column(nullable = false)
        public boolean required;

        @Column(nullable = false)
        public int position;

        public List<String> optionList() {
            return options == null ? null : Arrays.asList(options.split("\n"));
        }
    }
}
